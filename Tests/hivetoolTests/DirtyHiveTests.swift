import Foundation
import Hivex
import Testing
import TestSupport
@testable import HivetoolKit

/// Issue 10 end to end: a user hive whose newest changes (a MAPI profile and a deletion mark) sit
/// only in its transaction log, as Windows 8.1+ leaves NTUSER.DAT.
@Suite("Dirty hives and their logs")
struct DirtyHiveTests {
    static let profiles16 = #"Software\Microsoft\Office\16.0\Outlook\Profiles"#
    static let container = #"Software\Microsoft\Office\16.0\Outlook\Deleted Profiles 0badf00d"#
    static let pst = #"E:\Archive\from-the-log.pst"#

    /// samples/NTUSER.DAT plus, in its log only: profile `FromLog` (a Unicode PST service) and a
    /// deletion mark for `Work`.
    static func fixture(in folder: TemporaryDirectory) throws -> DirtyHiveFixture {
        try DirtyHiveFixture(sample: Fixtures.sample("NTUSER.DAT"), name: "NTUSER.DAT", in: folder) { hive in
            let section = try hive.addKeys(at: profiles16 + #"\FromLog\0a0d020000000000c000000000000046"#)
            try hive.setValue(.string("001f3d09", "MSUPST MS", type: .binary).utf16Binary(), in: section)
            try hive.setValue(RegistryValue(name: "001f6700", type: .binary, data: UTF16LE.encode(pst)), in: section)
            try hive.addKeys(at: container + #"\Work"#)
        }
    }

    /// `info`'s text form shows no log hash, so it does not hash the logs; the JSON form does.
    @Test func infoHashesTheLogsOnlyForItsJSONForm() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let dirty = try Self.fixture(in: folder)
        let hashed = try HiveInfo(hive: Hive(path: dirty.hive))
        let unhashed = try HiveInfo(hive: Hive(path: dirty.hive), hashingLogs: false)
        #expect(hashed.hive.logs?.applied.map(\.sha256) == [try FileDigest.sha256(path: dirty.log)])
        #expect(unhashed.hive.logs?.applied.map(\.sha256) == [""])
        #expect(unhashed.hive.sha256 == hashed.hive.sha256 && unhashed.keyCount == hashed.keyCount)

        let json = try CLI.run("info", "--format", "json", dirty.hive)
        json.expectQuietSuccess()
        let logs = try #require((try CLI.jsonObject(json.stdout)["hive"] as? [String: Any])?["logs"] as? [String: Any])
        #expect((logs["applied"] as? [[String: Any]])?.first?["sha256"] as? String == (try FileDigest.sha256(path: dirty.log)))
        let text = try CLI.run("info", dirty.hive)
        text.expectQuietSuccess()
        #expect(text.stdout.contains("Logs applied:    NTUSER.DAT.LOG1 (entries "), "\(text)")
    }

    @Test func listProfilesReadsTheLogByDefaultAndNotWithNoLogs() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let dirty = try Self.fixture(in: folder)
        let before = [try FileSnapshot(dirty.hive), try FileSnapshot(dirty.log)]

        let replayed = try CLI.run("list-profiles", "--format", "json", dirty.hive)
        replayed.expectQuietSuccess()
        let json = try CLI.jsonObject(replayed.stdout)
        let profiles = try #require(json["profiles"] as? [[String: Any]])
        let fromLog = try #require(profiles.first { $0["name"] as? String == "FromLog" }, "\(replayed)")
        #expect((fromLog["dataFiles"] as? [[String: Any]])?.first?["path"] as? String == Self.pst)
        let work = try #require(profiles.first { $0["name"] as? String == "Work" })
        #expect((work["markedIn"] as? [String])?.contains("Deleted Profiles 0badf00d") == true)
        let hive = try #require(json["hive"] as? [String: Any])
        #expect(hive["dirty"] as? Bool == true)
        #expect(hive["sha256"] as? String == (try FileDigest.sha256(path: dirty.hive)))
        let applied = try #require((hive["logs"] as? [String: Any])?["applied"] as? [[String: Any]])
        #expect(applied.map { $0["path"] as? String } == [dirty.log])
        #expect(applied.first?["sha256"] as? String == (try FileDigest.sha256(path: dirty.log)))
        #expect((json["warnings"] as? [String])?.isEmpty == true, "\(replayed)")

        let text = try CLI.run("list-profiles", dirty.hive)
        #expect(text.stdout.contains("\nLogs applied: NTUSER.DAT.LOG1 (entries "), "\(text)")
        #expect(text.stdout.contains("FromLog"))

        let stale = try CLI.run("list-profiles", "--no-logs", "--format", "json", dirty.hive)
        #expect(stale.status == 0)
        #expect(stale.stderr == "hivetool: warning: \(dirty.hive): \(HiveIdentity.dirtyNote)\n")
        let staleJSON = try CLI.jsonObject(stale.stdout)
        #expect((staleJSON["profiles"] as? [[String: Any]])?.contains { $0["name"] as? String == "FromLog" } == false)
        #expect((staleJSON["profiles"] as? [[String: Any]])?.first { $0["name"] as? String == "Work" }?["markedIn"] as? [String] == [])

        // scan replays in its workers too.
        let scan = try CLI.run("scan", folder.path)
        #expect(scan.stdout.contains("\"name\":\"FromLog\""), "\(scan)")
        let staleScan = try CLI.run("scan", "--no-logs", folder.path)
        #expect(!staleScan.stdout.contains("\"name\":\"FromLog\""), "\(staleScan)")

        #expect([try FileSnapshot(dirty.hive), try FileSnapshot(dirty.log)] == before, "the evidence changed")
    }

