import Foundation
import Hivex
import Testing
import TestSupport
@testable import HivetoolKit

@Suite struct ScanTests {
    @Test func discoveryOnAWindowsVolumeFindsTheKnownHivesInAnyCase() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let volume = try FakeVolume(in: folder)
        #expect(HiveDiscovery.isWindowsRoot(volume.root))
        let found = HiveDiscovery.files(in: [volume.root]).map { String($0.dropFirst(volume.root.count + 1)) }
        #expect(found == [
            "Documents and Settings/olduser/NTUSER.DAT",
            "Users/Bob/ntuser.dat",
            "Users/broken/NTUSER.DAT",
            "WINDOWS/ServiceProfiles/LocalService/NTUSER.DAT",
            "WINDOWS/system32/CONFIG/Default",
            "WINDOWS/system32/CONFIG/software",
            "users/alice/NTUSER.DAT",
        ])
    }

    @Test func discoveryInAPlainFolderUsesNamesAndSignaturesAndSkipsLinksAndLogs() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let evidence = folder.file("evidence")
        try FileManager.default.createDirectory(atPath: evidence + "/a/b", withIntermediateDirectories: true)
        _ = try folder.copy(Fixtures.sample("NTUSER.DAT"), as: "evidence/a/b/case42.bin")      // regf signature, odd name
        _ = try folder.copy(Fixtures.sample("SOFTWARE"), as: "evidence/SOFTWARE")
        FileManager.default.createFile(atPath: evidence + "/SOFTWARE.LOG1", contents: Data([1]))  // a sibling log
        FileManager.default.createFile(atPath: evidence + "/SYSTEM", contents: Data("not a hive".utf8))  // named like one
        FileManager.default.createFile(atPath: evidence + "/notes.txt", contents: Data("x".utf8))
        try FileManager.default.createSymbolicLink(atPath: evidence + "/a/up", withDestinationPath: "..")
        _ = try folder.copy(Fixtures.sample("SOFTWARE"), as: "outside.hiv")
        try FileManager.default.createSymbolicLink(atPath: evidence + "/outside.hiv", withDestinationPath: folder.file("outside.hiv"))
        let found = HiveDiscovery.files(in: [evidence]).map { String($0.dropFirst(evidence.count + 1)) }
        #expect(found == ["SOFTWARE", "SYSTEM", "a/b/case42.bin"])
    }

    @Test func recordsForEveryKindOfFile() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let volume = try FakeVolume(in: folder)
        var records: [String: ScanRecord] = [:]
        var summary = ScanSummary()
        Self.pool(jobs: 2, timeLimit: 60).run(HiveDiscovery.files(in: [volume.root])) { record in
            records[String(record.path.dropFirst(volume.root.count + 1))] = record
            summary.add(record)
        }
        let alice = try #require(records["users/alice/NTUSER.DAT"])
        #expect(alice.status == .ok && alice.kind == .user && alice.user == "alice")
        #expect(alice.profiles?.count == 6 && alice.deletedProfileMarks?.count == 5)
        #expect(alice.roots?.compactMap(\.defaultProfile) == ["Outlook", "Work"])
        #expect(alice.hive.sha256 == (try FileDigest.sha256(path: Fixtures.sample("NTUSER.DAT"))))

        let bob = try #require(records["Users/Bob/ntuser.dat"])
        #expect(bob.status == .ok && bob.kind == .user && bob.user == "Bob" && bob.profiles == [])
        #expect(records["WINDOWS/ServiceProfiles/LocalService/NTUSER.DAT"]?.user == "LocalService")
        #expect(records["WINDOWS/system32/CONFIG/Default"]?.user == ".DEFAULT")
        #expect(records["WINDOWS/system32/CONFIG/Default"]?.kind == .default)

        let software = try #require(records["WINDOWS/system32/CONFIG/software"])
        #expect(software.kind == .software && software.effectiveDays == 3 && software.activeView == .wow6432node)
        #expect(software.profiles == nil && software.user == nil)

        let log = try #require(records["Documents and Settings/olduser/NTUSER.DAT"])
        #expect(log.status == .error && log.errorKind == "notAHive" && log.user == "olduser")
        #expect(log.error?.contains("transaction log") == true)
        let broken = try #require(records["Users/broken/NTUSER.DAT"])
        #expect(broken.status == .error && broken.errorKind == "notAHive")

        #expect(summary.files == 7 && summary.hivesRead == 5 && summary.errors == 2)
        #expect(summary.profiles == 6 && summary.markedProfiles == 3 && summary.marks == 5 && summary.staleMarks == 2)
        #expect(summary.exitStatus == .partial)
        #expect(summary.line == "scan: 7 files, 5 hives read, 2 errors; 6 profiles (3 marked), 5 marks (2 stale); 0 dirty")
    }

    @Test func recordsComeInInputOrderWhateverTheJobs() {
        let paths = (0..<40).map { "missing-file\($0)" }
        for jobs in [1, 2, 7] {
            var seen: [String] = []
            Self.pool(jobs: jobs, timeLimit: 60).run(paths) { seen.append($0.path) }
            #expect(seen == paths, "jobs \(jobs)")
        }
    }

    /// The scan workers are the built hivetool's `scan-worker` (scripts/test builds it).
    static func pool(jobs: Int, timeLimit: TimeInterval, environment: [String: String] = [:]) -> ScanWorkerPool {
        ScanWorkerPool(jobs: jobs, timeLimit: timeLimit, workerCommand: [Fixtures.hivetoolExecutable, "scan-worker"], environment: environment)
    }

    @Test func aHangingWorkerIsKilledAfterTheTimeLimitAndTheRestGoesOn() throws {
        let sample = Fixtures.sample("NTUSER.DAT")
        var records: [ScanRecord] = []
        let start = Date()
        Self.pool(jobs: 1, timeLimit: 1, environment: ["HIVETOOL_TEST_WORKER_HANG_ON": "slow"])
            .run([sample, "/nonexistent/slow", sample, sample]) { records.append($0) }
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(records.map(\.path) == [sample, "/nonexistent/slow", sample, sample])
        #expect(records.map(\.status) == [.ok, .timeout, .ok, .ok])
        #expect(records[1].error == "/nonexistent/slow: timed out after 1 s (the per-hive time limit); its worker was killed")
    }

    @Test func aCrashingWorkerCostsOnlyItsFile() throws {
        let sample = Fixtures.sample("NTUSER.DAT")
        for jobs in [1, 2] {
            var records: [ScanRecord] = []
            Self.pool(jobs: jobs, timeLimit: 60, environment: ["HIVETOOL_TEST_WORKER_CRASH_ON": "crash"])
                .run([sample, "/x/crash-1", sample, "/x/crash-2", sample]) { records.append($0) }
            #expect(records.map(\.status) == [.ok, .error, .ok, .error, .ok], "jobs \(jobs)")
            #expect(records[1].error == "/x/crash-1: worker crashed (SIGSEGV) while reading this file; other files are unaffected")
            #expect(records[3].errorKind == "crash")
            #expect(records[4].profiles?.count == 6)
        }
    }

    @Test func emptyAndAllFailedScansHaveTheirOwnExitStatus() {
        #expect(ScanSummary().exitStatus == .notFound)
        var failed = ScanSummary()
        failed.add(ScanRecord(path: "x", status: .error))
        #expect(failed.exitStatus == .badHive)
        var good = ScanSummary()
        good.add(ScanRecord(path: "y", status: .ok))
        #expect(good.exitStatus == .success)
    }

    @Test(arguments: [
        ("/mnt/c/Users/alice/NTUSER.DAT", "alice"), ("/x/Documents and Settings/Old/ntuser.dat", "Old"),
        ("/v/Windows/ServiceProfiles/NetworkService/NTUSER.DAT", "NetworkService"),
        ("/v/Windows/System32/config/DEFAULT", ".DEFAULT"), ("/evidence/NTUSER.DAT", nil), ("NTUSER.DAT", nil),
    ])
    func userNameFromPath(path: String, user: String?) {
        #expect(ScanRecord.userName(fromPath: path) == user)
    }
}
