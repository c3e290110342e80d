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
    /// The file is read, not mapped: on a damaged medium a read fails with EIO and becomes a one-line
    /// error, where touching a bad page of a mapping kills the process with SIGBUS.
    static func sha256(of descriptor: Int32, path: String) throws -> String {
        defer { close(descriptor) }
        _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_SEQUENTIAL)
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

    /// Starts hashing a hive file's bytes the moment they are mapped, for ``Hive/init(path:options:whenMapped:)``:
    /// the hash then overlaps hivex's parse of the hive, which on a large hive is most of the open.
    /// ``PendingIdentity`` takes it up from ``Hive/startedWhenMapped``.
    public static func startWhenMapped(_ bytes: HiveBytes) -> (any Sendable)? { PendingDigest(bytes: bytes) }

    /// The hash of the open `hive`'s file: the one started when it was mapped, or a new one.
    public static func of(_ hive: Hive) -> PendingDigest {
        hive.startedWhenMapped as? PendingDigest ?? PendingDigest(hive: hive)
    }

    /// Waits for the hash (or its error).
    public func wait() throws -> String {
        try work.wait().get()
    }
}
