/// The one error type of the Hivex API: what failed, on which file and key, and why.
public struct HiveError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is; callers map it to exit codes.
    public enum Kind: String, Hashable, Sendable {
        /// The file does not exist.
        case fileNotFound
        /// The path is a directory or another non-regular file.
        case notAFile
        /// The file cannot be read or written for lack of permission.
        case permissionDenied
        /// Reading or writing the file failed (disk full, I/O error, ...).
        case ioError
        /// The file is not a registry hive at all (empty, no signature, a transaction log).
        case notAHive
        /// The file is a hive but its structure is damaged.
        case corrupt
        /// A key path does not exist.
        case keyNotFound
        /// A value does not exist.
        case valueNotFound
        /// A key to be created already exists.
        case keyExists
        /// A file to be created (a backup, a recovered hive) already exists.
        case fileExists
        /// A write was attempted on a hive opened read-only.
        case readOnly
        /// hivetool refuses the operation because it would not be safe.
        case refused
        /// A bad argument (an empty name, the root key where it cannot be used, ...).
        case invalidArgument
        /// A limit of hivex was exceeded.
        case limitExceeded
    }

    public var kind: Kind
    /// The operation that failed, e.g. "open", "list subkeys", "commit".
    public var operation: String
    /// The errno behind the failure, when there is one.
    public var errno: Errno?
    /// Its symbolic name, e.g. "ENOTSUP".
    public var errnoName: String? { errno?.name }
    /// The hive file.
    public var path: String
    /// The key the operation was working on, when there is one (backslash path; "\" is the root).
    public var keyPath: String?
    /// What went wrong, in words a user understands.
    public var message: String

    public init(_ kind: Kind, operation: String, path: String, keyPath: String? = nil, errno: Errno? = nil, message: String) {
        self.kind = kind
        self.operation = operation
        self.path = path
        self.keyPath = keyPath
        self.errno = errno
        self.message = message
    }

    /// One line: `FILE: MESSAGE (key KEY; OPERATION failed: ERRNO)`.
    public var description: String {
        var details: [String] = []
        if let keyPath { details.append("key \(keyPath)") }
        if let errnoName { details.append("\(operation): \(errnoName)") }
        let suffix = details.isEmpty ? "" : " (\(details.joined(separator: "; ")))"
        return "\(path): \(message)\(suffix)"
    }
}
