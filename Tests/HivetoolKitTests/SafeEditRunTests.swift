import Foundation
import Hivex
import Testing
import TestSupport
@testable import HivetoolKit

/// The safe-edit driver with a transformation that writes something other than what it planned:
/// verification must catch it (exit 4), and the original, the folder and the journal must show it.
@Suite struct SafeEditRunTests {
    /// An hivex edit whose committed file is then damaged: one byte of ProfileExpire's data flipped.
    struct SabotagedEdit: EditTransformation {
        var inner: HivexEdit
        var requiresUsableHive: Bool { inner.requiresUsableHive }
        var appliedLogs: [String] { inner.appliedLogs }
        var restoredFrom: String? { inner.restoredFrom }

        mutating func plan(hivePath: String) throws -> [EditChange] { try inner.plan(hivePath: hivePath) }

        func commit(to temporary: String, descriptor: Int32, editTime: Date) throws {
            try inner.commit(to: temporary, descriptor: descriptor, editTime: editTime)
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: temporary)))
            // The first value data cell holding the DWORD 7 that the plan set.
            let needle: [UInt8] = [7, 0, 0, 0]
            guard let index = (0..<bytes.count - 4).first(where: { Array(bytes[$0..<$0 + 4]) == needle }) else { return }
            bytes[index] = 8
            try Data(bytes).write(to: URL(fileURLWithPath: temporary))
        }

        func verify(_ temporary: String, digest: PendingDigest, editTime: Date, hivePath: String) throws {
            try inner.verify(temporary, digest: digest, editTime: editTime, hivePath: hivePath)
        }
    }

    @Test func aCommitThatDiffersFromThePlanFailsVerificationAndLeavesTheOriginal() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.copy(Fixtures.sample("SOFTWARE"))
        let before = try FileSnapshot(path)
        let edit = HivexEdit(change: { try ProfileExpireEdit(days: 7).apply(to: $0) }, applyLogs: false)

        let error = try #require(throws: HivetoolError.self) {
            try SafeEditor.run(hivePath: path, options: EditFixtures.options(folder), transformation: SabotagedEdit(inner: edit))
        }
        #expect(error.step == .verify)
        #expect(error.description.hasPrefix("\(path): verify failed: the edited hive is not as intended ("), "\(error)")
        guard case .editedHiveDiffers = error.reason else { Issue.record("\(error)"); return }
        #expect(ExitStatus(error) == .verificationFailed && ExitStatus(error).rawValue == 4)
        #expect(try FileSnapshot(path) == before)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(left == ["SOFTWARE", EditJournal.fileName], "\(left)")
        #expect(EditJournal.records(at: folder.file(EditJournal.fileName)).map(\.state) == [.abandoned])
    }

    @Test func theSameEditUnsabotagedSucceeds() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.copy(Fixtures.sample("SOFTWARE"))
        let edit = HivexEdit(change: { try ProfileExpireEdit(days: 7).apply(to: $0) }, applyLogs: false)
        let result = try SafeEditor.run(hivePath: path, options: EditFixtures.options(folder), transformation: edit)
        #expect(result.changes.count == 1)
        #expect(try ProfileExpireReport(hive: Hive(path: path)).effectiveDays == 7)
        #expect(EditJournal.records(at: folder.file(EditJournal.fileName)).map(\.state) == [.completed])
    }
    /// The backup is copied and proved while the new hive is written and verified: a backup that
    /// fails its proof after the new hive passed its own must still stop the edit before the rename,
    /// with the backup's error, and leave no backup, no temporary file and an abandoned record.
    @Test func aBackupThatFailsItsProofAfterTheCommitPassedStopsTheEdit() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.copy(Fixtures.sample("SOFTWARE"))
        let before = try FileSnapshot(path)
        var edit = HivexEdit(change: { try ProfileExpireEdit(days: 7).apply(to: $0) }, applyLogs: false)

        let run = SafeEditRun(hivePath: path, options: EditFixtures.options(folder))
        var result = try run.plan(&edit, warnings: [])
        #expect(result.changes.count == 1)
        result.sha256Before = String(repeating: "0", count: 64)  // what the copy will not hash to
        try run.startBackup(of: edit, into: &result)
        try run.commit(edit)
        try run.verify(edit)  // the new hive is right
        let error = try #require(throws: HivetoolError.self) { try run.finishBackup(of: edit, into: &result) }
        guard case .backupHashDiffers(_, let expected) = error.reason else { Issue.record("\(error)"); return }
        #expect(expected == result.sha256Before && error.step == .backup)
        #expect(ExitStatus(error) == .backupFailed)
        run.cleanUp()

        #expect(try FileSnapshot(path) == before)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(left == ["SOFTWARE", EditJournal.fileName], "\(left)")
        #expect(EditJournal.records(at: folder.file(EditJournal.fileName)).map(\.state) == [.abandoned])
    }
}
