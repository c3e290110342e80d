import Foundation
import Hivex
import HivetoolKit
import RegistryFormat
import Testing
import TestSupport

/// The hive's hash starts the moment its file is mapped, so that it overlaps hivex's parse of the
/// hive; the identity then uses that hash, which is of the very bytes the hive was read from.
@Suite struct EarlyHashTests {
    @Test func theHashStartedWhenTheFileIsMappedIsTheOneTheIdentityUses() throws {
        let path = Fixtures.sample("NTUSER.DAT")
        var mappedCount: Int?
        let hive = try Hive(path: path, whenMapped: { bytes in
            mappedCount = bytes.count
            return PendingDigest.startWhenMapped(bytes)
        })
        let size = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(mappedCount == size)
        let started = try #require(hive.startedWhenMapped as? PendingDigest)
        #expect(PendingDigest.of(hive) === started)
        let expected = try FileDigest.sha256(path: path)
        #expect(try PendingIdentity(hive: hive).wait().sha256 == expected)
        #expect(try HiveIdentity(hive: hive).sha256 == expected)
    }

    @Test func aHiveOpenedWithoutItHashesWhenAsked() throws {
        let path = Fixtures.sample("NTUSER.DAT")
        let hive = try Hive(path: path)
        #expect(hive.startedWhenMapped == nil)
        #expect(try PendingIdentity(hive: hive).wait().sha256 == (try FileDigest.sha256(path: path)))
    }

    /// A file that is no hive is mapped, then refused: the open still fails as before.
    @Test func aRefusedFileStillFailsToOpen() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("random.bin")
        try Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 37) }).write(to: URL(fileURLWithPath: path))
        var called = false
        #expect(throws: HiveError.self) {
            _ = try Hive(path: path, whenMapped: { bytes in
                called = true
                return PendingDigest.startWhenMapped(bytes)
            })
        }
        #expect(called)
    }
}
