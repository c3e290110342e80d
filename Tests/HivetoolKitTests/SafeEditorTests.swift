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

        let error = try #require(throws: SafeEditError.self) { try setOne(path, folder) }
        #expect(error.step == .preflight && error.kind == .refused && error.message.contains("dirty"))
        #expect(try FileSnapshot(path) == before)

        let forced = try setOne(path, folder, force: true)
        #expect(forced.warnings.first?.contains("--force") == true)
        #expect(try ProfileExpireReport(hive: Hive(path: path)).effectiveDays == 1)
    }

    @Test func nonEmptyTransactionLogIsRefused() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.copy(Fixtures.sample("SOFTWARE"))
        FileManager.default.createFile(atPath: folder.file("software.LOG1"), contents: Data([1, 2, 3]))
        let error = try #require(throws: SafeEditError.self) { try setOne(path, folder) }
        #expect(error.message.contains("transaction logs hold data"))
        FileManager.default.createFile(atPath: folder.file("software.LOG1"), contents: Data())
        #expect(try setOne(path, folder).changes.count == 1)
    }

    @Test func symlinkAndNonHivesAreRefused() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.copy(Fixtures.sample("SOFTWARE"))
        try FileManager.default.createSymbolicLink(atPath: folder.file("link"), withDestinationPath: path)
        #expect(throws: SafeEditError.self) { try setOne(folder.file("link"), folder) }
        FileManager.default.createFile(atPath: folder.file("empty"), contents: Data())
        let empty = try #require(throws: SafeEditError.self) { try setOne(folder.file("empty"), folder) }
        #expect(ExitStatus(empty) == .badHive)
        let missing = try #require(throws: SafeEditError.self) { try setOne(folder.file("missing"), folder) }
        #expect(ExitStatus(missing) == .noInput)
    }

    @Test func secondEditorIsRefusedWhileTheFirstHoldsTheLock() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.copy(Fixtures.sample("SOFTWARE"))
        let lock = try HiveLock(path: path, wait: false)
        let error = try #require(throws: SafeEditError.self) {
            try SafeEditor.edit(hivePath: path, options: EditFixtures.options(folder, wait: false)) { try ProfileExpireEdit(days: 1).apply(to: $0) }
        }
        #expect(error.step == .lock && ExitStatus(error) == .locked)
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
        #expect(throws: SafeEditError.self) { try Backup.create(of: path, in: folder.path, time: time, expectedSHA256: "0") }
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
        let unknown = try #require(throws: SafeEditError.self) { try HiveRestore.restore(backup: stray, to: path, options: EditFixtures.options(folder)) }
        #expect(unknown.kind == .refused)
        var tampered = [UInt8](try Data(contentsOf: URL(fileURLWithPath: editedBackup)))
        tampered[tampered.count - 1] ^= 0xFF
        try Data(tampered).write(to: URL(fileURLWithPath: editedBackup))
        let changed = try #require(throws: SafeEditError.self) {
            try HiveRestore.restore(backup: editedBackup, to: path, options: EditFixtures.options(folder, force: true))
        }
        #expect(changed.message.contains("differs from the journal"))
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
