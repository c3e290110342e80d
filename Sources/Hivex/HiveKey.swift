/// A handle to a key (hivex node) of one open ``Hive``: valid only while that hive is open and
/// only with that hive. Cheap to copy and compare; it holds no reference to the hive.
public struct HiveKey: Hashable, Sendable, CustomStringConvertible {
    /// hivex's node handle: the offset of the key's `nk` cell in the file.
    public let offset: Int

    init(offset: Int) { self.offset = offset }

    public var description: String { "key@0x\(String(offset, radix: 16))" }

    /// The key handle at `offset` (a cell offset in the file, as ``offset`` is). For tests and tools
    /// that found a key cell themselves; reads through a handle that is not a key cell fail cleanly.
    public init(unchecked offset: Int) { self.offset = offset }
}
