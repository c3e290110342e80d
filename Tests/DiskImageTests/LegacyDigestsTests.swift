import DiskImage
import Foundation
import Testing
import TestSupport

/// MD5 and SHA-1 (The Sleuth Kit's, for `--hash-image`) against coreutils' md5sum and sha1sum.
@Suite struct LegacyDigestsTests {
    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test func matchCoreutilsOnEveryLengthAroundTheBlockEdges() throws {
        guard ExternalTool.isInstalled("md5sum") && ExternalTool.isInstalled("sha1sum") else {
            Issue.record("md5sum and sha1sum (coreutils) are not installed")
            return
        }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        var generator = SystemRandomNumberGenerator()
        for count in [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 1 << 20] {
            let data = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let path = folder.file("data-\(count)")
            FileManager.default.createFile(atPath: path, contents: Data(data))
            var md5 = MD5Hasher(), sha1 = SHA1Hasher()
            let half = count / 2
            md5.update(Array(data[..<half])); md5.update(Array(data[half...]))
            sha1.update(Array(data[..<half])); sha1.update(Array(data[half...]))
            #expect(Self.hex(md5.finalize()) == String(try ExternalTool.run("md5sum", [path]).stdout.prefix(32)), "MD5 of \(count) bytes")
            #expect(Self.hex(sha1.finalize()) == String(try ExternalTool.run("sha1sum", [path]).stdout.prefix(40)), "SHA-1 of \(count) bytes")
        }
    }
}
