/// A big data (`db`) record: how hives of version 1.4 and later store value data over 16,344 bytes,
/// as a list of segments of up to 16,344 bytes each.
///
/// Layout: msuhanov's "Windows registry file format specification", section "Big data".
public struct BigData: Hashable, Sendable {
    /// The `db` signature.
    public static let signature: (UInt8, UInt8) = (0x64, 0x62)
    /// Offset of the segment count (UInt16).
    public static let segmentCountOffset = 2
    /// Offset of the segment list's cell index (UInt32).
    public static let segmentListOffset = 4
    /// Length of the record.
    public static let length = 8
    /// Data bytes per segment (every segment but the last is full).
    public static let segmentLength = 16_344

    /// Number of segments.
    public let segmentCount: Int
    /// Cell index of the segment list (UInt32 cell indexes of the segments).
    public let segmentListIndex: UInt32

    /// Parses the record at `recordOffset`; nil unless the signature matches, there are at least two
    /// segments and the record ends at or before `limit`.
    public init?(bytes: HiveBytes, recordOffset: Int, limit: Int) {
        guard bytes.hasSignature(BigData.signature, at: recordOffset), recordOffset >= 0,
              recordOffset <= limit &- BigData.length, limit <= bytes.count,
              let count = bytes.checkedUInt16(at: recordOffset + BigData.segmentCountOffset), count >= 2,
              let list = bytes.checkedUInt32(at: recordOffset + BigData.segmentListOffset)
        else { return nil }
        self.segmentCount = Int(count)
        self.segmentListIndex = list
    }
}
