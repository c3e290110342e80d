import Foundation
import HivetoolKit
import RegistryFormat
import Testing
import TestSupport

/// Our SHA-256 (Sources/CSHA256) against the published FIPS 180-4 examples, against coreutils'
/// sha256sum, and its implementations (SHA extensions, libcrypto, portable C) against each other.
@Suite struct SHA256HasherTests {
    /// Deterministic bytes, so a failure can be replayed.
    static func bytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        return (0..<count).map { _ in
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        }
    }

    static func hex(_ bytes: [UInt8], _ implementation: SHA256Hasher.Implementation, pieces: [Int] = []) -> String {
        var hasher = SHA256Hasher(forcing: implementation)
        var start = 0
        for end in pieces.sorted() + [bytes.count] where end >= start && end <= bytes.count {
            bytes[start..<end].withUnsafeBytes { hasher.update($0) }
            start = end
        }
        return HexText.bytes(hasher.finalize())
    }

    @Test(arguments: SHA256Hasher.Implementation.allCases)
    func theStandardsExamples(implementation: SHA256Hasher.Implementation) {
        // FIPS 180-4's examples (NIST CSRC "Examples with intermediate values") and the million a's.
        let examples: [(String, String)] = [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
             "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
            (String(repeating: "a", count: 1_000_000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
        ]
        for (message, digest) in examples {
            #expect(Self.hex(Array(message.utf8), implementation) == digest, "\(message.prefix(10))… by \(implementation)")
        }
    }

    /// Every length around the block and padding edges, fed whole and in uneven pieces: every
    /// implementation and every split give one digest.
    @Test func everyImplementationAndEverySplitAgree() {
        for count in Array(0...200) + [511, 512, 513, 4095, 4096, 65_537, 1_000_003] {
            let data = Self.bytes(count, seed: UInt64(count))
            let whole = Self.hex(data, .portable)
            let pieces = [count / 3, count / 3 + 1, count / 2 + 63, count - 1].filter { $0 > 0 }
            for implementation in SHA256Hasher.Implementation.allCases {
                #expect(Self.hex(data, implementation) == whole, "length \(count) by \(implementation)")
                #expect(Self.hex(data, implementation, pieces: pieces) == whole, "length \(count) in pieces \(pieces) by \(implementation)")
            }
        }
    }

    /// A hash in progress copied (as Swift copies the struct) goes on independently of the original.
    @Test(arguments: SHA256Hasher.Implementation.allCases)
    func aCopiedHashGoesOnByItself(implementation: SHA256Hasher.Implementation) {
        let data = Self.bytes(1000, seed: 7)
        var first = SHA256Hasher(forcing: implementation)
        data[..<300].withUnsafeBytes { first.update($0) }
        var second = first
        data[300...].withUnsafeBytes { first.update($0) }
        second.update([1, 2, 3])
        #expect(HexText.bytes(first.finalize()) == Self.hex(data, .portable))
        #expect(HexText.bytes(second.finalize()) == Self.hex(Array(data[..<300]) + [1, 2, 3], .portable))
    }

    /// An empty piece with no address (an empty mapping's bytes) in the middle of a partial block adds
    /// nothing. (Before, the C code passed its NULL to memcpy: undefined behaviour that UBSan reports.)
    @Test(arguments: SHA256Hasher.Implementation.allCases)
    func anEmptyPieceWithoutAnAddressAddsNothing(implementation: SHA256Hasher.Implementation) {
        let data = Self.bytes(100, seed: 3)
        var hasher = SHA256Hasher(forcing: implementation)
        data[..<37].withUnsafeBytes { hasher.update($0) }
        hasher.update(UnsafeRawBufferPointer(start: nil, count: 0))
        data[37...].withUnsafeBytes { hasher.update($0) }
        #expect(HexText.bytes(hasher.finalize()) == Self.hex(data, .portable))
    }

    /// FileDigest (read in chunks) against coreutils' sha256sum, an independent implementation.
    @Test func filesHashAsSha256sumHashesThem() throws {
        guard ExternalTool.isInstalled("sha256sum") else {
            Issue.record("sha256sum (coreutils) is not installed")
            return
        }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        var files = [Fixtures.sample("NTUSER.DAT"), Fixtures.sample("SOFTWARE")]
        for (index, count) in [0, 1, 63, 64, 65, 1 << 20, (32 << 20) + 12_345].enumerated() {
            let path = folder.file("random-\(index)")
            FileManager.default.createFile(atPath: path, contents: Data(Self.bytes(count, seed: UInt64(index) + 99)))
            files.append(path)
        }
        for path in files where FileManager.default.fileExists(atPath: path) {
            let expected = String(try ExternalTool.run("sha256sum", [path]).stdout.prefix(64))
            #expect(try FileDigest.sha256(path: path) == expected, "\(path)")
            if let data = FileManager.default.contents(atPath: path) {
                #expect(FileDigest.sha256(of: [UInt8](data)) == expected, "\(path) in memory")
            }
        }
    }

    @Test func theFastestImplementationPresentIsUsed() throws {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let flags = cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") }.map { Set($0.split(separator: " ").map(String.init)) } ?? []
        let cpuHasThem = flags.contains("sha_ni") && flags.contains("sse4_1") && flags.contains("ssse3")
        let libcrypto = FileManager.default.fileExists(atPath: "/usr/lib/x86_64-linux-gnu/libcrypto.so.3")
            || FileManager.default.fileExists(atPath: "/lib/x86_64-linux-gnu/libcrypto.so.3")
        let expected: SHA256Hasher.Implementation = cpuHasThem ? .shaExtensions : libcrypto ? .libcrypto : .portable
        #expect(SHA256Hasher().implementation == expected, "cpu flags sha_ni/sse4_1/ssse3: \(cpuHasThem), libcrypto.so.3: \(libcrypto)")
        #expect(SHA256Hasher(forcing: .portable).implementation == .portable)
        #expect(SHA256Hasher(forcing: .shaExtensions).implementation == (cpuHasThem ? .shaExtensions : .portable))
        #expect(SHA256Hasher(forcing: .libcrypto).implementation == (libcrypto ? .libcrypto : .portable))
    }
}
