import Foundation
import Hivex
import Testing
import TestSupport
@testable import HivetoolKit

/// The hive record every machine format starts with, and the refusals by kind, without a subprocess.
@Suite struct HiveRecordTests {
    /// What list-profiles does for one file: the report, or the hive record alone when it cannot be read.
    static func report(_ path: String) -> ProfileReport {
        do {
            return try ProfileReport(hashing: Hive(path: path), includingDeleted: true)
        } catch {
            return ProfileReport(path: path, error: error)
        }
    }

    static func jsonLines(_ report: ProfileReport) throws -> [[String: Any]] {
        var text = ""
        try report.writeJSONLines(to: &text)
        return try text.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    @Test func everyInputGetsOneHashedHiveRecordFirst() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let real = try folder.copy(Fixtures.sample("NTUSER.DAT"), as: "real.DAT")
        let empty = folder.file("empty.DAT")
        try EmptyHive.write(to: empty, embeddedFileName: #"\??\C:\Users\nobody\ntuser.dat"#)
        let damaged = try folder.copy(Fixtures.sample("NTUSER.DAT"), as: "damaged.DAT")
        try HiveSurgery.makeSubkeyListLoop(path: damaged, keyPath: #"Software\Microsoft\Windows NT\CurrentVersion\Windows Messaging Subsystem\Profiles"#)
        let notAHive = folder.file("notahive.DAT")
        try Data(repeating: 0x41, count: 5000).write(to: URL(fileURLWithPath: notAHive))
        let dirty = try DirtyHiveFixture(sample: Fixtures.sample("NTUSER.DAT"), name: "dirty.DAT", in: folder) { hive in
            _ = try hive.addKey(named: "FromLog", under: hive.root())
        }.hive
        let missing = folder.file("missing.DAT")

        let files = [real, empty, damaged, notAHive, dirty, missing]
        let records = try files.map { try Self.jsonLines(Self.report($0)) }
        #expect(records.map { $0.filter { $0["record"] as? String == "hive" }.count } == [1, 1, 1, 1, 1, 1])
        #expect(records.allSatisfy { $0.first?["record"] as? String == "hive" })
        for (lines, file) in zip(records.dropLast(), files.dropLast()) {
            #expect(lines.first?["sha256"] as? String == (try FileDigest.sha256(path: file)), "\(file)")
            #expect(lines.dropFirst().allSatisfy { $0["hiveSha256"] as? String == lines.first?["sha256"] as? String })
        }
        let statuses = records.map { $0.first?["status"] as? String }
        #expect(statuses == ["ok", "ok", "partial", "error", "ok", "error"])
        #expect(records[3].first?["size"] as? Int == 5000 && records[3].first?["errorKind"] as? String == "notAHive")
        #expect(records[5].first?["sha256"] is NSNull && records[5].first?["size"] is NSNull)
        #expect(records[5].first?["errorKind"] as? String == "fileNotFound")
        #expect(records[1].count == 1)  // no profiles: the hive record alone
        #expect(records[4].first?["logsApplied"] as? [String] == ["dirty.DAT.LOG1"])
    }

    @Test func aFailedFileIsHashedInScanToo() {
        let record = ScanRecord.scan(path: Fixtures.sample("NTUSER.DAT") + "/nonexistent")
        #expect(record.status == .error && record.hive.sha256 == nil)
        let folder = try? TemporaryDirectory()
        defer { folder?.remove() }
        guard let folder else { return }
        let path = folder.file("x.DAT")
        FileManager.default.createFile(atPath: path, contents: Data("regf but short".utf8))
        let short = ScanRecord.scan(path: path)
        #expect(short.status == .error && short.hive.sha256 == (try? FileDigest.sha256(path: path)) && short.hive.size == 14)
    }

    @Test func theKindGoesIntoTheRecordAndANonUserHiveIsSaidToBeOne() throws {
        let software = try ProfileReport(hashing: Hive(path: Fixtures.sample("SOFTWARE")))
        #expect(software.hive.kind == .software && software.hive.kindEvidence?.contains("SOFTWARE") == true)
        #expect(software.kindWarning?.contains("SOFTWARE hive, not a user hive") == true)
        #expect(software.warnings.contains(software.kindWarning ?? "-"))
        let user = try ProfileReport(hashing: Hive(path: Fixtures.sample("NTUSER.DAT")))
        #expect(user.hive.kind == .user && user.kindWarning == nil && user.hive.tool == ToolInfo())
    }

    @Test func deletedProfilesAndRecoveredMarksAreTheLiveTypesWithARecovery() throws {
        let profile = MAPIProfile(name: "Gone", layout: .office16, keyPath: "x", status: .deleted, isDefault: false, markedIn: [],
                                  sectionCount: 0, services: [], accounts: [], dataFiles: [], undecodableValues: [],
                                  recovery: Recovery(source: .freeCell, offset: 0x1234, pathComplete: false, valuesRecoverable: true))
        let mark = DeletionMark(profile: "Gone", layout: .office16, container: "Deleted Profiles", containerPath: "y",
                                placement: .besideProfiles, keyPath: "y\\Gone", profileExists: false,
                                recovery: Recovery(source: .slack, offset: 8, pathComplete: true, deletedProfileRecovered: true))
        let inventory = ProfileInventory(path: "h", roots: [], profiles: [], deletedProfileMarks: [], deletedProfiles: [profile],
                                         recoveredMarks: [mark])
        let report = ProfileReport(hive: HiveRecord(path: "h", status: .ok), inventory: inventory)
        let lines = try Self.jsonLines(report)
        #expect(lines.map { $0["record"] as? String } == ["hive", "deleted-profile", "recovered-mark"])
        #expect((lines[1]["recovery"] as? [String: Any])?["offset"] as? Int == 0x1234)
        #expect((lines[2]["recovery"] as? [String: Any])?["deletedProfileRecovered"] as? Bool == true)
        var csv = ""
        report.writeCSV(to: &csv, header: false)
        #expect(csv.split(separator: "\n").map { $0.split(separator: ",").first } == ["hive", "deleted-profile", "recovered-mark"])
        #expect(csv.contains(",free-cell,0x1234,") && csv.contains(",slack,0x8,"))
        let events = TimelineEvent.events(of: report)
        #expect(events.isEmpty)  // no last-write times
    }

    @Test func setExpireRefusesAUserHiveWhateverItsOptions() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.copy(Fixtures.sample("NTUSER.DAT"))
        let before = try FileSnapshot(path)
        for createKey in [false, true] {
            let edit = ProfileExpireEdit(days: 1, target: .native, createKey: createKey)
            let error = try #require(throws: HivetoolError.self) {
                try SafeEditor.edit(hivePath: path, options: SafeEditOptions(command: "test", force: true)) { try edit.apply(to: $0) }
            }
            #expect(ExitStatus(error) == .refused && error.description.contains("this is a USER hive"), "\(error)")
            #expect(try FileSnapshot(path) == before)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["NTUSER.DAT"])
    }

    @Test(.enabled(if: Fixtures.hasSharedHives, "../shared/hives is absent"))
    func aProfileRepairRefusesASystemHiveByItsKind() throws {
        // A Windows 10 SYSTEM hive has a root Software key, as a user hive does: its kind tells.
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.copy(Fixtures.shared("real/SYSTEM-win10"), as: "SYSTEM")
        let before = try FileSnapshot(path)
        let error = try #require(throws: HivetoolError.self) {
            try PurgeRepair().run(hivePath: path, options: SafeEditOptions(command: "test", force: true))
        }
        #expect(error.exitStatus == .refused && error.description.contains("this is a SYSTEM hive"), "\(error)")
        #expect(try FileSnapshot(path) == before)
    }

    @Test func everyErrorTypeReportsItsExitStatus() {
        let errors: [any ExitStatusReporting] = [
            HiveError(.notAHive, operation: "open", path: "x", message: "m"),
            HivetoolError(.lockedByAnother, path: "x", step: .lock),
            HivetoolError.invalidArgument("bad"),
            HivetoolError(.nothingToRecover(.cleanHive), path: "x"),
            HivetoolError(HiveError(.notAHive, operation: "open", path: "x", message: "m"), step: .backup),
        ]
        #expect(errors.map(\.exitStatus) == [.badHive, .locked, .usage, .notFound, .backupFailed])
    }
}
