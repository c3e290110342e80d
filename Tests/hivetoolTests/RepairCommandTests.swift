import Foundation
import Hivex
import Testing
import TestSupport
@testable import HivetoolKit

/// unmark, purge and delete-profile run as a user would, on copies of samples/NTUSER.DAT.
@Suite struct RepairCommandTests {
    static let wmsProfiles = #"Software\Microsoft\Windows NT\CurrentVersion\Windows Messaging Subsystem\Profiles"#
    static let office16 = #"Software\Microsoft\Office\16.0\Outlook"#


    static let sampleProfiles = [
        "EVTemp-0001 marked-for-deletion", "Exchange Service marked-for-deletion", "Outlook active default",
        "Old Profile marked-for-deletion", "Work active default", "Ünïcode Prófile active",
    ]
    static let sampleMarks = [
        "Deleted Profiles/Exchange Service", "Deleted Profiles1A2B3C4D/EVTemp-0001", "Deleted Profiles1A2B3C4D/Gone Profile",
        "Deleted Profiles 0badf00d/Old Profile", "Deleted Profiles-12345678/Retired 2019",
    ]

    // MARK: - unmark

    @Test func unmarkPrintsTheRemovedMarkAndTheProfileBecomesActive() throws {
        let space = try SampleWorkspace(sample: "NTUSER.DAT")
        defer { space.remove() }
        #expect(try space.state().profiles == Self.sampleProfiles)
        let outcome = try space.run(["unmark", "NTUSER.DAT", "exchange service"])
        outcome.expectQuietSuccess()
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 5, "\(outcome)")
        #expect(lines.first == "Changed NTUSER.DAT:")
        #expect(lines.dropFirst().first == #"  delete key \#(Self.wmsProfiles)\Deleted Profiles\Exchange Service and everything below it"#)
        let sha = try FileDigest.sha256(path: Fixtures.sample("NTUSER.DAT"))
        #expect(lines[2].hasPrefix("Backup:  NTUSER.DAT.") && lines[2].hasSuffix(".bak (SHA-256 \(sha), verified)"), "\(outcome)")
        #expect(lines[3].hasPrefix("SHA-256: ") && lines[4] == "Journal: ./hivetool-journal.jsonl", "\(outcome)")

