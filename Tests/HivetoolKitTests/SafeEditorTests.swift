import Foundation
import Hivex
import Testing
import TestSupport
@testable import HivetoolKit

@Suite struct SafeEditorTests {
    func setOne(_ path: String, _ folder: TemporaryDirectory, force: Bool = false) throws -> SafeEditResult {
        try SafeEditor.edit(hivePath: path, options: EditFixtures.options(folder, force: force)) { try ProfileExpireEdit(days: 1).apply(to: $0) }
    }

    @Test func dirtyHiveAndFullLogsAreRefusedUnlessForced() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.copy(Fixtures.sample("SOFTWARE"))
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[8] &+= 1  // secondary sequence number
        let checksum = BaseBlock.checksum(of: bytes)
        for index in 0..<4 { bytes[508 + index] = UInt8(truncatingIfNeeded: checksum >> (8 * index)) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let before = try FileSnapshot(path)

        let error = try #require(throws: HivetoolError.self) { try setOne(path, folder) }
        #expect(error.step == .preflight && error.exitStatus == .refused && error.description.contains("dirty"))
        // No log beside it: the one remedy is forcing the edit, which loses what Windows had not written.
        let block = try BaseBlock.read(path: path)
        let state = HivetoolError.DirtyState(isDirty: true, primarySequence: block.primarySequenceNumber,
                                             secondarySequence: block.secondarySequenceNumber, logsHoldingData: [])
        #expect(state.primarySequence != state.secondarySequence)
        #expect(error.reason == .dirtyHive(state, advice: .forcePrimary(skipped: [])), "\(error)")
        #expect(error.remedies == [Remedy(.force, cost: "the changes Windows had not yet written to it are lost")])
        #expect(try FileSnapshot(path) == before)

        // The caller (a command line) spells the option in the warning.
        let spelled = try SafeEditor.preflight(path, force: true, spelling: { $0 == .force ? "FORCE" : "?" })
        #expect(spelled.count == 1 && spelled[0].hasSuffix("editing anyway (FORCE): the pending log data will be lost"), "\(spelled)")
        let forced = try setOne(path, folder, force: true)
        #expect(forced.warnings.first?.contains("editing anyway (SafeEditOptions.force)") == true, "\(forced.warnings)")
        #expect(try ProfileExpireReport(hive: Hive(path: path)).effectiveDays == 1)
    }

