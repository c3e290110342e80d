import Foundation
import Hivex
import Testing
import TestSupport
@testable import HivetoolKit

@Suite struct ProfileExpireTests {
    @Test func sampleReportsBothViews() throws {
        let report = try ProfileExpireReport(hive: Hive(path: Fixtures.sample("SOFTWARE")))
        #expect(report.views.map(\.view) == [.wow6432node, .native])
        #expect(report.views[0].keyExists && report.views[0].valueExists)
        #expect(report.views[0].type == "REG_DWORD" && report.views[0].days == 3)
        #expect(report.views[1].keyExists && !report.views[1].valueExists && report.views[1].days == nil)
        #expect(report.activeView == .wow6432node)
        #expect(report.effectiveDays == 3)
    }

    @Test func absentValueMeansTheDefaultOfThreeDays() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let report = try ProfileExpireReport(hive: Hive(path: EditFixtures.software(in: folder, views: [.native], value: nil)))
        #expect(report.activeView == .native)
        #expect(report.views[0].installed == false && report.views[0].keyExists == false)
        #expect(report.effectiveDays == 3)
        #expect(report.notes.contains { $0.contains("default of 3 days") })
    }

    @Test func otherTypeIsShownNotConverted() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try EditFixtures.software(in: folder, value: .string("ProfileExpire", "5"))
        let report = try ProfileExpireReport(hive: Hive(path: path))
        #expect(report.views[0].type == "REG_SZ")
        #expect(report.views[0].days == nil)
        #expect(report.views[0].otherData == "\"5\"")
        #expect(report.effectiveDays == nil)
    }

    @Test(arguments: [
        ("1", false, "ok 1"), ("3650", false, "ok 3650"), ("0", true, "ok 0"),
        ("0", false, "pass allowZero"), ("-1", false, "negative"), ("abc", false, "whole number"),
        ("1.5", false, "whole number"), ("", false, "whole number"), ("3651", false, "at most 3650"),
        ("99999999999999999999", false, "whole number"), ("４", false, "whole number"),
    ])
    func daysAreValidated(text: String, allowZero: Bool, expected: String) {
        switch ProfileExpireEdit.parseDays(text, allowZero: allowZero) {
        case .success(let days): #expect("ok \(days)" == expected)
        case .failure(let error):
            #expect(error.description.contains(expected) && error.exitStatus == .usage && error.path == nil, "\(error)")
            #expect((error.reason == .zeroDays) == (text == "0"), "\(error)")
            #expect(error.remedies.map(\.option) == (text == "0" ? [.allowZero] : []), "\(error)")
        }
    }

    @Test func setExpireChangesOnlyTheValueAndKeepsABackupAndJournal() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.copy(Fixtures.sample("SOFTWARE"))
        chmod(path, 0o640)
        let original = try FileSnapshot(path)
        let exportBefore = try EditFixtures.reglookupExport(path)

        let result = try SafeEditor.edit(hivePath: path, options: EditFixtures.options(folder)) {
            try ProfileExpireEdit(days: 1).apply(to: $0)
        }
        #expect(result.changes.count == 1)
        #expect(result.changes[0].old?.data == .number(3) && result.changes[0].new?.data == .number(1))

        let hive = try Hive(path: path)
        let report = try ProfileExpireReport(hive: hive)
        #expect(report.views[0].days == 1 && report.effectiveDays == 1)
        #expect(report.views[1].valueExists == false)
        let agents = try hive.requireKey(at: EnterpriseVaultView.wow6432node.agentsKeyPath)
        #expect(abs(try #require(try hive.lastWrite(of: agents)).timeIntervalSince(result.editTime)) < 0.001)
        #expect(hive.baseBlock.isDirty == false && hive.baseBlock.checksumIsValid)

        var mode = stat()
        stat(path, &mode)
        #expect(mode.st_mode & 0o777 == 0o640)

        // The backup is the original, byte for byte; the journal says so.
        let backup = try #require(result.backup)
        #expect(try FileSnapshot(backup).bytes == original.bytes)
        let records = EditJournal.records(at: folder.file(EditJournal.fileName))
        #expect(records.count == 1)
        #expect(records.first?.sha256Before == result.sha256Before)
        #expect(records.first?.sha256After == (try FileDigest.sha256(path: path)))
        #expect(records.first?.changes == result.changes)

        // Independent readers open it; nothing but the value and the key's time changed.
        if let accepted = try EditFixtures.regfinfoAccepts(path) { #expect(accepted) }
        if let before = exportBefore, let after = try EditFixtures.reglookupExport(path) {
            let changedKey = "/Wow6432Node/KVS/Enterprise Vault/Agents"
            let changed = Set(after).symmetricDifference(before)
            #expect(changed == [
                "\(changedKey)/ProfileExpire,DWORD,0x00000003,", "\(changedKey)/ProfileExpire,DWORD,0x00000001,",
                before.first { $0.hasPrefix(changedKey + ",KEY") }!, after.first { $0.hasPrefix(changedKey + ",KEY") }!,
            ])
        }
    }

    @Test func bothViewsAndCreateKey() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try EditFixtures.software(in: folder, views: [.wow6432node])
        let refused = try #require(throws: HivetoolError.self) {
            try SafeEditor.edit(hivePath: path, options: EditFixtures.options(folder)) { try ProfileExpireEdit(days: 2, target: .both).apply(to: $0) }
        }
        #expect(refused.step == .plan && refused.exitStatus == .notFound)
        #expect(refused.reason == .missingKey(creatable: true) && refused.keyPath == EnterpriseVaultView.native.agentsKeyPath, "\(refused)")
        #expect(refused.remedies == [Remedy(.createKey, cost: "with the keys above it that are missing")])
        #expect(refused.description == "\(path): key not found; add ProfileExpireEdit.createKey to create it (with the keys above it that are missing) (key KVS\\Enterprise Vault\\Agents)")
        #expect(try EditFixtures.backups(in: folder).isEmpty)

        let result = try SafeEditor.edit(hivePath: path, options: EditFixtures.options(folder)) {
            try ProfileExpireEdit(days: 2, target: .both, createKey: true).apply(to: $0)
        }
        #expect(result.changes.map(\.action) == [.setValue, .createKey, .createKey, .createKey, .setValue])
        let report = try ProfileExpireReport(hive: Hive(path: path))
        #expect(report.views.map(\.days) == [2, 2])
    }

    @Test func otherTypeIsRefusedUnlessReplaceType() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try EditFixtures.software(in: folder, value: .string("ProfileExpire", "5"))
        let before = try FileSnapshot(path)
        let error = try #require(throws: HivetoolError.self) {
            try SafeEditor.edit(hivePath: path, options: EditFixtures.options(folder)) { try ProfileExpireEdit(days: 1).apply(to: $0) }
        }
        #expect(error.reason == .otherValueType(name: "ProfileExpire", type: .string, summary: "\"5\""), "\(error)")
        #expect(error.remedies.map(\.option) == [.replaceType] && error.description.contains("REG_SZ"))
        #expect(ExitStatus(error) == .refused)
        #expect(try FileSnapshot(path) == before)

        _ = try SafeEditor.edit(hivePath: path, options: EditFixtures.options(folder)) {
            try ProfileExpireEdit(days: 1, replaceType: true).apply(to: $0)
        }
        let report = try ProfileExpireReport(hive: Hive(path: path))
        #expect(report.views[0].type == "REG_DWORD" && report.views[0].days == 1)
    }

    @Test func dryRunAndNoOpWriteNothing() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.copy(Fixtures.sample("SOFTWARE"))
        let before = try FileSnapshot(path)
        let dry = try SafeEditor.edit(hivePath: path, options: EditFixtures.options(folder, dryRun: true)) { try ProfileExpireEdit(days: 1).apply(to: $0) }
        #expect(dry.dryRun && dry.changes.count == 1 && dry.backup == nil)
        let same = try SafeEditor.edit(hivePath: path, options: EditFixtures.options(folder)) { try ProfileExpireEdit(days: 3).apply(to: $0) }
        #expect(same.changes.isEmpty && same.backup == nil)
        #expect(try FileSnapshot(path) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["SOFTWARE"])
    }

    @Test func enterpriseVaultNotInstalled() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try EditFixtures.software(in: folder, views: [])
        let error = try #require(throws: HivetoolError.self) {
            try SafeEditor.edit(hivePath: path, options: EditFixtures.options(folder)) { try ProfileExpireEdit(days: 1).apply(to: $0) }
        }
        #expect(error.reason == .enterpriseVaultNotInstalled && error.exitStatus == .notFound && error.description.contains("not installed"))
        #expect(error.remedies.map(\.option) == [.createKey, .view(.native), .view(.wow6432node)])
        #expect(try ProfileExpireReport(hive: Hive(path: path)).effectiveDays == nil)
    }

    @Test func bigDataSiblingIsRefusedBeforeAnyWrite() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        // A 1.3 hive may hold a flat value over 16,344 bytes; hivetool still refuses to rewrite it.
        let path = try EditFixtures.software(in: folder, bigSibling: true)
        let before = try FileSnapshot(path)
        let error = try #require(throws: HivetoolError.self) {
            try SafeEditor.edit(hivePath: path, options: EditFixtures.options(folder)) { try ProfileExpireEdit(days: 1).apply(to: $0) }
        }
        // hivex's own refusal stays the Hivex layer's error, wrapped.
        #expect(error.hiveError?.kind == .refused && error.description.contains("20000 bytes") && error.exitStatus == .refused)
        #expect(try FileSnapshot(path) == before)
        #expect(try EditFixtures.backups(in: folder).isEmpty)
    }
}
