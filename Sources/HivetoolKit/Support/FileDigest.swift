import Crypto
import Foundation
import Hivex

/// SHA-256 of a file, read in 1 MiB chunks through a read-only handle.
public enum FileDigest {
    /// The lowercase hex SHA-256 of the file at `path`.
    public static func sha256(path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw HiveError(.ioError, operation: "hash", path: path, message: "cannot open the file to hash it")
        }
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
