import FoundationEssentials

/// The 32-byte header of a hive bin (`hbin`): the unit in which a hive grows, a multiple of 4096
/// bytes, holding cells.
///
/// Layout: msuhanov's "Windows registry file format specification", section "Hive bin".
public struct HiveBinHeader: Hashable, Sendable {
    /// Length of the header; the first cell starts right after it.
    public static let length = 32
    /// Hive bins are aligned to, and sized in multiples of, this many bytes.
    public static let alignment = 4096
    /// The `hbin` signature, at offset 0.
    public static let signature: [UInt8] = Array("hbin".utf8)
    /// Offset of the bin's own offset field (relative to the first bin), a UInt32.
    public static let offsetFieldOffset = 4
    /// Offset of the bin's size field, a UInt32.
    public static let sizeFieldOffset = 8
    /// Offset of the bin's FILETIME (meaningful in the first bin only).
    public static let timestampOffset = 20

    /// File offset of the bin's first byte.
    public let fileOffset: Int
    /// The bin's size in bytes (a multiple of 4096).
    public let size: Int
    /// The FILETIME stored in the header, as raw ticks.
    public let timestampTicks: UInt64

    /// File offset just past the bin's last byte.
    public var endOffset: Int { fileOffset + size }
    /// File offset of the bin's first cell.
    public var firstCellOffset: Int { fileOffset + HiveBinHeader.length }

    /// Parses the header at `fileOffset`; nil unless the signature, the offset field (which must name
    /// the bin's own position) and the size (a non-zero multiple of 4096 that fits in `limit`) check out.
    public init?(bytes: [UInt8], fileOffset: Int, limit: Int) {
        guard fileOffset >= BaseBlock.size, fileOffset <= limit &- HiveBinHeader.length,
              let storedOffset = bytes.checkedUInt32(at: fileOffset + HiveBinHeader.offsetFieldOffset),
              let storedSize = bytes.checkedUInt32(at: fileOffset + HiveBinHeader.sizeFieldOffset),
              let ticks = bytes.checkedUInt64(at: fileOffset + HiveBinHeader.timestampOffset)
        else { return nil }
        guard bytes[fileOffset..<(fileOffset + 4)].elementsEqual(HiveBinHeader.signature),
              Int(storedOffset) == fileOffset - BaseBlock.size,
              storedSize >= HiveBinHeader.alignment, Int(storedSize) % HiveBinHeader.alignment == 0,
              Int(storedSize) <= limit - fileOffset
        else { return nil }
        self.fileOffset = fileOffset
        self.size = Int(storedSize)
        self.timestampTicks = ticks
    }
}
