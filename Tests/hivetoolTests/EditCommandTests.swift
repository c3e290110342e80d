import Foundation
import Hivex
import Testing
import TestSupport
@testable import HivetoolKit

/// set-expire, get-expire and restore run as a user would, including crashes at every step of the
/// safe-edit path, a full disk, a read-only folder and two editors at once.
@Suite(.serialized) struct EditCommandTests {
    /// The ProfileExpire the workspace's hive now holds in the Wow6432Node view.
    static func days(_ space: SampleWorkspace) throws -> UInt32? {
        try ProfileExpireReport(hive: Hive(path: space.hive)).views[0].days
    }

    @Test func setExpireThenGetExpireThenRestore() throws {
        let space = try SampleWorkspace(sample: "SOFTWARE")
        defer { space.folder.remove() }
        let set = try space.run(["set-expire", "1", "SOFTWARE"])
        set.expectQuietSuccess()
        #expect(set.stdout.contains(#"set Wow6432Node\KVS\Enterprise Vault\Agents\ProfileExpire: 3 (0x3) (REG_DWORD) -> 1 (0x1) (REG_DWORD)"#))
        #expect(try Self.days(space) == 1)

        let get = try space.run(["get-expire", "--format", "json", "SOFTWARE"])
        get.expectQuietSuccess()
        let json = try CLI.jsonObject(get.stdout)
        #expect(json["effectiveDays"] as? Int == 1)
        #expect(json["activeView"] as? String == "wow6432node")
        #expect((json["views"] as? [[String: Any]])?.map { $0["days"] as? Int } == [1, nil])

        let backup = try #require(space.otherFiles.first { $0.hasSuffix(".bak") })
        let restore = try space.run(["restore", backup])
        restore.expectQuietSuccess()
        #expect(try FileSnapshot(space.hive).bytes == space.original.bytes)
        #expect(space.otherFiles.filter { $0.hasSuffix(".bak") }.count == 2)
        #expect(EditJournal.records(at: space.folder.file(EditJournal.fileName)).map(\.command)
            == ["hivetool set-expire 1 SOFTWARE", "hivetool restore \(backup)"])
    }

    /// An edit replaces the file by a rename, so a hard link to the hive keeps the unedited hive: the
    /// edit says so, and the other name is indeed unchanged.
    @Test func aHardLinkedHiveIsEditedWithAWarning() throws {
        let space = try SampleWorkspace(sample: "SOFTWARE")
        defer { space.folder.remove() }
        let other = space.folder.file("SOFTWARE.other-name")
        #expect(link(space.hive, other) == 0)
        let set = try space.run(["set-expire", "1", "SOFTWARE"])
        #expect(set.status == 0, "\(set)")
        #expect(set.stderr.contains("warning: SOFTWARE has 1 other name (hard link), which will keep the unedited hive"), "\(set.stderr)")
        #expect(try Self.days(space) == 1)
        #expect(try FileSnapshot(other) == space.original, "the other name still holds the original")
    }

    @Test func hiveFromEnvironmentAndWindowsRoot() throws {
        let space = try SampleWorkspace(sample: "SOFTWARE")
        defer { space.folder.remove() }
        let fromEnvironment = try space.run(["set-expire", "2", "--dry-run"], environment: ["HIVETOOL_SOFTWARE": space.hive])
        fromEnvironment.expectQuietSuccess()
        #expect(fromEnvironment.stdout.contains("Dry run: nothing was written."))
        #expect(try FileSnapshot(space.hive) == space.original)

        let config = space.folder.file("mnt/windows/system32/CONFIG")
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
        _ = try space.folder.copy(Fixtures.sample("SOFTWARE"), as: "mnt/windows/system32/CONFIG/software")
        let fromRoot = try space.run(["set-expire", "2", "--windows-root", "mnt"])
        fromRoot.expectQuietSuccess()
        #expect(try ProfileExpireReport(hive: Hive(path: config + "/software")).effectiveDays == 2)

        let none = try space.run(["get-expire"], environment: ["HIVETOOL_SOFTWARE": ""])
        #expect(none.status == 64)
        #expect(none.stderr.contains("no SOFTWARE hive"))
    }

    @Test(arguments: [["0"], ["-1"], ["abc"], ["99999"], ["1.5"], ["4294967296"]])
    func badDaysAreUsageErrors(days: [String]) throws {
        let space = try SampleWorkspace(sample: "SOFTWARE")
        defer { space.folder.remove() }
        let outcome = try space.run(["set-expire"] + days + ["SOFTWARE"])
        outcome.expectFinished()
        #expect(outcome.status == 64, "\(outcome)")
        #expect(try FileSnapshot(space.hive) == space.original)
        #expect(space.otherFiles.isEmpty)
        if days == ["0"] {
            #expect(outcome.stderr.contains("--allow-zero"))
            try space.run(["set-expire", "0", "--allow-zero", "SOFTWARE"]).expectQuietSuccess()
            #expect(try Self.days(space) == 0)
        }
    }

    @Test func dirtyHiveIsRefusedWithExit3() throws {
        let space = try SampleWorkspace(sample: "SOFTWARE")
        defer { space.folder.remove() }
        var bytes = [UInt8](space.original.bytes)
        bytes[4] &+= 1
        let checksum = BaseBlock.checksum(of: bytes)
        for index in 0..<4 { bytes[508 + index] = UInt8(truncatingIfNeeded: checksum >> (8 * index)) }
        try Data(bytes).write(to: URL(fileURLWithPath: space.hive))
        let before = try FileSnapshot(space.hive)
        let outcome = try space.run(["set-expire", "1", "SOFTWARE"])
        outcome.expectError(3, containing: ["SOFTWARE", "preflight failed", "dirty", "--force"])
        #expect(try FileSnapshot(space.hive) == before)
        #expect(space.otherFiles.isEmpty)
    }

    /// A kill at any step leaves the untouched original or the complete, verified new hive.
    @Test(arguments: FaultPoint.allCases.map(\.rawValue))
    func killedAtEveryStep(point: String) throws {
        let space = try SampleWorkspace(sample: "SOFTWARE")
        defer { space.folder.remove() }
        let outcome = try space.run(["set-expire", "1", "SOFTWARE"], environment: [FaultPoint.environmentVariable: point])
        #expect(outcome.status == 9, "expected SIGKILL at \(point): \(outcome)")
        let now = try FileSnapshot(space.hive)
        let header = try BaseBlock.read(path: space.hive)
        #expect(header.problem == nil && !header.isDirty)
        switch point {
        case "after-replace", "after-journal":
            #expect(try Self.days(space) == 1)
        default:
            #expect(now == space.original, "the original changed after a kill at \(point)")
        }
        // The next edit cleans up whatever the killed one left, settles its journal record, and succeeds.
        let next = try space.run(["set-expire", "2", "SOFTWARE"])
        #expect(next.status == 0, "\(next)")
        switch point {
        case "during-backup", "after-backup", "after-commit", "after-verify":
            #expect(next.stderr.hasPrefix("hivetool: warning: an interrupted edit of SOFTWARE (hivetool set-expire 1 SOFTWARE) never replaced the hive; its backup "), "\(next)")
        case "after-replace":
            #expect(next.stderr == "hivetool: warning: an interrupted edit of SOFTWARE (hivetool set-expire 1 SOFTWARE) had replaced the hive; recorded as completed\n", "\(next)")
        default:
            #expect(next.stderr.isEmpty, "\(next)")
        }
        #expect(try Self.days(space) == 2)
        #expect(!space.otherFiles.contains { $0.hasSuffix(".tmp") }, "\(space.otherFiles)")
        // No edit is left pending, and exactly the completed edits keep a backup.
        let records = EditJournal.records(at: space.folder.file(EditJournal.fileName))
        #expect(!records.contains { $0.state == .pending }, "\(records)")
        let completed = records.filter { $0.state == .completed }
        #expect(completed.count == (["after-replace", "after-journal"].contains(point) ? 2 : 1))
        let backups = space.otherFiles.filter { $0.hasSuffix(".bak") }.map { space.folder.file($0) }.sorted()
        #expect(backups == completed.map { URL(fileURLWithPath: $0.backup).lastPathComponent }.map { space.folder.file($0) }.sorted(), "\(space.otherFiles)")
    }

    /// `ulimit -f` makes writes past the limit fail with EFBIG, as a full disk would.
    @Test(arguments: [(10, Int32(73), "backup failed"), (22, Int32(74), "commit failed")])
    func fileSizeLimitLeavesTheOriginal(limitKiB: Int, status: Int32, message: String) throws {
        let space = try SampleWorkspace(sample: "SOFTWARE")
        defer { space.folder.remove() }
        let result = try ExternalTool.run("bash", ["-c", "cd \"$1\" && ulimit -f \(limitKiB) && exec \"$2\" set-expire 1 SOFTWARE", "bash",
                                                   space.folder.path, Fixtures.hivetoolExecutable])
        #expect(result.status == status, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("hivetool: ") && result.stderr.contains(message), "\(result.stderr)")
        #expect(try FileSnapshot(space.hive) == space.original)
        // No backup is left; the journal, if the edit got that far, records it as abandoned.
        #expect(space.otherFiles.filter { $0 != EditJournal.fileName }.isEmpty, "\(space.otherFiles)")
        let records = EditJournal.records(at: space.folder.file(EditJournal.fileName))
        #expect(records.allSatisfy { $0.state == .abandoned }, "\(records)")
    }

    /// Root ignores folder permissions, so the read-only folder test runs the tool as nobody.
    @Test(.enabled(if: ExternalTool.isInstalled("setpriv") || getuid() != 0, "needs setpriv to drop root"))
    func readOnlyFolderLeavesTheOriginal() throws {
        let space = try SampleWorkspace(sample: "SOFTWARE")
        defer {
            chmod(space.folder.path, 0o755)
            space.folder.remove()
        }
        chmod(space.hive, 0o666)
        chmod(space.folder.path, 0o555)
        let prefix = getuid() == 0 ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"] : []
        let command = prefix + [Fixtures.hivetoolExecutable, "set-expire", "1", space.hive]
        let result = try ExternalTool.run(command[0], Array(command.dropFirst()))
        #expect(result.status == 73, "\(result.stderr)")
        #expect(result.stderr.contains("backup failed") && result.stderr.contains("permission denied"), "\(result.stderr)")
        #expect(try FileSnapshot(space.hive) == space.original)
        #expect(space.otherFiles.isEmpty)
    }

    @Test func twoEditorsWithWaitBothFinishInTurn() throws {
        let space = try SampleWorkspace(sample: "SOFTWARE")
        defer { space.folder.remove() }
        nonisolated(unsafe) var outcomes: [CLI.Outcome?] = [nil, nil]
        let lock = NSLock()
        let folder = space.folder.path
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let outcome = try? CLI.run(["set-expire", String(index + 1), "--wait", "SOFTWARE"], in: folder)
            lock.withLock { outcomes[index] = outcome }
        }
        for outcome in outcomes { #expect(outcome?.status == 0, "\(String(describing: outcome))") }
        let records = EditJournal.records(at: space.folder.file(EditJournal.fileName))
        #expect(records.count == 2)
        #expect(records[1].sha256Before == records[0].sha256After, "the edits interleaved")
        #expect(try FileDigest.sha256(path: space.hive) == records[1].sha256After)
        #expect([1, 2].contains(try Self.days(space)))
    }

    @Test func twoEditorsWithoutWaitNeverInterleave() throws {
        let space = try SampleWorkspace(sample: "SOFTWARE")
        defer { space.folder.remove() }
        nonisolated(unsafe) var statuses: [Int32] = [-1, -1]
        let lock = NSLock()
        let folder = space.folder.path
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let outcome = try? CLI.run(["set-expire", String(index + 1), "SOFTWARE"], in: folder)
            lock.withLock { statuses[index] = outcome?.status ?? -1 }
        }
        #expect(statuses.allSatisfy { $0 == 0 || $0 == 75 }, "\(statuses)")
        #expect(statuses.contains(0))
        let records = EditJournal.records(at: space.folder.file(EditJournal.fileName))
        #expect(records.count == statuses.filter { $0 == 0 }.count)
        #expect(try FileDigest.sha256(path: space.hive) == records.last?.sha256After)
    }
}