    @Test func aDamagedLogIsNamedAndThePrimaryIsRead() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let dirty = try Self.fixture(in: folder)
        var log = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dirty.log)))
        log[log.count - 100] ^= 0xFF   // inside the entry's pages: its hash no longer matches
        try Data(log).write(to: URL(fileURLWithPath: dirty.log))

        let outcome = try CLI.run("list-profiles", "--format", "json", dirty.hive)
        #expect(outcome.status == 0, "\(outcome)")
        let lines = outcome.stderr.split(separator: "\n")
        #expect(lines.first == "hivetool: warning: \(dirty.hive): \(HiveIdentity.dirtyNote)")
        #expect(lines.dropFirst().contains { $0.hasPrefix("hivetool: warning: \(dirty.hive): NTUSER.DAT.LOG1 not applied: ") }, "\(outcome)")
        let json = try CLI.jsonObject(outcome.stdout)
        #expect((json["profiles"] as? [[String: Any]])?.contains { $0["name"] as? String == "FromLog" } == false)
        let skipped = (json["hive"] as? [String: Any]).flatMap { ($0["logs"] as? [String: Any])?["skipped"] as? [[String: Any]] }
        #expect(skipped?.first?["path"] as? String == dirty.log)
    }

    @Test func truncatedEmptyAndGarbageLogsNeverStopTheRead() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let dirty = try Self.fixture(in: folder)
        let good = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dirty.log)))
        for damaged in [Array(good.prefix(700)), [], [UInt8](repeating: 0x41, count: 8192), Array(good.prefix(511))] {
            try Data(damaged).write(to: URL(fileURLWithPath: dirty.log))
            for command in [["info"], ["ls"], ["list-profiles"]] {
                let outcome = try CLI.run(command + [dirty.hive])
                outcome.expectFinished()
                #expect(outcome.status == 0, "\(outcome)")
                #expect(!outcome.stdout.contains("FromLog"))
            }
        }
    }

    /// Issue 17: a refusal names the one option that gets past it; with a log that does not apply,
    /// that is --force, never --apply-logs (which would fail in turn).
    @Test func aDirtyHiveWhoseLogDoesNotApplyIsOfferedForce() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let dirty = try Self.fixture(in: folder)
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: dirty.log))
        let refused = try CLI.run("unmark", dirty.hive, "Old Profile")
        refused.expectError(3, containing: [dirty.hive, "dirty", "no transaction log applies (NTUSER.DAT.LOG1: ", "use --force", "are lost"])
        #expect(!refused.stderr.contains("--apply-logs"), "\(refused)")
        let forced = try CLI.run("unmark", "--force", "--dry-run", dirty.hive, "Old Profile")
        #expect(forced.status == 0, "\(forced)")
    }

    @Test func editsRefuseADirtyHiveAndOfferApplyLogs() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let dirty = try Self.fixture(in: folder)
        let before = [try FileSnapshot(dirty.hive), try FileSnapshot(dirty.log)]

        let refused = try CLI.run("delete-profile", dirty.hive, "FromLog")
        refused.expectError(3, containing: [dirty.hive, "dirty", "use --apply-logs", "written clean"])
        #expect(!refused.stderr.contains("--force"), "one option, the one that applies: \(refused)")
        #expect([try FileSnapshot(dirty.hive), try FileSnapshot(dirty.log)] == before)

        // The profile exists only in the log: --apply-logs edits the replayed hive.
        let edit = try CLI.run("delete-profile", "--apply-logs", dirty.hive, "FromLog")
        #expect(edit.status == 0, "\(edit)")
        let header = try BaseBlock.read(path: dirty.hive)
        #expect(!header.isDirty && header.checksumIsValid)
        #expect(try FileSnapshot(dirty.log) == before[1], "the log must be left in place")
        let journal = EditJournal.records(at: folder.file(EditJournal.fileName))
        #expect(journal.last?.state == .completed)
        #expect(journal.last?.logsApplied == [dirty.log])
        let logBackup = try #require(journal.last?.logBackups?.first)
        #expect(try FileDigest.sha256(path: logBackup) == (try FileDigest.sha256(path: dirty.log)))
        #expect(try FileDigest.sha256(path: try #require(journal.last?.backup)) == journal.last?.sha256Before)

        // The new primary is clean, so its stale log no longer applies; the rest of the log's
        // changes (the mark) were kept, the deleted profile is gone.
        let after = try CLI.jsonObject(try CLI.run("list-profiles", "--format", "json", dirty.hive).stdout)
        let names = (after["profiles"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
        #expect(!names.contains("FromLog") && names.contains("Work"))
        #expect((after["profiles"] as? [[String: Any]])?.first { $0["name"] as? String == "Work" }?["markedIn"] as? [String]
            == ["Deleted Profiles 0badf00d"])
    }

    @Test func recoverWritesACleanHiveOthersReadAsWindowsWould() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let dirty = try Self.fixture(in: folder)
        let before = [try FileSnapshot(dirty.hive), try FileSnapshot(dirty.log)]
        let output = folder.file("recovered.DAT")

        let outcome = try CLI.run("recover", "--format", "json", dirty.hive, "-o", output)
        outcome.expectQuietSuccess()
        let json = try CLI.jsonObject(outcome.stdout)
        #expect(json["outputSha256"] as? String == (try FileDigest.sha256(path: output)))
        let header = try BaseBlock.read(path: output)
        #expect(header.problem == nil && !header.isDirty && header.fileType == .primary)
        // Read as it is (there is no log beside it), it holds the log's profile.
        let listed = try CLI.run("list-profiles", "--no-logs", output)
        #expect(listed.stdout.contains("FromLog") && listed.stderr.isEmpty, "\(listed)")
        if ExternalTool.isInstalled("regfinfo") {
            #expect(try ExternalTool.run("regfinfo", [output]).status == 0)
        }
        if ExternalTool.isInstalled("reglookup") {
            let export = try ExternalTool.run("reglookup", ["-p", "/Software/Microsoft/Office/16.0/Outlook/Profiles/FromLog", output])
            #expect(export.stdout.contains("FromLog"), "\(export.stdout)")
        }

        // Never over an existing file; a clean hive has nothing to recover.
        try CLI.run("recover", dirty.hive, "-o", output).expectError(73, containing: [output])
        try CLI.run("recover", Fixtures.sample("NTUSER.DAT"), "-o", folder.file("x")).expectError(1, containing: ["nothing to recover", "clean"])
        #expect(!FileManager.default.fileExists(atPath: folder.file("x")))
        #expect([try FileSnapshot(dirty.hive), try FileSnapshot(dirty.log)] == before)
    }
}

extension RegistryValue {
    /// The same text as REG_BINARY UTF-16LE with a terminating NUL, as MAPI writes PT_UNICODE.
    func utf16Binary() -> RegistryValue {
        RegistryValue(name: name, type: .binary, data: UTF16LE.encode(UTF16LE.decode(data)))
    }
}
