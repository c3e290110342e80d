import Glibc

/// A C library error number as a typed value (as swift-system's `Errno`): what hivex and the file
/// operations report. Compare with the named constants, never with a name string.
public struct Errno: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// The calling thread's current `errno`.
    public static var current: Errno { Errno(rawValue: errno) }

    /// `ENOENT`.
    public static let noSuchFileOrDirectory = Errno(rawValue: ENOENT)
    /// `ENOTDIR`.
    public static let notDirectory = Errno(rawValue: ENOTDIR)
    /// `EISDIR`.
    public static let isDirectory = Errno(rawValue: EISDIR)
    /// `EACCES`.
    public static let permissionDenied = Errno(rawValue: EACCES)
    /// `EPERM`.
    public static let notPermitted = Errno(rawValue: EPERM)
    /// `EROFS`: a read-only file system, or (from hivex) a hive opened read-only.
    public static let readOnlyFileSystem = Errno(rawValue: EROFS)
    /// `EEXIST`: a file exists, or (from hivex) a key does.
    public static let fileExists = Errno(rawValue: EEXIST)
    /// `ENOSPC`.
    public static let noSpace = Errno(rawValue: ENOSPC)
    /// `EDQUOT`.
    public static let diskQuotaExceeded = Errno(rawValue: EDQUOT)
    /// `EFBIG`.
    public static let fileTooLarge = Errno(rawValue: EFBIG)
    /// `EIO`.
    public static let ioError = Errno(rawValue: EIO)
    /// `ENOMEM`.
    public static let noMemory = Errno(rawValue: ENOMEM)
    /// `EINTR`.
    public static let interrupted = Errno(rawValue: EINTR)
    /// `ENOTSUP`: from hivex, a corrupt or unsupported structure.
    public static let notSupported = Errno(rawValue: ENOTSUP)
    /// `EINVAL`: from hivex, a bad argument or a bad header checksum.
    public static let invalidArgument = Errno(rawValue: EINVAL)
    /// `EFAULT`: from hivex, a pointer outside the hive.
    public static let badAddress = Errno(rawValue: EFAULT)
    /// `ELOOP`: from hivex, a subkey list that loops; from `open`, a loop of symbolic links.
    public static let loop = Errno(rawValue: ELOOP)
    /// `ENAMETOOLONG`: a path or a part of it is too long.
    public static let nameTooLong = Errno(rawValue: ENAMETOOLONG)
    /// `ERANGE`: from hivex, one of its limits was exceeded.
    public static let outOfRange = Errno(rawValue: ERANGE)
    /// `ENOKEY`, which hivex calls `HIVEX_NO_KEY`: the hive has no root key.
    public static let hivexNoKey = Errno(rawValue: ENOKEY)

    /// The symbolic name, e.g. `ENOTSUP` (`HIVEX_NO_KEY` for hivex's missing root); `errno N` when unknown.
    public var name: String { Self.names[rawValue] ?? "errno \(rawValue)" }

    /// The C library's text (`strerror`).
    public var message: String { String(cString: strerror(rawValue)) }

    public var description: String { name }

    private static let names: [Int32: String] = [
        ENOENT: "ENOENT", EACCES: "EACCES", EPERM: "EPERM", EISDIR: "EISDIR", ENOTDIR: "ENOTDIR",
        ENOTSUP: "ENOTSUP", EINVAL: "EINVAL", EFAULT: "EFAULT", ELOOP: "ELOOP", ERANGE: "ERANGE",
        EEXIST: "EEXIST", EROFS: "EROFS", ENOMEM: "ENOMEM", EIO: "EIO", ENOSPC: "ENOSPC",
        EFBIG: "EFBIG", EBUSY: "EBUSY", EAGAIN: "EAGAIN", EDQUOT: "EDQUOT", EBADF: "EBADF",
        EINTR: "EINTR", EMFILE: "EMFILE", ENAMETOOLONG: "ENAMETOOLONG", EXDEV: "EXDEV",
        ENOKEY: "HIVEX_NO_KEY",  // hivex defines HIVEX_NO_KEY as ENOKEY on Linux
    ]
}
