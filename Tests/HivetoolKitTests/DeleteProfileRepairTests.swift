import Foundation
@testable import Hivex
import Testing
import TestSupport
@testable import HivetoolKit

/// `DeleteProfileRepair` on the repair fixture.
extension RepairTests {
    @Test func deleteProfileDeletesTheProfileAndEveryMarkOfItsRoot() throws {
        let space = try Workspace(built: true)
        defer { space.remove() }
        let result = try space.run(DeleteProfileRepair(profile: "OLD"))
        #expect(result.changes.map(\.key) == [
            Self.profileKey(RepairFixture.office16Profiles, "Old"), RepairFixture.office16Profiles + #"\Deleted Profiles_CAFE\Old"#,
            RepairFixture.office16 + #"\Deleted Profiles 0badf00d\Old"#,
        ])
        #expect(try State(space.hive) == Self.fixtureState.removing(
            profiles: ["office-16.0/Old"], marks: ["office-16.0/Deleted Profiles_CAFE/Old", "office-16.0/Deleted Profiles 0badf00d/Old"]))
        try space.verifyEditAndRestore(result)
    }

    @Test func deleteProfileNeedsLayoutForAnAmbiguousName() throws {
        let space = try Workspace(built: true)
        defer { space.remove() }
        let ambiguous = try space.refusal(DeleteProfileRepair(profile: "Shared"))
        #expect(ExitStatus(ambiguous) == .usage && ambiguous.description.contains("choose one with the repair's layout"))
        #expect(ambiguous.reason == .ambiguousProfile(name: "Shared", layouts: [.windowsMessagingSubsystem, .office16]), "\(ambiguous)")
        #expect(ambiguous.remedies.map(\.option) == [.layout])
        let result = try space.run(DeleteProfileRepair(profile: "Shared", layout: .office16))
        #expect(result.changes.map(\.key) == [Self.profileKey(RepairFixture.office16Profiles, "Shared")])
        #expect(try State(space.hive) == Self.fixtureState.removing(profiles: ["office-16.0/Shared"]))
        try space.verifyEditAndRestore(result)
    }

    @Test func deleteProfileRefusesTheDefaultWithoutAnExplicitChoice() throws {
        let space = try Workspace(built: true)
        defer { space.remove() }
        let refused = try space.refusal(DeleteProfileRepair(profile: "Work"))
        #expect(ExitStatus(refused) == .refused)
        #expect(refused.description.contains(#"refusing to delete "Work": it is the default profile of the office-16.0 root; pass DefaultProfileHandling.clear"#))
        #expect(refused.reason == .defaultProfile(name: "Work", layout: .office16) && refused.step == .plan, "\(refused)")
        #expect(refused.remedies.map(\.option) == [.forceDefault, .newDefault] && refused.remedies.allSatisfy { !$0.cost.isEmpty })

        let notDefault = try space.refusal(DeleteProfileRepair(profile: "Shared", layout: .office16, defaultProfile: .replace(with: "Old")))
        #expect(ExitStatus(notDefault) == .usage && notDefault.description.contains(#"the default is "Work""#))
        #expect(notDefault.reason == .notDefaultProfile(name: "Shared", layout: .office16, currentDefault: "Work"), "\(notDefault)")
        let noSuchDefault = try space.refusal(DeleteProfileRepair(profile: "Work", defaultProfile: .replace(with: "Service")))
        #expect(ExitStatus(noSuchDefault) == .notFound && noSuchDefault.description.contains(#"no profile named "Service" under office-16.0"#))
        #expect(noSuchDefault.reason == .newDefaultNotFound(name: "Service", layout: .office16))
        let itself = try space.refusal(DeleteProfileRepair(profile: "Work", defaultProfile: .replace(with: "WORK")))
        #expect(ExitStatus(itself) == .usage && itself.reason == .newDefaultIsDeleted)
        let missing = try space.refusal(DeleteProfileRepair(profile: "Nobody"))
        #expect(ExitStatus(missing) == .notFound && missing.description.contains(#"no MAPI profile named "Nobody""#))
        #expect(missing.reason == .profileNotFound(name: "Nobody", layout: nil, existsUnder: [], staleMarksIn: [], hasProfileRoot: true))
        #expect(missing.remedies.isEmpty)
    }

    @Test func deleteProfileWithForceDefaultClearsDefaultProfileOnProfiles() throws {
        let space = try Workspace(built: true)
        defer { space.remove() }
        // Service is the default of the Windows Messaging Subsystem root (value on Profiles) and marked.
        let result = try space.run(DeleteProfileRepair(profile: "service", defaultProfile: .clear))
        #expect(result.changes.map(\.action) == [.deleteKey, .deleteKey, .deleteValue])
        #expect(result.changes.last?.key == RepairFixture.wmsProfiles && result.changes.last?.value == "DefaultProfile")
        var expected = Self.fixtureState.removing(profiles: ["windows-messaging-subsystem/Service"],
                                                  marks: ["windows-messaging-subsystem/Deleted Profiles/Service"])
        expected.defaults[0] = "windows-messaging-subsystem=-"
        #expect(try State(space.hive) == expected)
        try space.verifyEditAndRestore(result)
    }

    @Test func deleteProfileWithNewDefaultSetsDefaultProfileOnOutlook() throws {
        let space = try Workspace(built: true)
        defer { space.remove() }
        let result = try space.run(DeleteProfileRepair(profile: "Work", defaultProfile: .replace(with: "SHARED")))
        #expect(result.changes.map(\.action) == [.deleteKey, .setValue])
        #expect(result.changes[1].key == RepairFixture.office16 && result.changes[1].new?.data == .string("Shared"))
        var expected = Self.fixtureState.removing(profiles: ["office-16.0/Work", "office-16.0/Shared"])
        expected.profiles = (expected.profiles + ["office-16.0/Shared active default"]).sorted()
        expected.defaults[2] = "office-16.0=Shared"
        #expect(try State(space.hive) == expected)
        // The other value of the Outlook key is kept.
        let hive = try Hive(path: space.hive)
        #expect(try hive.value(named: "LastUILanguage", of: hive.requireKey(at: RepairFixture.office16))?.dword() == 0x409)
        try space.verifyEditAndRestore(result)
    }

    @Test func newDefaultThatIsMarkedGivesAWarning() throws {
        let space = try Workspace(built: true)
        defer { space.remove() }
        let result = try space.run(DeleteProfileRepair(profile: "Work", defaultProfile: .replace(with: "old")), dryRun: true)
        #expect(result.warnings == [#"the new default profile "Old" is itself marked for deletion in Deleted Profiles_CAFE, Deleted Profiles 0badf00d; MAPI will delete it (run unmark to keep it)"#])
        #expect(try FileSnapshot(space.hive) == space.original)
    }

    @Test func deleteProfileOnTheSample() throws {
        let space = try Workspace(built: false)
        defer { space.remove() }
        let result = try space.run(DeleteProfileRepair(profile: "EVTemp-0001"))
        #expect(result.changes.map(\.key) == [NTUSERPaths.wmsProfiles + #"\EVTemp-0001"#, NTUSERPaths.wmsProfiles + #"\Deleted Profiles1A2B3C4D\EVTemp-0001"#])
        let inventory = try ProfileInventory(hive: Hive(path: space.hive))
        #expect(!inventory.profiles.contains { $0.name == "EVTemp-0001" })
        #expect(inventory.deletedProfileMarks.map(\.profile) == ["Exchange Service", "Gone Profile", "Old Profile", "Retired 2019"])
        try space.verifyEditAndRestore(result)
    }

    // MARK: - Refusals common to every repair
}
