import Crypto
import Foundation
import Glibc
import Hivex

/// SHA-256 of a file, read in 1 MiB chunks through a read-only handle.
public enum FileDigest {
    /// The lowercase hex SHA-256 of the file at `path`.
    public static func sha256(path: String) throws -> String {
        try sha256(of: open(path), path: path)
    }

    /// The lowercase hex SHA-256 of `bytes`.
    public static func sha256(of bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// The lowercase hex SHA-256 of `bytes` (a mapped hive: see `Hive.fileBytes`), read in place.
    public static func sha256(of bytes: HiveBytes) -> String {
        hex(SHA256.hash(data: bytes.buffer))
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Opens `path` for hashing.
    static func open(_ path: String) throws -> FileHandle {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw HiveError(.ioError, operation: "hash", path: path, message: "cannot open the file to hash it")
        }
        return handle
    }

    /// The hash of everything `handle` reads from its position on; closes it.
    ///
    /// A regular file is hashed through a read-only mapping, so its pages are the ones hivex maps
    /// from the page cache: the file is read from disk once and never copied to be hashed.
    static func sha256(of handle: FileHandle, path: String) throws -> String {
        defer { try? handle.close() }
        if let digest = mappedSHA256(descriptor: handle.fileDescriptor) { return digest }
        var hasher = SHA256()
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                hasher.update(data: chunk)
            }
        } catch {
            throw HiveError(.ioError, operation: "hash", path: path, message: "cannot read the file to hash it: \(error.localizedDescription)")
        }
        return hex(hasher.finalize())
    }

    /// The hash of a regular file through `mmap`, from its current position 0; nil when it cannot
    /// be mapped (empty, not regular), so the caller reads it instead.
    static func mappedSHA256(descriptor: Int32) -> String? {
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0,
              lseek(descriptor, 0, SEEK_CUR) == 0 else { return nil }
        let size = Int(info.st_size)
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), base != MAP_FAILED else { return nil }
        defer { munmap(base, size) }
        _ = madvise(base, size, MADV_SEQUENTIAL)
        return hex(SHA256.hash(data: UnsafeRawBufferPointer(start: base, count: size)))
    }
}

/// A SHA-256 computed on its own thread while the caller reads the hive: on two cores the hash of
/// a large hive then costs almost no extra wall time.
public final class PendingDigest: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<String, Error>?

    /// Opens the file at `path` now (so a later rename or unlink cannot change what is hashed) and
    /// hashes it on another thread.
    public init(path: String) {
        let handle: FileHandle
        do {
            handle = try FileDigest.open(path)
        } catch {
            result = .failure(error)
            done.signal()
            return
        }
        let thread = Thread { [self] in
            result = Result { try FileDigest.sha256(of: handle, path: path) }
            done.signal()
        }
        thread.start()
    }

    /// Hashes `bytes` (the mapped file of an open hive: `Hive.fileBytes`) on another thread.
    public init(bytes: HiveBytes) {
        let thread = Thread { [self] in
            result = .success(FileDigest.sha256(of: bytes))
            done.signal()
        }
        thread.start()
    }

    /// Hashes the file of the open `hive` as it was mapped when opened, on another thread.
    public convenience init(hive: Hive) {
        self.init(bytes: hive.fileBytes)
    }

    /// Waits for the hash (or its error).
    public func wait() throws -> String {
        done.wait()
        done.signal()  // later waits return at once
        return try result!.get()
    }
}
