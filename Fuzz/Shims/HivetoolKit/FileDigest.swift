// Fuzz-build stand-in for Sources/HivetoolKit/Support/FileDigest.swift, the only HivetoolKit file
// that imports Crypto (swift-crypto). The fuzz build compiles HivetoolKit from its sources with
// swiftc and this file instead of that one, so it needs neither swift-crypto nor SwiftPM's build.
// It keeps the real file's API and reads the whole file the same way (FileHandle, 1 MiB chunks),
// but the digest is FNV-1a, printed as 64 hex digits: the fuzzed code paths stay the same, the
// number is not a SHA-256. Never used outside scripts/fuzz.
import Foundation
import Hivex

public enum FileDigest {
    public static func sha256(path: String) throws -> String {
        try sha256(of: open(path), path: path)
    }

    public static func sha256(of bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(repeating: String(hash, radix: 16).leftPadded(16), count: 4)
    }

    public static func sha256(of bytes: HiveBytes) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes.buffer { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(repeating: String(hash, radix: 16).leftPadded(16), count: 4)
    }

    static func open(_ path: String) throws -> FileHandle {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw HiveError(.ioError, operation: "hash", path: path, message: "cannot open the file to hash it")
        }
        return handle
    }

    static func sha256(of handle: FileHandle, path: String) throws -> String {
        defer { try? handle.close() }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                for byte in chunk { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            }
        } catch {
            throw HiveError(.ioError, operation: "hash", path: path, message: "cannot read the file to hash it: \(error.localizedDescription)")
        }
        return String(repeating: String(hash, radix: 16).leftPadded(16), count: 4)
    }
}

public final class PendingDigest: @unchecked Sendable {
    private let result: Result<String, Error>

    /// Hashes at once on the calling thread: libFuzzer runs one input at a time.
    public init(path: String) {
        result = Result { try FileDigest.sha256(path: path) }
    }

    /// Hashes `bytes` at once on the calling thread.
    public init(bytes: HiveBytes) {
        result = .success(FileDigest.sha256(of: bytes))
    }

    /// Hashes the file of the open `hive` as mapped, at once on the calling thread.
    public convenience init(hive: Hive) {
        self.init(bytes: hive.fileBytes)
    }

    public func wait() throws -> String { try result.get() }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