    @Test func nonEmptyTransactionLogIsRefused() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.copy(Fixtures.sample("SOFTWARE"))
        FileManager.default.createFile(atPath: folder.file("software.LOG1"), contents: Data([1, 2, 3]))
        let error = try #require(throws: HivetoolError.self) { try setOne(path, folder) }
        #expect(error.description.contains("transaction logs hold data"))
        // A clean hive: its logs do not apply, so the remedy is forcing the edit, leaving the logs alone.
        let state = HivetoolError.DirtyState(isDirty: false, primarySequence: 0, secondarySequence: 0,
                                             logsHoldingData: [folder.file("software.LOG1")])
        guard case .dirtyHive(let found, .forceCleanHive) = error.reason else { Issue.record("\(error)"); return }
        #expect(!found.isDirty && found.logsHoldingData == state.logsHoldingData, "\(error)")
        #expect(error.remedies.map(\.option) == [.force] && error.exitStatus == .refused)
        FileManager.default.createFile(atPath: folder.file("software.LOG1"), contents: Data())
        #expect(try setOne(path, folder).changes.count == 1)
    }

    @Test func symlinkAndNonHivesAreRefused() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.copy(Fixtures.sample("SOFTWARE"))
        try FileManager.default.createSymbolicLink(atPath: folder.file("link"), withDestinationPath: path)
        let link = try #require(throws: HivetoolError.self) { try setOne(folder.file("link"), folder) }
        #expect(link.reason == .symbolicLink && link.step == .preflight && link.exitStatus == .refused && link.remedies.isEmpty)
        FileManager.default.createFile(atPath: folder.file("empty"), contents: Data())
        let empty = try #require(throws: HivetoolError.self) { try setOne(folder.file("empty"), folder) }
        #expect(ExitStatus(empty) == .badHive)
        let missing = try #require(throws: HivetoolError.self) { try setOne(folder.file("missing"), folder) }
        #expect(ExitStatus(missing) == .noInput)
    }

    @Test func aHiveWhoseWalkMeetsADamagedKeyIsRefusedAsUnverifiable() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.copy(Fixtures.sample("SOFTWARE"))
        try HiveSurgery.damage(.ownParent, path: path, keyPath: #"Wow6432Node\KVS\Enterprise Vault"#)
        let before = try FileSnapshot(path)
        let error = try #require(throws: HivetoolError.self) { try setOne(path, folder) }
        guard case .unverifiableHive(let detail) = error.reason else { Issue.record("\(error)"); return }
        #expect(detail.hasPrefix(#"Wow6432Node\KVS\Enterprise Vault: "#) && error.keyPath == #"Wow6432Node\KVS\Enterprise Vault"#, "\(error)")
        #expect(error.step == .preflight && error.exitStatus == .badHive && error.remedies.isEmpty && error.hiveError == nil)
        #expect(try FileSnapshot(path) == before)
    }

    @Test func secondEditorIsRefusedWhileTheFirstHoldsTheLock() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.copy(Fixtures.sample("SOFTWARE"))
        let lock = try HiveLock(path: path, wait: false)
        let error = try #require(throws: HivetoolError.self) {
            try SafeEditor.edit(hivePath: path, options: EditFixtures.options(folder, wait: false)) { try ProfileExpireEdit(days: 1).apply(to: $0) }
        }
        #expect(error.step == .lock && ExitStatus(error) == .locked)
        #expect(error.reason == .lockedByAnother && error.remedies.map(\.option) == [.wait])
        withExtendedLifetime(lock) {}
    }

    @Test func backupsNeverOverwriteEachOther() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.copy(Fixtures.sample("SOFTWARE"))
        let time = Date(timeIntervalSince1970: 1_800_000_000)
        let sha = try FileDigest.sha256(path: path)
        let first = try Backup.create(of: path, in: folder.path, time: time, expectedSHA256: sha)
        let second = try Backup.create(of: path, in: folder.path, time: time, expectedSHA256: sha)
        #expect((first as NSString).lastPathComponent == "SOFTWARE.20270115T080000Z.bak")
        #expect((second as NSString).lastPathComponent == "SOFTWARE.20270115T080000Z.1.bak")
        #expect(Backup.originalName(ofBackup: "SOFTWARE.20270115T080000Z.1.bak") == "SOFTWARE")
        #expect(throws: HivetoolError.self) { try Backup.create(of: path, in: folder.path, time: time, expectedSHA256: "0") }
    }

    @Test func restoreBringsTheOriginalBackAfterCheckingTheJournal() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.copy(Fixtures.sample("SOFTWARE"))
        let original = try FileSnapshot(path)
        let edit = try setOne(path, folder)
        let backup = try #require(edit.backup)
        #expect(HiveRestore.defaultTarget(ofBackup: backup) == path)

        let restored = try HiveRestore.restore(backup: backup, to: path, options: EditFixtures.options(folder))
        #expect(restored.changes.map(\.action) == [.replaceFile])
        #expect(try FileSnapshot(path).bytes == original.bytes)
        let records = EditJournal.records(at: folder.file(EditJournal.fileName))
        #expect(records.count == 2)
        #expect(records.last?.restoredFrom?.hasSuffix((backup as NSString).lastPathComponent) == true)
        // The edited state was backed up before the restore.
        let editedBackup = try #require(restored.backup)
        #expect(try FileDigest.sha256(path: editedBackup) == edit.sha256After)

        // A backup the journal does not know, or one that changed since, is refused.
        let stray = try folder.copy(Fixtures.sample("SOFTWARE"), as: "stray.bak")
        let unknown = try #require(throws: HivetoolError.self) { try HiveRestore.restore(backup: stray, to: path, options: EditFixtures.options(folder)) }
        #expect(unknown.reason == .backupNotInJournal(journal: folder.file(EditJournal.fileName)) && unknown.exitStatus == .refused, "\(unknown)")
        #expect(unknown.remedies.map(\.option) == [.force])
        var tampered = [UInt8](try Data(contentsOf: URL(fileURLWithPath: editedBackup)))
        tampered[tampered.count - 1] ^= 0xFF
        try Data(tampered).write(to: URL(fileURLWithPath: editedBackup))
        let changed = try #require(throws: HivetoolError.self) {
            try HiveRestore.restore(backup: editedBackup, to: path, options: EditFixtures.options(folder, force: true))
        }
        #expect(changed.description.contains("differs from the journal"))
        guard case .backupChanged(let sha256, let journalSHA256) = changed.reason else { Issue.record("\(changed)"); return }
        #expect(sha256 == (try FileDigest.sha256(path: editedBackup)) && journalSHA256 == edit.sha256After)
        #expect(changed.remedies.isEmpty, "force does not get past a changed backup")
        #expect(try FileSnapshot(path).bytes == original.bytes)
    }

    @Test func keyCreationAndDeletionVerifyAndStampParents() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.copy(Fixtures.sample("NTUSER.DAT"))
        let result = try SafeEditor.edit(hivePath: path, options: EditFixtures.options(folder)) { session in
            try session.deleteKey(at: #"Software\Microsoft\Office\16.0\Outlook\Deleted Profiles-12345678"#)
            try session.createKey(at: #"Software\hivetool\test"#)
            try session.deleteValue(named: "TEMP", at: "Environment")
        }
        #expect(result.changes.map(\.action) == [.deleteKey, .createKey, .createKey, .deleteValue])
        let hive = try Hive(path: path)
        #expect(try hive.key(at: #"Software\Microsoft\Office\16.0\Outlook\Deleted Profiles-12345678"#) == nil)
        #expect(try hive.key(at: #"Software\hivetool\test"#) != nil)
        #expect(try hive.value(named: "TEMP", of: hive.requireKey(at: "Environment")) == nil)
        let outlook = try hive.requireKey(at: #"Software\Microsoft\Office\16.0\Outlook"#)
        #expect(abs(try #require(try hive.lastWrite(of: outlook)).timeIntervalSince(result.editTime)) < 0.001)
        if let accepted = try EditFixtures.regfinfoAccepts(path) { #expect(accepted) }
    }
}