        let state = try space.state()
        #expect(state.profiles == Self.sampleProfiles.map { $0 == "Exchange Service marked-for-deletion" ? "Exchange Service active" : $0 })
        #expect(state.marks == Self.sampleMarks.filter { $0 != "Deleted Profiles/Exchange Service" })
        try space.expectBackupJournalAndRestore(command: "hivetool unmark NTUSER.DAT 'exchange service'")
    }

    @Test func unmarkWithContainerAndNothingToDo() throws {
        let space = try SampleWorkspace(sample: "NTUSER.DAT")
        defer { space.remove() }
        let other = try space.run(["unmark", "--container", "Deleted Profiles", "NTUSER.DAT", "EVTemp-0001"])
        other.expectFinished()
        #expect(other.status == 0 && other.stdout == "NTUSER.DAT: nothing to change\n")
        #expect(other.stderr == #"hivetool: warning: profile "EVTemp-0001" is still marked for deletion in Deleted Profiles1A2B3C4D (not named by --container)"# + "\n")
        #expect(try FileSnapshot(space.hive) == space.original)

        let missing = try space.run(["unmark", "--container", "Deleted Profiles 0badf00d", "NTUSER.DAT", "EVTemp-0001"])
        missing.expectError(1, containing: [#"no Deleted Profiles container "Deleted Profiles 0badf00d" in the windows-messaging-subsystem root"#,
                                            #"it has "Deleted Profiles", "Deleted Profiles1A2B3C4D""#])
        try space.expectUntouched()

        let outcome = try space.run(["unmark", "--container", "deleted profiles1a2b3c4d", "NTUSER.DAT", "EVTemp-0001"])
        outcome.expectQuietSuccess()
        #expect(outcome.stdout.contains(#"delete key \#(Self.wmsProfiles)\Deleted Profiles1A2B3C4D\EVTemp-0001 and everything below it"#))
        #expect(try space.state().marks == Self.sampleMarks.filter { $0 != "Deleted Profiles1A2B3C4D/EVTemp-0001" })
    }

    // MARK: - purge

    @Test func purgeDryRunListsEverythingAndWritesNothing() throws {
        let space = try SampleWorkspace(sample: "NTUSER.DAT")
        defer { space.remove() }
        let outcome = try space.run(["purge", "--dry-run", "NTUSER.DAT"])
        outcome.expectQuietSuccess()
        #expect(outcome.stdout == """
            Would change NTUSER.DAT:
              delete key \(Self.wmsProfiles)\\EVTemp-0001 and everything below it
              delete key \(Self.wmsProfiles)\\Deleted Profiles1A2B3C4D\\EVTemp-0001 and everything below it
              delete key \(Self.wmsProfiles)\\Exchange Service and everything below it
              delete key \(Self.wmsProfiles)\\Deleted Profiles\\Exchange Service and everything below it
              delete key \(Self.office16)\\Profiles\\Old Profile and everything below it
              delete key \(Self.office16)\\Deleted Profiles 0badf00d\\Old Profile and everything below it
              delete key \(Self.wmsProfiles)\\Deleted Profiles1A2B3C4D\\Gone Profile and everything below it
              delete key \(Self.office16)\\Deleted Profiles-12345678\\Retired 2019 and everything below it
            Dry run: nothing was written.

            """)
        try space.expectUntouched()

        let json = try space.run(["purge", "--dry-run", "--format", "json", "NTUSER.DAT"])
        json.expectQuietSuccess()
        let object = try CLI.jsonObject(json.stdout)
        #expect(object["dryRun"] as? Bool == true && object["backup"] is NSNull && object["journal"] is NSNull)
        #expect((object["changes"] as? [[String: Any]])?.count == 8)
        try space.expectUntouched()
    }

    @Test func purgeInJSONThenListProfilesShowsOnlyActiveProfiles() throws {
        let space = try SampleWorkspace(sample: "NTUSER.DAT")
        defer { space.remove() }
        let outcome = try space.run(["purge", "--format", "json", "NTUSER.DAT"])
        outcome.expectQuietSuccess()
        let object = try CLI.jsonObject(outcome.stdout)
        #expect(object["schemaVersion"] as? Int == 2 && object["dryRun"] as? Bool == false)
        let changes = try #require(object["changes"] as? [[String: Any]])
        #expect(changes.count == 8 && changes.allSatisfy { $0["action"] as? String == "delete-key" })
        #expect((object["backup"] as? String)?.hasSuffix(".bak") == true)
        #expect(object["journal"] as? String == "./hivetool-journal.jsonl")

        let state = try space.state()
        #expect(state.profiles == ["Outlook active default", "Work active default", "Ünïcode Prófile active"])
        #expect(state.marks.isEmpty && state.defaults == ["Outlook", "Work"])
        try space.expectBackupJournalAndRestore(command: "hivetool purge --format json NTUSER.DAT")
    }

    @Test func purgeStaleOnly() throws {
        let space = try SampleWorkspace(sample: "NTUSER.DAT")
        defer { space.remove() }
        let outcome = try space.run(["purge", "--stale-only", "NTUSER.DAT"])
        outcome.expectQuietSuccess()
        #expect(outcome.stdout.components(separatedBy: "delete key").count == 3)
        let state = try space.state()
        #expect(state.profiles == Self.sampleProfiles)
        #expect(state.marks == Self.sampleMarks.filter { !$0.hasSuffix("Gone Profile") && !$0.hasSuffix("Retired 2019") })
        try space.expectBackupJournalAndRestore(command: "hivetool purge --stale-only NTUSER.DAT")
    }

    @Test func purgeMatchOlderThanAndLayout() throws {
        let space = try SampleWorkspace(sample: "NTUSER.DAT")
        defer { space.remove() }
        // The sample's keys were written on 2024-05-01: older than a week, younger than a century.
        let young = try space.run(["purge", "--older-than", "36500d", "NTUSER.DAT"])
        young.expectQuietSuccess()
        #expect(young.stdout == "NTUSER.DAT: nothing to change\n")
        let layout = try space.run(["purge", "--layout", "office-16.0", "--dry-run", "NTUSER.DAT"])
        layout.expectQuietSuccess()
        #expect(layout.stdout.components(separatedBy: "delete key").count == 4 && !layout.stdout.contains("Windows Messaging"))
        try space.expectUntouched()

        let outcome = try space.run(["purge", "--match", "evtemp-*", "--older-than", "7d", "NTUSER.DAT"])
        outcome.expectQuietSuccess()
        #expect(outcome.stdout.components(separatedBy: "delete key").count == 3, "\(outcome)")
        let state = try space.state()
        #expect(state.profiles == Self.sampleProfiles.filter { !$0.hasPrefix("EVTemp-0001") })
        #expect(state.marks == Self.sampleMarks.filter { $0 != "Deleted Profiles1A2B3C4D/EVTemp-0001" })
        try space.expectBackupJournalAndRestore(command: "hivetool purge --match 'evtemp-*' --older-than 7d NTUSER.DAT")
    }

    // MARK: - delete-profile

    @Test func deleteProfileDeletesItsMarksToo() throws {
        let space = try SampleWorkspace(sample: "NTUSER.DAT")
        defer { space.remove() }
        let outcome = try space.run(["delete-profile", "NTUSER.DAT", "Old Profile"])
        outcome.expectQuietSuccess()
        #expect(outcome.stdout.hasPrefix("""
            Changed NTUSER.DAT:
              delete key \(Self.office16)\\Profiles\\Old Profile and everything below it
              delete key \(Self.office16)\\Deleted Profiles 0badf00d\\Old Profile and everything below it
            Backup:  NTUSER.DAT.
            """), "\(outcome)")
        let state = try space.state()
        #expect(state.profiles == Self.sampleProfiles.filter { !$0.hasPrefix("Old Profile") })
        #expect(state.marks == Self.sampleMarks.filter { !$0.hasSuffix("Old Profile") })
        try space.expectBackupJournalAndRestore(command: "hivetool delete-profile NTUSER.DAT 'Old Profile'")
    }

    @Test func deletingTheDefaultNeedsForceDefaultOrNewDefault() throws {
        let space = try SampleWorkspace(sample: "NTUSER.DAT")
        defer { space.remove() }
        let refused = try space.run(["delete-profile", "NTUSER.DAT", "Work"])
        refused.expectError(3, containing: ["NTUSER.DAT", #"refusing to delete "Work": it is the default profile of the office-16.0 root"#,
                                            "--force-default", "--new-default"])
        #expect(refused.stdout.isEmpty)
        // --force is about dirty hives; it does not allow deleting the default.
        try space.run(["delete-profile", "--force", "NTUSER.DAT", "Work"]).expectError(3, containing: ["--force-default"])
        let both = try space.run(["delete-profile", "--force-default", "--new-default", "Outlook", "NTUSER.DAT", "Work"])
        #expect(both.status == 64 && both.stderr.contains("either --force-default or --new-default"), "\(both)")
        let notDefault = try space.run(["delete-profile", "--new-default", "Work", "NTUSER.DAT", "Old Profile"])
        notDefault.expectError(64, containing: [#"the default is "Work""#])
        let noSuch = try space.run(["delete-profile", "--new-default", "Outlook", "NTUSER.DAT", "Work"])
        noSuch.expectError(1, containing: [#"--new-default: no profile named "Outlook" under office-16.0"#])
        try space.expectUntouched()

        let replaced = try space.run(["delete-profile", "--new-default", "ünïcode prófile", "NTUSER.DAT", "Work"])
        replaced.expectQuietSuccess()
        #expect(replaced.stdout.contains(#"  set \#(Self.office16)\DefaultProfile: "Work" (REG_SZ) -> "Ünïcode Prófile" (REG_SZ)"#), "\(replaced)")
        #expect(try space.state().defaults == ["Outlook", "Ünïcode Prófile"])
        try space.expectBackupJournalAndRestore(command: "hivetool delete-profile --new-default 'ünïcode prófile' NTUSER.DAT Work")
    }

    @Test func deleteTheDefaultWithForceDefaultClearsDefaultProfile() throws {
        let space = try SampleWorkspace(sample: "NTUSER.DAT")
        defer { space.remove() }
        let outcome = try space.run(["delete-profile", "--force-default", "--format", "json", "NTUSER.DAT", "outlook"])
        outcome.expectQuietSuccess()
        let changes = try #require(try CLI.jsonObject(outcome.stdout)["changes"] as? [[String: Any]])
        #expect(changes.map { $0["action"] as? String } == ["delete-key", "delete-value"])
        #expect(changes.last?["value"] as? String == "DefaultProfile" && changes.last?["key"] as? String == Self.wmsProfiles)
        let state = try space.state()
        #expect(state.defaults == [nil, "Work"])
        #expect(!state.profiles.contains { $0.hasPrefix("Outlook") })
    }

    // MARK: - Refusals

    @Test func missingProfileExits1() throws {
        let space = try SampleWorkspace(sample: "NTUSER.DAT")
        defer { space.remove() }
        for command in ["unmark", "delete-profile"] {
            let outcome = try space.run([command, "NTUSER.DAT", "Gone Profile"])
            outcome.expectError(1, containing: ["NTUSER.DAT", #"no MAPI profile named "Gone Profile""#, "purge --stale-only"])
            #expect(outcome.stdout.isEmpty)
        }
        try space.run(["delete-profile", "--layout", "office-16.0", "NTUSER.DAT", "Outlook"])
            .expectError(1, containing: ["under office-16.0 (it exists under windows-messaging-subsystem)"])
        try space.expectUntouched()
    }

    @Test func ambiguousNameExits64UntilLayoutChooses() throws {
        let space = try SampleWorkspace(sample: "NTUSER.DAT")
        defer { space.remove() }
        // Add an "Outlook" profile to the Office 16.0 root too.
        let edited = space.folder.file("edited")
        do {
            let hive = try Hive(path: space.hive, options: .writable)
            try hive.addKeys(at: Self.office16 + #"\Profiles\Outlook\9207f3e0a3b11019908b08002b2a56c2"#)
            try hive.commit(to: edited)
        }
        try FileManager.default.removeItem(atPath: space.hive)
        try FileManager.default.moveItem(atPath: edited, toPath: space.hive)
        let before = try FileSnapshot(space.hive)
        for command in [["unmark"], ["delete-profile"], ["delete-profile", "--force-default"]] {
            let outcome = try space.run(command + ["NTUSER.DAT", "OUTLOOK"])
            outcome.expectError(64, containing: [#"profile "OUTLOOK" exists under several roots (windows-messaging-subsystem, office-16.0); choose one with --layout"#])
        }
        #expect(try FileSnapshot(space.hive) == before)
        let chosen = try space.run(["delete-profile", "--layout", "office-16.0", "NTUSER.DAT", "Outlook"])
        chosen.expectQuietSuccess()
        #expect(chosen.stdout.contains(#"delete key \#(Self.office16)\Profiles\Outlook and everything below it"#))
        #expect(try space.state().profiles.filter { $0.hasPrefix("Outlook") } == ["Outlook active default"])
    }

    @Test(arguments: [["purge"], ["unmark", "Outlook"], ["delete-profile", "Outlook"]])
    func notAUserHiveExits3(command: [String]) throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        _ = try folder.copy(Fixtures.sample("SOFTWARE"))
        let before = try FileSnapshot(folder.file("SOFTWARE"))
        let outcome = try CLI.run([command[0], "SOFTWARE"] + command.dropFirst(), in: folder.path)
        outcome.expectError(3, containing: ["SOFTWARE", "not a user hive", "no MAPI profile root and no Software key"])
        #expect(try FileSnapshot(folder.file("SOFTWARE")) == before)
    }

    @Test(arguments: [["purge"], ["unmark", "Exchange Service"], ["delete-profile", "EVTemp-0001"]])
    func dirtyHiveExits3(command: [String]) throws {
        let space = try SampleWorkspace(sample: "NTUSER.DAT")
        defer { space.remove() }
        try HiveSurgery.setBaseBlockField(path: space.hive, offset: 4, to: 77)
        let before = try FileSnapshot(space.hive)
        let outcome = try space.run([command[0], "NTUSER.DAT"] + command.dropFirst())
        outcome.expectError(3, containing: ["NTUSER.DAT", "preflight failed", "dirty", "no transaction log is beside it", "--force", "are lost"])
        // No log applies, so the advice must not be --apply-logs (which would fail in turn).
        #expect(!outcome.stderr.contains("--apply-logs"), "\(outcome)")
        #expect(try FileSnapshot(space.hive) == before)
        #expect(space.otherFiles.isEmpty)
        // The option the refusal names gets past it.
        let forced = try space.run([command[0], "--force", "NTUSER.DAT"] + command.dropFirst())
        #expect(forced.status == 0, "\(forced)")
    }

    @Test(arguments: [
        (["purge", "--older-than", "7", "NTUSER.DAT"], "--older-than"),
        (["purge", "--older-than", "soon", "NTUSER.DAT"], "--older-than"),
        (["purge", "--match", "EV[Temp", "NTUSER.DAT"], "--match"),
        (["purge", "--layout", "office-17.0", "NTUSER.DAT"], "--layout"),
        (["unmark", "NTUSER.DAT"], "profile"),
        (["unmark", "NTUSER.DAT", ""], "PROFILE must not be empty"),
        (["delete-profile", "--new-default", "", "NTUSER.DAT", "Work"], "--new-default"),
    ])
    func usageErrorsExit64(arguments: [String], fragment: String) throws {
        let space = try SampleWorkspace(sample: "NTUSER.DAT")
        defer { space.remove() }
        let outcome = try space.run(arguments)
        outcome.expectFinished()
        #expect(outcome.status == 64 && outcome.stderr.contains(fragment), "\(outcome)")
        try space.expectUntouched()
    }

    @Test(arguments: ["unmark", "purge", "delete-profile"])
    func helpDescribesEveryOption(command: String) throws {
        let outcome = try CLI.run(command, "--help")
        outcome.expectQuietSuccess()
        for option in ["--layout", "--backup-dir", "--force", "--wait", "--dry-run", "--format", "Example"] {
            #expect(outcome.stdout.contains(option), "\(command) --help lacks \(option)")
        }
        let extra = ["unmark": ["--container"], "purge": ["--stale-only", "--older-than", "--match", "--force-default"],
                     "delete-profile": ["--force-default", "--new-default"]][command] ?? []
        for option in extra { #expect(outcome.stdout.contains(option), "\(command) --help lacks \(option)") }
    }
}

/// Profile-state helpers for the repair tests.
extension SampleWorkspace {
    /// Profiles as `name status [default]`, marks as `container/profile`, and the default profile per
    /// root, from `list-profiles --format json`.
    func state(sourceLocation: SourceLocation = #_sourceLocation) throws -> (profiles: [String], marks: [String], defaults: [String?]) {
        let outcome = try run(["list-profiles", "--format", "json", name])
        outcome.expectQuietSuccess(sourceLocation: sourceLocation)
        let object = try CLI.jsonObject(outcome.stdout, sourceLocation: sourceLocation)
        let profiles = (object["profiles"] as? [[String: Any]] ?? []).map { profile in
            "\(profile["name"] as? String ?? "?") \(profile["status"] as? String ?? "?")" + (profile["isDefault"] as? Bool == true ? " default" : "")
        }
        let marks = (object["deletedProfileMarks"] as? [[String: Any]] ?? []).map { "\($0["container"] as? String ?? "?")/\($0["profile"] as? String ?? "?")" }
        let defaults = (object["roots"] as? [[String: Any]] ?? []).map { $0["defaultProfile"] as? String }
        return (profiles, marks, defaults)
    }

    /// Nothing was written: the hive is as copied and no backup or journal exists.
    func expectUntouched(sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try FileSnapshot(hive) == original, sourceLocation: sourceLocation)
        #expect(otherFiles.isEmpty, "\(otherFiles)", sourceLocation: sourceLocation)
    }

    /// One backup and one journal record for `command`; restoring the backup brings the original back.
    func expectBackupJournalAndRestore(command: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let backups = otherFiles.filter { $0.hasSuffix(".bak") }
        #expect(backups.count == 1, "\(otherFiles)", sourceLocation: sourceLocation)
        let records = EditJournal.records(at: folder.file(EditJournal.fileName))
        #expect(records.map(\.command) == [command], sourceLocation: sourceLocation)
        guard let backup = backups.first else { return }
        try run(["restore", backup]).expectQuietSuccess(sourceLocation: sourceLocation)
        #expect(try FileSnapshot(hive).bytes == original.bytes, sourceLocation: sourceLocation)
    }
}
