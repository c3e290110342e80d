import Foundation
import Hivex
import Testing
import TestSupport
@testable import HivetoolKit

/// The search of a hive's free space can start when its image is ready, before hivex parses it
/// (`hivetool list-profiles`, `outlook` and `deleted` do so); the readers then take that search up,
/// and it is the search of the very image hivex reads: the replayed one when logs apply.
@Suite struct EarlySearchTests {
    static let wms = #"Software\Microsoft\Windows NT\CurrentVersion\Windows Messaging Subsystem\Profiles"#

    /// Opens `path` with the search started when its image is ready, and says with which bytes.
    static func openSearchingEarly(_ path: String, options: Hive.OpenOptions = []) throws -> (hive: Hive, imageCount: Int?, logs: [String]?) {
        var imageCount: Int?, logs: [String]?
        let start = FreeSpaceRecovery.startWhenImageReady(path: path)
        let hive = try Hive(path: path, options: options, whenImageReady: { bytes, appliedLogs in
            imageCount = bytes.count
            logs = appliedLogs
            return start(bytes, appliedLogs)
        })
        return (hive, imageCount, logs)
    }

    @Test func theSearchStartedEarlyIsTakenUpAndFindsWhatALateOneFinds() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try DeletedProfileRecoveryTests.sample(in: folder, deleting: [Self.wms + #"\Outlook"#], likeWindows: true)
        let (hive, imageCount, logs) = try Self.openSearchingEarly(path)
        #expect(imageCount == hive.bytes.count)
        #expect(logs == [])
        let started = try #require(hive.startedWhenImageReady as? BackgroundWork<FreeSpaceRecovery>)
        #expect(FreeSpaceRecovery.search(of: hive) === started)

        let early = try ProfileInventory(hive: hive, includingDeleted: true)
        let late = try ProfileInventory(hive: Hive(path: path), includingDeleted: true)
        let names = try #require(early.deletedProfiles).map(\.name)
        #expect(names.contains("Outlook"))
        #expect(names == (try #require(late.deletedProfiles)).map(\.name))
        #expect(try FreeSpaceRecovery(started: hive).records == FreeSpaceRecovery(hive: Hive(path: path)).records)
    }

    @Test func aDirtyHiveIsSearchedInItsReplayedImage() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let fixture = try DirtyHiveFixture(sample: Fixtures.sample("NTUSER.DAT"), name: "NTUSER.DAT", in: folder) { hive in
            try hive.deleteKey(hive.requireKey(at: Self.wms + #"\Outlook"#))
        }
        let (hive, imageCount, logs) = try Self.openSearchingEarly(fixture.hive)
        #expect(logs == [fixture.log])
        #expect(imageCount == hive.bytes.count)
        let early = try FreeSpaceRecovery(started: hive)
        let late = try FreeSpaceRecovery(hive: Hive(path: fixture.hive))
        #expect(early.appliedLogs == [fixture.log])
        #expect(early.records == late.records)
        #expect(!early.records.keys.isEmpty)
    }

    @Test func withoutItTheReadersSearchAfterTheOpen() throws {
        let hive = try Hive(path: Fixtures.sample("NTUSER.DAT"))
        #expect(hive.startedWhenImageReady == nil)
        #expect(FreeSpaceRecovery.search(of: hive) !== FreeSpaceRecovery.search(of: hive))
    }

    /// A file refused before hivex sees it starts no search.
    @Test func aRefusedFileStartsNoSearch() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("random.bin")
        try Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 37) }).write(to: URL(fileURLWithPath: path))
        var called = false
        #expect(throws: HiveError.self) {
            _ = try Hive(path: path, whenImageReady: { _, _ in
                called = true
                return nil
            })
        }
        #expect(!called)
    }
}
