/// A value list: the cell indexes of a key's value (`vk`) records, with no header of its own; the
/// count comes from the key node.
///
/// Layout: msuhanov's "Windows registry file format specification", section "Key values list".
public struct ValueList: Hashable, Sendable {
    /// Bytes per element (a UInt32 cell index).
    public static let elementLength = 4

    /// The cell indexes of the values, in stored order.
    public let elements: [UInt32]

    /// Reads `count` elements at `recordOffset`; nil when they would end after `limit`.
    public init?(bytes: HiveBytes, recordOffset: Int, count: Int, limit: Int) {
        guard count >= 0, recordOffset >= 0, limit <= bytes.count,
              count <= (limit - recordOffset) / ValueList.elementLength
        else { return nil }
        self.elements = (0..<count).map { bytes.uint32(at: recordOffset + $0 * ValueList.elementLength) }
    }
}
