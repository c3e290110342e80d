import FoundationEssentials

/// Where a scanned hive came from when it was read inside a disk image: the image, the partition
/// and file system, the file's path, MFT entry and `$STANDARD_INFORMATION` times, and the hashes of
/// the hive and of each log as stored in the image. Attached to a ``ScanRecord`` as `source`.
public struct EvidenceSource: Codable, Hashable, Sendable {
    /// The image file.
    public var image: ImageProvenance
    /// The partition holding the file system; nil when the file system fills the whole image.
    public var partition: PartitionProvenance?
    /// The file system's start in bytes from the start of the media.
    public var fileSystemOffset: Int64
    /// `ntfs`.
    public var fileSystem: String
    /// The hive's path inside the file system (`/Users/alice/NTUSER.DAT`), as stored.
    public var pathInFileSystem: String?
    /// The hive's MFT entry and sequence number.
    public var mftEntry: UInt64?
    public var mftSequence: UInt32?
    /// True for a hive whose MFT entry is deleted (`--deleted-files`).
    public var deleted: Bool
    /// SHA-256 of the hive file as stored in the image (before any log is applied).
    public var sha256: String?
    public var size: Int64?
    /// `$STANDARD_INFORMATION` times of the hive file.
    public var created: Date?
    public var modified: Date?
    /// When the MFT entry last changed.
    public var mftChanged: Date?
    public var accessed: Date?
    /// The transaction logs found beside the hive, read from the image.
    public var logs: [LogSource]

    public init(image: ImageProvenance, partition: PartitionProvenance?, fileSystemOffset: Int64, fileSystem: String) {
        self.image = image
        self.partition = partition
        self.fileSystemOffset = fileSystemOffset
        self.fileSystem = fileSystem
        deleted = false
        logs = []
    }
}

/// A transaction log read from a disk image beside its hive.
public struct LogSource: Codable, Hashable, Sendable {
    /// `NTUSER.DAT.LOG1`, as stored.
    public var name: String
    public var mftEntry: UInt64
    public var size: Int64
    public var sha256: String
    /// Whether log replay applied it (see the hive's `logs` report).
    public var applied: Bool

    public init(name: String, mftEntry: UInt64, size: Int64, sha256: String, applied: Bool) {
        self.name = name
        self.mftEntry = mftEntry
        self.size = size
        self.sha256 = sha256
        self.applied = applied
    }
}

/// One entry of the image's volume system that holds the file system.
public struct PartitionProvenance: Codable, Hashable, Sendable {
    /// The entry's address, as `mmls` numbers it.
    public var index: Int
    /// Start and length in bytes.
    public var start: Int64
    public var length: Int64
    /// `NTFS / exFAT (0x07)`, `Basic data partition`, ...
    public var description: String
    /// `dos` (MBR), `gpt`, ...
    public var table: String

    public init(index: Int, start: Int64, length: Int64, description: String, table: String) {
        self.index = index
        self.start = start
        self.length = length
        self.description = description
        self.table = table
    }
}

/// The disk image a hive was read from.
public struct ImageProvenance: Codable, Hashable, Sendable {
    /// The image as given (its first segment).
    public var path: String
    /// `raw`, `ewf`, `vmdk`, `vhd`, ...
    public var type: String
    /// The media size in bytes.
    public var size: Int64
    /// Every segment file (split raw `.001`, `.002`; E01 `.E01`, `.E02`).
    public var segments: [String]
    /// With `--hash-image`: SHA-256 (and MD5, SHA-1) of the whole media.
    public var sha256: String?
    public var md5: String?
    public var sha1: String?
    /// For E01: the MD5 and SHA-1 stored in the image when it was acquired, and whether the data matches them.
    public var storedMD5: String?
    public var storedSHA1: String?
    public var verified: Bool?

    public init(path: String, type: String, size: Int64, segments: [String]) {
        self.path = path
        self.type = type
        self.size = size
        self.segments = segments
    }
}
