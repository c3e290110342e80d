import FoundationEssentials
import Glibc
import Hivex

/// SHA-256 of a file, read in 1 MiB chunks through a read-only descriptor.
public enum FileDigest {
    /// The lowercase hex SHA-256 of the file at `path`.
    public static func sha256(path: String) throws -> String {
        try sha256(of: open(path), path: path)
    }

    /// The lowercase hex SHA-256 of `bytes`.
    public static func sha256(of bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { HexText.bytes(SHA256Hasher.hash($0)) }
    }

    /// The lowercase hex SHA-256 of `bytes` (a mapped hive: see `Hive.fileBytes`), read in place.
    public static func sha256(of bytes: HiveBytes) -> String {
        HexText.bytes(SHA256Hasher.hash(bytes.buffer))
    }

    /// Opens `path` read-only for hashing.
    /// - Returns: the file descriptor, which ``sha256(of:path:)`` closes.
    static func open(_ path: String) throws -> Int32 {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw HiveError(.ioError, operation: "hash", path: path, message: "cannot open the file to hash it")
        }
        return descriptor
    }

    /// The hash of everything `descriptor` reads from its position on; closes it.
    ///
    /// A regular file is hashed through a read-only mapping, so its pages are the ones hivex maps
    /// from the page cache: the file is read from disk once and never copied to be hashed.
    static func sha256(of descriptor: Int32, path: String) throws -> String {
        defer { close(descriptor) }
        if let digest = mappedSHA256(descriptor: descriptor) { return digest }
        var hasher = SHA256Hasher()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else {
                let reason = String(cString: strerror(errno))
                throw HiveError(.ioError, operation: "hash", path: path, message: "cannot read the file to hash it: \(reason)")
            }
            if count == 0 { break }
            chunk.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        }
        return HexText.bytes(hasher.finalize())
    }

    /// The hash of a regular file through `mmap`, from its current position 0; nil when it cannot
    /// be mapped (empty, not regular), so the caller reads it instead.
    ///
    /// The file is mapped a window of 32 MiB at a time, each unmapped once hashed, so hashing a large
    /// file adds at most the window to the resident set (its pages stay in the page cache).
    static func mappedSHA256(descriptor: Int32) -> String? {
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0,
              lseek(descriptor, 0, SEEK_CUR) == 0 else { return nil }
        let size = Int(info.st_size)
        let window = 32 << 20
        var hasher = SHA256Hasher()
        var offset = 0
        while offset < size {
            let length = min(window, size - offset)
            guard let base = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, off_t(offset)), base != MAP_FAILED else {
                return offset == 0 ? nil : readRestSHA256(descriptor: descriptor, from: offset, hasher: hasher)
            }
            _ = madvise(base, length, MADV_SEQUENTIAL)
            hasher.update(UnsafeRawBufferPointer(start: base, count: length))
            munmap(base, length)
            offset += length
        }
        return HexText.bytes(hasher.finalize())
    }

    /// Finishes a hash by reading the file from `offset` (when a window could not be mapped).
    private static func readRestSHA256(descriptor: Int32, from offset: Int, hasher: SHA256Hasher) -> String? {
        var hasher = hasher
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var position = off_t(offset)
        while true {
            let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, position) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { return HexText.bytes(hasher.finalize()) }
            buffer.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            position += off_t(count)
        }
    }
}

/// A SHA-256 computed on its own thread while the caller reads the hive: on two cores the hash of
/// a large hive then costs almost no extra wall time.
public final class PendingDigest: Sendable {
    private let work: BackgroundWork<String>

    /// Opens the file at `path` now (so a later rename or unlink cannot change what is hashed) and
    /// hashes it on another thread.
    public init(path: String) {
        do {
            let descriptor = try FileDigest.open(path)
            work = BackgroundWork { try FileDigest.sha256(of: descriptor, path: path) }
        } catch {
            work = BackgroundWork(finished: .failure(error))
        }
    }

    /// Hashes `bytes` (the mapped file of an open hive: `Hive.fileBytes`) on another thread.
    public init(bytes: HiveBytes) {
        work = BackgroundWork { FileDigest.sha256(of: bytes) }
    }

    /// Hashes the file of the open `hive` as it was mapped when opened, on another thread.
    public convenience init(hive: Hive) {
        self.init(bytes: hive.fileBytes)
    }

    /// Waits for the hash (or its error).
    public func wait() throws -> String {
        try work.wait().get()
    }
}
