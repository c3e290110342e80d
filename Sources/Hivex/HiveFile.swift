import Glibc
import RegistryFormat

/// A regular file opened for reading with plain POSIX calls; used before hivex sees a file.
struct HiveFile {
    let descriptor: Int32
    let path: String
    let size: UInt64

    /// Opens `path` read-only, refusing anything that is not a regular file.
    static func openForReading(path: String, operation: String) throws -> HiveFile {
        var info = stat()
        if stat(path, &info) != 0 {
            throw HiveFile.error(errno, operation: operation, path: path)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            let what = (info.st_mode & S_IFMT) == S_IFDIR ? "is a directory" : "is not a regular file"
            throw HiveError(.notAFile, operation: operation, path: path, message: "not a registry hive: the path \(what)")
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw HiveFile.error(errno, operation: operation, path: path) }
        return HiveFile(descriptor: descriptor, path: path, size: UInt64(info.st_size))
    }

    /// Reads up to `count` bytes from the current position.
    func read(count: Int, operation: String) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        let filled = try buffer.withUnsafeMutableBytes { try read(into: $0, operation: operation) }
        return Array(buffer[0..<filled])
    }

    /// Fills `buffer` from the current position, stopping early at the end of the file.
    /// - Returns: the number of bytes read.
    func read(into buffer: UnsafeMutableRawBufferPointer, operation: String) throws -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var filled = 0
        while filled < buffer.count {
            let result = Glibc.read(descriptor, base + filled, buffer.count - filled)
            if result < 0 {
                if errno == EINTR { continue }
                throw HiveFile.error(errno, operation: operation, path: path)
            }
            if result == 0 { break }
            filled += result
        }
        return filled
    }

    func close() { _ = Glibc.close(descriptor) }

    /// Maps the file read-only (see `MappedFile`).
    func map(operation: String) throws -> MappedFile {
        do {
            return try MappedFile(descriptor: descriptor)
        } catch {
            throw HiveFile.error(error.code, operation: operation, path: path)
        }
    }

    /// The regular file at `path`, mapped read-only.
    static func map(path: String, operation: String) throws -> MappedFile {
        let file = try openForReading(path: path, operation: operation)
        defer { file.close() }
        return try file.map(operation: operation)
    }

    /// The whole regular file at `path`, read (not mapped) straight into bytes of their own: a bad
    /// sector is then an EIO error here, never a SIGBUS later.
    static func readAll(path: String, operation: String) throws -> HiveBytes {
        let file = try openForReading(path: path, operation: operation)
        defer { file.close() }
        return try HiveBytes(capacity: Int(file.size)) { try file.read(into: $0, operation: operation) }
    }

    /// Maps an errno from a file operation to a ``HiveError`` (see ``HiveError/init(file:operation:path:)``).
    static func error(_ code: Int32, operation: String, path: String) -> HiveError {
        HiveError(file: Errno(rawValue: code), operation: operation, path: path)
    }
}
