import FoundationEssentials

/// A failure reading a disk image: what was being done, on which image, and The Sleuth Kit's text.
public struct DiskImageError: Error, CustomStringConvertible, Hashable, Sendable {
    /// What went wrong, for scripts.
    public enum Kind: String, Sendable, Hashable {
        /// The image (or one of its segments) cannot be opened: unknown format, truncated, unreadable.
        case cannotOpen
        /// A read inside the image failed (a sector range that cannot be read).
        case unreadable
        /// No NTFS file system where one was looked for.
        case noFileSystem
    }

    public let kind: Kind
    /// `open the image`, `read MFT entry 64`, ...
    public let operation: String
    /// The image file as given.
    public let path: String
    /// The Sleuth Kit's message (may be empty).
    public let message: String

    public init(kind: Kind, operation: String, path: String, message: String) {
        self.kind = kind
        self.operation = operation
        self.path = path
        self.message = message
    }

    public var description: String {
        let detail = message.isEmpty ? "" : ": \(message)"
        return "\(path): cannot \(operation)\(detail)"
    }
}
