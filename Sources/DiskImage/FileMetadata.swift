internal import CTSK
import FoundationEssentials

/// A file's metadata: on NTFS its MFT entry and the `$STANDARD_INFORMATION` timestamps.
public struct FileMetadata: Hashable, Sendable {
    /// The metadata address (the MFT entry number on NTFS).
    public var address: UInt64
    /// The MFT entry's sequence number (NTFS).
    public var sequence: UInt32
    public var size: Int64
    /// False when the entry is not in use (a deleted file).
    public var isAllocated: Bool
    /// Whether the entry describes a regular file (not a folder).
    public var isRegularFile: Bool
    public var created: Date?
    public var modified: Date?
    /// When the MFT entry last changed.
    public var changed: Date?
    public var accessed: Date?

    init(_ meta: TSK_FS_META) {
        address = UInt64(meta.addr)
        sequence = meta.seq
        size = Int64(meta.size)
        isAllocated = meta.flags.rawValue & TSK_FS_META_FLAG_ALLOC.rawValue != 0
        isRegularFile = meta.type == TSK_FS_META_TYPE_REG
        created = Self.date(meta.crtime, meta.crtime_nano)
        modified = Self.date(meta.mtime, meta.mtime_nano)
        changed = Self.date(meta.ctime, meta.ctime_nano)
        accessed = Self.date(meta.atime, meta.atime_nano)
    }

    /// nil for TSK's "not set" (0).
    static func date(_ seconds: time_t, _ nanoseconds: UInt32) -> Date? {
        guard seconds != 0 || nanoseconds != 0 else { return nil }
        return Date(timeIntervalSince1970: Double(seconds) + Double(nanoseconds) / 1_000_000_000)
    }
}
