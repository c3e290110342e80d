import FoundationEssentials
import Glibc
import Hivex

/// The POSIX file operations of the safe-edit path: exclusive creation, copying with fsync,
/// folder syncs, atomic rename.
enum FileOperations {
    /// `stat` of a path without following a final symlink.
    static func linkStatus(_ path: String) -> stat? {
        var info = stat()
        return lstat(path, &info) == 0 ? info : nil
    }

    /// Creates `path` exclusively (never following a symlink, never overwriting) and returns its descriptor.
    static func createExclusive(_ path: String, mode: mode_t = 0o600, operation: String) throws -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw fileError(errno, operation: operation, path: path) }
        return descriptor
    }

    /// Copies `source` into the open, empty file `descriptor`, then flushes it to disk.
    static func copy(from source: String, to descriptor: Int32, destination: String) throws {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw fileError(errno, operation: "read", path: source) }
        defer { close(input) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = read(input, &buffer, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw fileError(errno, operation: "read", path: source)
            }
            if count == 0 { break }
            try writeAll(Array(buffer[0..<count]), to: descriptor, path: destination)
        }
        try sync(descriptor, path: destination)
    }

    static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw fileError(errno, operation: "write", path: path)
            }
            offset += written
        }
    }

    static func sync(_ descriptor: Int32, path: String) throws {
        guard fsync(descriptor) == 0 else { throw fileError(errno, operation: "fsync", path: path) }
    }

    /// Flushes a file by path.
    static func sync(path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw fileError(errno, operation: "fsync", path: path) }
        defer { close(descriptor) }
        try sync(descriptor, path: path)
    }

    /// Flushes a folder, so a rename or a new file in it survives a crash.
    static func syncFolder(_ folder: String) throws {
        let descriptor = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw fileError(errno, operation: "fsync folder", path: folder) }
        defer { close(descriptor) }
        try sync(descriptor, path: folder)
    }

    /// Gives `path` the mode and, when permitted, the owner of `reference`.
    static func copyPermissions(from reference: stat, to path: String) throws {
        guard chmod(path, reference.st_mode & 0o7777) == 0 else { throw fileError(errno, operation: "chmod", path: path) }
        _ = chown(path, reference.st_uid, reference.st_gid)  // only root may; a failure keeps the editor as owner
    }

    /// Atomically replaces `destination` with `source` (same folder) and flushes the folder.
    static func replace(_ destination: String, with source: String) throws {
        guard rename(source, destination) == 0 else { throw fileError(errno, operation: "rename", path: destination) }
        try syncFolder(folder(of: destination))
    }

    static func folder(of path: String) -> String {
        let folder = PathName.folder(of: path)
        return folder.isEmpty ? "." : folder
    }

    static func remove(_ path: String) { unlink(path) }

    static func fileError(_ code: Int32, operation: String, path: String) -> HiveError {
        var error = HiveError(file: Errno(rawValue: code), operation: operation, path: path)
        error.message = "cannot \(operation): \(error.message)"
        return error
    }
}
