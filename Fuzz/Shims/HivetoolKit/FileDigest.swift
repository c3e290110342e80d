// Fuzz-build stand-in for Sources/HivetoolKit/Support/FileDigest.swift and SHA256Hasher.swift, the
// HivetoolKit files over our C SHA-256 (Sources/CSHA256). The fuzz build compiles HivetoolKit from its
// sources with swiftc and this file instead of those, so it needs neither the C target nor SwiftPM's build.
// It keeps the real file's API and still reads the whole file (FileHandle, 1 MiB chunks),
// but the digest is FNV-1a over the length and the first and last 4 KiB, 8 bytes a step, printed as
// 64 hex digits: the fuzzed code paths stay the same, the number is not a SHA-256. (A byte-by-byte
// hash of the whole file, under ASan and comparison tracing, was a fifth of readpath's time: `ls`
// and `get` hash the hive once per listing, and the harness makes twelve.) Never used outside
// scripts/fuzz.
import Foundation
import Hivex

public enum FileDigest {
    public static func sha256(path: String) throws -> String {
        try sha256(of: open(path), path: path)
    }

    public static func sha256(of bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { digest($0) }
    }

    public static func sha256(of bytes: HiveBytes) -> String {
        digest(bytes.buffer)
    }

    /// FNV-1a over the length and the first and last 4 KiB of `buffer`, a word at a time.
    static func digest(_ buffer: UnsafeRawBufferPointer) -> String {
        let sample = 4096
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(buffer.count)
        func fold(_ range: Range<Int>) {
            var offset = range.lowerBound
            while offset + 8 <= range.upperBound {
                hash = (hash ^ buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0x100_0000_01b3
                offset += 8
            }
            while offset < range.upperBound {
                hash = (hash ^ UInt64(buffer[offset])) &* 0x100_0000_01b3
                offset += 1
            }
        }
        fold(0..<min(buffer.count, sample))
        if buffer.count > sample { fold(max(sample, buffer.count - sample)..<buffer.count) }
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
        var bytes: [UInt8] = []
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                chunk.withUnsafeBytes { bytes.append(contentsOf: $0) }
            }
        } catch {
            throw HiveError(.ioError, operation: "hash", path: path, message: "cannot read the file to hash it: \(error.localizedDescription)")
        }
        return sha256(of: bytes)
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

    /// Hashes a hive file's bytes when they are mapped (at once, on the calling thread).
    public static func startWhenMapped(_ bytes: HiveBytes) -> (any Sendable)? { PendingDigest(bytes: bytes) }

    /// The hash started when `hive`'s file was mapped, or a new one.
    public static func of(_ hive: Hive) -> PendingDigest {
        hive.startedWhenMapped as? PendingDigest ?? PendingDigest(hive: hive)
    }

    public func wait() throws -> String { try result.get() }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
