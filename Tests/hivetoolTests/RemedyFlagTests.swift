import Foundation
import Hivex
import Testing
import TestSupport
@testable import HivetoolKit

/// Issue 16: HivetoolKit names the remedy of a refusal as a typed value; hivetool spells it as its
/// flag. Each refusal and note whose library test asserts the typed remedy is run here end to end,
/// and its message must name the flag.
@Suite struct RemedyFlagTests {
    /// The workspace's hive changed by `edit` through hivex (written back in place).
    static func edit(_ space: SampleWorkspace, _ edit: (Hive) throws -> Void) throws -> FileSnapshot {
        let scratch = space.folder.file(".scratch")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let hive = try Hive(path: space.hive, options: [.writable, .ignoreLogs])
        try edit(hive)
        try hive.commit(to: scratch)
        try FileManager.default.removeItem(atPath: space.hive)
        try FileManager.default.moveItem(atPath: scratch, toPath: space.hive)
        return try FileSnapshot(space.hive)
    }

    @Test func setExpireNamesCreateKeyForAMissingAgentsKey() throws {
        let space = try SampleWorkspace(sample: "SOFTWARE")
        defer { space.remove() }
        let before = try Self.edit(space) { try $0.deleteKey($0.requireKey(at: EnterpriseVaultView.native.agentsKeyPath)) }
        let refused = try space.run(["set-expire", "1", "--view", "native", "SOFTWARE"])
        refused.expectError(1, containing: ["SOFTWARE: key not found; add --create-key to create it (with the keys above it that are missing)",
                                            #"(key KVS\Enterprise Vault\Agents)"#])
        #expect(try FileSnapshot(space.hive) == before && space.otherFiles.isEmpty)
        try space.run(["set-expire", "1", "--view", "native", "--create-key", "SOFTWARE"]).expectQuietSuccess()
    }

    @Test func setExpireNamesCreateKeyAndViewWhenEnterpriseVaultIsNotInstalled() throws {
        let space = try SampleWorkspace(sample: "SOFTWARE")
        defer { space.remove() }
        let before = try Self.edit(space) { hive in
            for view in EnterpriseVaultView.allCases { try hive.deleteKey(hive.requireKey(at: view.installKeyPath)) }
        }
        let refused = try space.run(["set-expire", "1", "SOFTWARE"])
        refused.expectError(1, containing: [#"Enterprise Vault is not installed in this hive (no KVS\Enterprise Vault in either view); "#
                                                + "add --create-key with --view native or --view wow6432node to create the Agents key anyway"])
        #expect(try FileSnapshot(space.hive) == before && space.otherFiles.isEmpty)
    }

    @Test func setExpireNamesReplaceTypeForAValueOfAnotherType() throws {
        let space = try SampleWorkspace(sample: "SOFTWARE")
        defer { space.remove() }
        let before = try Self.edit(space) { hive in
            try hive.setValue(.string("ProfileExpire", "5"), in: hive.requireKey(at: EnterpriseVaultView.wow6432node.agentsKeyPath))
        }
        let refused = try space.run(["set-expire", "1", "SOFTWARE"])
        refused.expectError(3, containing: ["ProfileExpire is REG_SZ", "not a 4-byte REG_DWORD; left alone (add --replace-type to replace it"])
        #expect(try FileSnapshot(space.hive) == before && space.otherFiles.isEmpty)
        try space.run(["set-expire", "1", "--replace-type", "SOFTWARE"]).expectQuietSuccess()
    }

    @Test func aSecondEditorIsToldAboutWait() throws {
        let space = try SampleWorkspace(sample: "SOFTWARE")
        defer { space.remove() }
        let lock = try HiveLock(path: space.hive, wait: false)
        let refused = try space.run(["set-expire", "1", "SOFTWARE"])
        withExtendedLifetime(lock) {}
        refused.expectError(75, containing: ["SOFTWARE: lock failed: another hivetool is editing this hive (use --wait to wait for it)"])
        #expect(try FileSnapshot(space.hive) == space.original)
    }

    @Test func restoringABackupTheJournalDoesNotKnowNamesForce() throws {
        let space = try SampleWorkspace(sample: "SOFTWARE")
        defer { space.remove() }
        let stray = try space.folder.copy(Fixtures.sample("SOFTWARE"), as: "SOFTWARE.20260101T000000Z.bak")
        let refused = try space.run(["restore", PathName.last(stray)])
        refused.expectError(3, containing: ["preflight failed: refusing to restore: the backup is not recorded in",
                                            "so its hash cannot be checked (use --force to restore anyway)"])
        let forced = try space.run(["restore", "--force", PathName.last(stray)])
        #expect(forced.status == 0, "\(forced)")
        #expect(forced.stderr.contains("is not in the journal") && forced.stderr.contains("; restoring anyway (--force)\n"), "\(forced)")
    }

    @Test func forcingAndApplyingLogsSayWhichFlagWasTaken() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let dirty = try DirtyHiveTests.fixture(in: folder)
        let applied = try CLI.run("unmark", "--apply-logs", "--dry-run", dirty.hive, "Old Profile")
        #expect(applied.status == 0, "\(applied)")
        #expect(applied.stderr.contains("; editing the hive with its logs applied (--apply-logs): the edited hive is written clean"), "\(applied)")
        let forced = try CLI.run("unmark", "--force", "--dry-run", dirty.hive, "Old Profile")
        #expect(forced.status == 0, "\(forced)")
        #expect(forced.stderr.contains("; editing anyway (--force): the pending log data will be lost"), "\(forced)")
    }

    @Test func applyLogsWithoutALogThatAppliesNamesForceInstead() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let dirty = try DirtyHiveTests.fixture(in: folder)
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: dirty.log))
        let before = try FileSnapshot(dirty.hive)
        let refused = try CLI.run("unmark", "--apply-logs", dirty.hive, "Old Profile")
        refused.expectError(3, containing: [dirty.hive, "refusing to edit: --apply-logs, but no transaction log applies (NTUSER.DAT.LOG1: ",
                                            "use --force instead of --apply-logs to edit the primary as it is"])
        #expect(try FileSnapshot(dirty.hive) == before)
    }

    @Test func newDefaultRefusalsNameTheFlag() throws {
        let space = try SampleWorkspace(sample: "NTUSER.DAT")
        defer { space.remove() }
        let notDefault = try space.run(["delete-profile", "--new-default", "Work", "NTUSER.DAT", "Old Profile"])
        notDefault.expectError(64, containing: [#""Old Profile" is not the default profile of the office-16.0 root (the default is "Work"); "#
                                                    + "--new-default only applies when deleting the default profile"])
        let itself = try space.run(["delete-profile", "--new-default", "WORK", "NTUSER.DAT", "Work"])
        itself.expectError(64, containing: ["NTUSER.DAT: --new-default names the profile being deleted"])
        try space.expectUntouched()
    }

    @Test func purgeNotesNameForceDefaultAndOlderThan() throws {
        let space = try SampleWorkspace(sample: "NTUSER.DAT")
        defer { space.remove() }
        // Mark the default profile Work: purge leaves it alone, with a note naming the flag.
        _ = try Self.edit(space) { hive in
            _ = try hive.addKeys(at: #"Software\Microsoft\Office\16.0\Outlook\Deleted Profiles 0badf00d\Work"#)
        }
        let kept = try space.run(["purge", "--dry-run", "NTUSER.DAT"])
        #expect(kept.status == 0, "\(kept)")
        #expect(kept.stderr.contains(#"hivetool: warning: left the marked profile "Work" alone: it is the default profile of the office-16.0 root "#
                                     + "(pass --force-default to delete it and clear DefaultProfile)\n"), "\(kept)")

        let hive = try Hive(path: space.hive)
        // A marked profile of unknown age (a last-write time before 1601 reads as unknown).
        let profile = try hive.requireKey(at: #"Software\Microsoft\Office\16.0\Outlook\Profiles\Work"#)
        try HiveTimestamps.stamp(file: space.hive, keys: [profile], time: Date(timeIntervalSince1970: -20_000_000_000))
        let unknownAge = try space.run(["purge", "--dry-run", "--older-than", "1d", "NTUSER.DAT"])
        #expect(unknownAge.status == 0, "\(unknownAge)")
        #expect(unknownAge.stderr.contains(#"left the marked profile "Work" alone: its last-write time is unknown, so --older-than cannot tell its age"#),
                "\(unknownAge)")
    }
}
