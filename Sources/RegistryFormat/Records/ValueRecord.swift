/// A key value (`vk` record) as read from a hive's bytes, live or recovered: the same type for both,
/// with ``state`` saying where its record was found.
public struct ValueRecord: Hashable, Sendable {
    /// File offset of the value's cell (its size field), in the same numbering as `HiveKey.offset`.
    public var offset: Int
    /// The value's name; empty for a key's default value.
    public var name: String
    /// The registry value type as stored (REG_SZ = 1, REG_BINARY = 3, REG_DWORD = 4, ...).
    public var type: UInt32
    /// The data size the record declares, in bytes.
    public var dataSize: Int
    /// The data, when ``dataRecoverable``; nil otherwise.
    public var data: [UInt8]?
    /// Whether the data could be read back intact: it is inline, empty, or its cells are present and
    /// large enough (for a deleted value, also not reused by the live tree).
    public var dataRecoverable: Bool
    /// Where the value's record was found.
    public var state: CellState

    /// Creates a value record.
    public init(offset: Int, name: String, type: UInt32, dataSize: Int, data: [UInt8]?, dataRecoverable: Bool,
                state: CellState) {
        self.offset = offset
        self.name = name
        self.type = type
        self.dataSize = dataSize
        self.data = data
        self.dataRecoverable = dataRecoverable
        self.state = state
    }
}
