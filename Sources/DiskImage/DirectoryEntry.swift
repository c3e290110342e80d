/// One name in a folder of a ``FileSystem``.
public struct DirectoryEntry: Hashable, Sendable {
    /// The name as stored (NTFS names compare case-insensitively).
    public var name: String
    /// The metadata address it points to (the MFT entry on NTFS).
    public var address: UInt64
    public var isDirectory: Bool
    public var isRegularFile: Bool
    /// False for a deleted name still present in its folder.
    public var isAllocated: Bool
}
