/// The one place where an errno becomes a ``HiveError``: what an errno means from a file operation,
/// and what it means from hivex (where it can describe the hive's structure).
extension HiveError {
    /// The error for a failed file operation (`open`, `read`, `write`, `rename`, ...).
    public init(file errno: Errno, operation: String, path: String) {
        let (kind, message) = Self.fileMeaning(of: errno)
        self.init(kind, operation: operation, path: path, errno: errno, message: message)
    }

    /// The error for a failed hivex call; an errno hivex does not give its own meaning is read as
    /// a file error. Errno 0 (hivex failed without saying why) means the hive is corrupt.
    public init(hivex errno: Errno, operation: String, path: String) {
        let kind: Kind
        let message: String
        switch errno {
        case .notSupported, .badAddress, .invalidArgument, Errno(rawValue: 0):
            (kind, message) = (.corrupt, "hive is corrupt: cannot \(operation)")
        case .loop:
            (kind, message) = (.corrupt, "hive is corrupt: a subkey list loops (cannot \(operation))")
        case .hivexNoKey:
            (kind, message) = (.corrupt, "hive is corrupt: it has no root key")
        case .outOfRange:
            (kind, message) = (.limitExceeded, "cannot \(operation): a hivex limit was exceeded")
        case .fileExists:
            (kind, message) = (.keyExists, "cannot \(operation): the key already exists")
        case .readOnlyFileSystem:
            (kind, message) = (.readOnly, "cannot \(operation): the hive was opened read-only")
        case .noMemory:
            (kind, message) = (.ioError, "cannot \(operation): out of memory")
        default:
            self.init(file: errno, operation: operation, path: path)
            return
        }
        self.init(kind, operation: operation, path: path, errno: errno.rawValue == 0 ? nil : errno, message: message)
    }

    /// What `errno` from a file operation means, in words a user understands.
    static func fileMeaning(of errno: Errno) -> (Kind, String) {
        switch errno {
        case .noSuchFileOrDirectory: (.fileNotFound, "no such file")
        case .notDirectory: (.fileNotFound, "no such file (a parent is not a directory)")
        case .loop: (.fileNotFound, "no such file (its symbolic links loop)")
        case .nameTooLong: (.fileNotFound, "no such file (the path is too long)")
        case .permissionDenied, .notPermitted: (.permissionDenied, "permission denied")
        case .isDirectory: (.notAFile, "not a registry hive: the path is a directory")
        case .fileExists: (.fileExists, "the file already exists")
        case .noSpace, .diskQuotaExceeded: (.ioError, "no space left on the device")
        case .fileTooLarge: (.ioError, "file too large for this process's file size limit")
        case .readOnlyFileSystem: (.permissionDenied, "read-only file system")
        default: (.ioError, errno.message)
        }
    }
}
