import FoundationEssentials

/// A key (`nk` record) as read from a hive's bytes, live or recovered: the same type for both, with
/// ``state`` saying where its record was found (notatin's `CellKeyNode` with its `CellState`).
///
/// ``LiveKeyReader`` produces live keys (``CellState/allocated``) and ``FreeSpaceScanner`` deleted ones
/// (every other state), with what could be rebuilt around them.
public struct KeyRecord: Hashable, Sendable {
    /// File offset of the key's cell (its size field, 4 bytes before the `nk` record), in the same
    /// numbering as `HiveKey.offset`. Inside merged free space this is where the key's own cell began.
    public var offset: Int
    /// The key's name.
    public var name: String
    /// The key's last-written time; nil when the FILETIME is zero or out of range.
    public var lastWrite: Date?
    /// The key's last-written time as raw FILETIME ticks (100 ns since 1601), for exact comparison.
    public var lastWriteTicks: UInt64
    /// The key's path as far as its parents resolve, ending with ``name`` (empty for a live root key).
    ///
    /// When ``pathComplete``, the path runs from the hive root, without the root's own name, like every
    /// other key path in hivetool (`Software\Microsoft\Office\...`). Otherwise it starts at the oldest
    /// ancestor that could still be read (a live or deleted key node) and the parts above are unknown.
    public var pathComponents: [String]
    /// Whether the parent chain reached the hive's root key.
    public var pathComplete: Bool
    /// File offset of the parent key's cell as the record states it; nil when the field is nil.
    public var parentOffset: Int?
    /// Number of subkeys the record declares (for a deleted key, at the time it was deleted).
    public var declaredSubkeyCount: Int
    /// Number of values the record declares.
    public var declaredValueCount: Int
    /// Whether the value list resolved wholly: every entry a readable `vk` (for a deleted key, also
    /// free and outside the live tree); when false, ``values`` holds only the entries that resolved.
    public var valueListIntact: Bool
    /// The key's values, read through its value list, in stored order.
    public var values: [ValueRecord]
    /// Where the key's record was found.
    public var state: CellState

    /// The path joined with backslashes.
    public var path: String { pathComponents.joined(separator: "\\") }

    /// Creates a key record.
    public init(offset: Int, name: String, lastWrite: Date?, lastWriteTicks: UInt64, pathComponents: [String],
                pathComplete: Bool, parentOffset: Int?, declaredSubkeyCount: Int, declaredValueCount: Int,
                valueListIntact: Bool, values: [ValueRecord], state: CellState) {
        self.offset = offset
        self.name = name
        self.lastWrite = lastWrite
        self.lastWriteTicks = lastWriteTicks
        self.pathComponents = pathComponents
        self.pathComplete = pathComplete
        self.parentOffset = parentOffset
        self.declaredSubkeyCount = declaredSubkeyCount
        self.declaredValueCount = declaredValueCount
        self.valueListIntact = valueListIntact
        self.values = values
        self.state = state
    }
}
