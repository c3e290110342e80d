import Glibc

/// Symbolic names for the errno values hivex and file operations report.
public enum ErrnoName {
    /// The known names, keyed by errno value on this platform.
    static let names: [Int32: String] = {
        var table: [Int32: String] = [
            ENOENT: "ENOENT", EACCES: "EACCES", EPERM: "EPERM", EISDIR: "EISDIR", ENOTDIR: "ENOTDIR",
            ENOTSUP: "ENOTSUP", EINVAL: "EINVAL", EFAULT: "EFAULT", ELOOP: "ELOOP", ERANGE: "ERANGE",
            EEXIST: "EEXIST", EROFS: "EROFS", ENOMEM: "ENOMEM", EIO: "EIO", ENOSPC: "ENOSPC",
            EFBIG: "EFBIG", EBUSY: "EBUSY", EAGAIN: "EAGAIN", EDQUOT: "EDQUOT", EBADF: "EBADF",
            EINTR: "EINTR", EMFILE: "EMFILE", ENAMETOOLONG: "ENAMETOOLONG", EXDEV: "EXDEV",
        ]
        #if os(Linux)
        table[ENOKEY] = "HIVEX_NO_KEY"  // hivex defines HIVEX_NO_KEY as ENOKEY on Linux
        #endif
        return table
    }()

    /// The symbolic name of `code`, e.g. "ENOTSUP"; "errno N" for an unknown value.
    public static func name(of code: Int32) -> String {
        names[code] ?? "errno \(code)"
    }

    /// The C library's text for `code` (`strerror`).
    public static func message(of code: Int32) -> String {
        String(cString: strerror(code))
    }
}
