import Crypto
import Foundation
import Hivex

/// SHA-256 of a file, read in 1 MiB chunks through a read-only handle.
public enum FileDigest {
    /// The lowercase hex SHA-256 of the file at `path`.
    public static func sha256(path: String) throws -> String {
        try sha256(of: open(path), path: path)
    }

    /// The lowercase hex SHA-256 of `bytes`.
    public static func sha256(of bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// Opens `path` for hashing.
    static func open(_ path: String) throws -> FileHandle {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw HiveError(.ioError, operation: "hash", path: path, message: "cannot open the file to hash it")
        }
        return handle
    }

    /// The hash of everything `handle` reads from its position on; closes it.
    static func sha256(of handle: FileHandle, path: String) throws -> String {
        defer { try? handle.close() }
        var hasher = SHA256()
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                hasher.update(data: chunk)
            }
        } catch {
            throw HiveError(.ioError, operation: "hash", path: path, message: "cannot read the file to hash it: \(error.localizedDescription)")
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
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

    /// Waits for the hash (or its error).
    public func wait() throws -> String {
        done.wait()
        done.signal()  // later waits return at once
        return try result!.get()
    }
}
