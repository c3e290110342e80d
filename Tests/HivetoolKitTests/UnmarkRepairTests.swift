import Foundation
@testable import Hivex
import Testing
import TestSupport
@testable import HivetoolKit

/// `UnmarkRepair` (Sources/HivetoolKit/Repairs/UnmarkRepair.swift) on the repair fixture.
extension RepairTests {
    @Test func unmarkRemovesTheMarksFromEveryContainerOfTheRootAndKeepsTheProfile() throws {
        let space = try Workspace(built: true)
        defer { space.remove() }
        #expect(try State(space.hive) == Self.fixtureState)

        let result = try space.run(UnmarkRepair(profile: "evtemp-0001"))
        #expect(Self.deletedKeys(result) == [
            RepairFixture.wmsProfiles + #"\Deleted Profiles1A2B3C4D\EVTemp-0001"#,
            RepairFixture.wms + #"\Deleted Profiles\EVTemp-0001"#,
        ].sorted())
        #expect(result.changes.allSatisfy { $0.action == .deleteKey } && result.warnings.isEmpty)
        var expected = Self.fixtureState.removing(profiles: ["windows-messaging-subsystem/EVTemp-0001"],
                                                  marks: ["windows-messaging-subsystem/Deleted Profiles1A2B3C4D/EVTemp-0001",
                                                          "windows-messaging-subsystem/Deleted Profiles/EVTemp-0001"])
        expected.profiles = (expected.profiles + ["windows-messaging-subsystem/EVTemp-0001 active"]).sorted()
        #expect(try State(space.hive) == expected)
        // The profile keeps its whole subtree and its values.
        let hive = try Hive(path: space.hive)
        let section = try hive.requireKey(at: RepairFixture.wmsProfiles + #"\EVTemp-0001\13dbb0c8aa05101a9bb000aa002fc45a"#)
        #expect(try hive.value(named: "001e3001", of: section)?.string() == "EVTemp-0001 display")
        try space.verifyEditAndRestore(result)
    }

    @Test func unmarkKeepsAContainerItLeavesEmpty() throws {
        let space = try Workspace(built: true)
        defer { space.remove() }
        let result = try space.run(UnmarkRepair(profile: "Legacy"))
        #expect(Self.deletedKeys(result) == [RepairFixture.office15Profiles + #"\Deleted Profiles\Legacy"#])
        let hive = try Hive(path: space.hive)
        let container = try hive.requireKey(at: RepairFixture.office15Profiles + #"\Deleted Profiles"#)
        #expect(try hive.children(of: container).isEmpty)
        var expected = Self.fixtureState.removing(profiles: ["office-15.0/Legacy"], marks: ["office-15.0/Deleted Profiles/Legacy"])
        expected.profiles = (expected.profiles + ["office-15.0/Legacy active"]).sorted()
        #expect(try State(space.hive) == expected)
        // The empty container is still not taken for a profile.
        #expect(try ProfileInventory(hive: hive).profiles.filter { $0.layout == .office15 }.map(\.name) == ["Legacy"])
        try space.verifyEditAndRestore(result)
    }

    @Test func unmarkOneContainerByNameOrPathAndSayWhatStaysMarked() throws {
        let space = try Workspace(built: true)
        defer { space.remove() }
        // "Deleted Profiles" exists inside and beside Profiles; EVTemp-0001 is marked only beside.
        let unmark = UnmarkRepair(profile: "EVTemp-0001", container: "deleted profiles")
        #expect(try unmark.plan(ProfileInventory(hive: Hive(path: space.hive))).notes == [.stillMarked(name: "EVTemp-0001", containers: ["Deleted Profiles1A2B3C4D"])])
        let byName = try space.run(unmark, dryRun: true)
        #expect(Self.deletedKeys(byName) == [RepairFixture.wms + #"\Deleted Profiles\EVTemp-0001"#])
        #expect(byName.warnings == [#"profile "EVTemp-0001" is still marked for deletion in Deleted Profiles1A2B3C4D (not named by UnmarkRepair.container)"#])
        #expect(try FileSnapshot(space.hive) == space.original)

        let byPath = try space.run(UnmarkRepair(profile: "EVTemp-0001", container: RepairFixture.wmsProfiles + #"\Deleted Profiles1A2B3C4D"#))
        #expect(Self.deletedKeys(byPath) == [RepairFixture.wmsProfiles + #"\Deleted Profiles1A2B3C4D\EVTemp-0001"#])
        #expect(byPath.warnings.count == 1 && byPath.warnings[0].contains("is still marked for deletion in Deleted Profiles "))
        var expected = Self.fixtureState.removing(profiles: ["windows-messaging-subsystem/EVTemp-0001"],
                                                  marks: ["windows-messaging-subsystem/Deleted Profiles1A2B3C4D/EVTemp-0001"])
        expected.profiles = (expected.profiles + ["windows-messaging-subsystem/EVTemp-0001 marked-for-deletion [Deleted Profiles]"]).sorted()
        #expect(try State(space.hive) == expected)
        try space.verifyEditAndRestore(byPath)
    }

    @Test func unmarkRefusalsAndNothingToDo() throws {
        let space = try Workspace(built: true)
        defer { space.remove() }
        let missingContainer = try space.refusal(UnmarkRepair(profile: "Old", container: "Deleted Profiles1A2B3C4D"))
        #expect(ExitStatus(missingContainer) == .notFound)
        #expect(missingContainer.description.contains(#"no Deleted Profiles container "Deleted Profiles1A2B3C4D" in the office-16.0 root (it has "Deleted Profiles_CAFE", "Deleted Profiles 0badf00d", "Deleted Profiles-12345678")"#))

        let missing = try space.refusal(UnmarkRepair(profile: "Gone"))
        #expect(ExitStatus(missing) == .notFound && missing.step == .plan)
        #expect(missing.description.contains(#"no MAPI profile named "Gone"; stale marks name it in Deleted Profiles1A2B3C4D (remove them with PurgeRepair.staleOnly)"#))
        #expect(missing.reason == .profileNotFound(name: "Gone", layout: nil, existsUnder: [], staleMarksIn: ["Deleted Profiles1A2B3C4D"],
                                                   hasProfileRoot: true), "\(missing)")
        #expect(missing.remedies.map(\.option) == [.staleOnly])

        let ambiguous = try space.refusal(UnmarkRepair(profile: "shared"))
        #expect(ExitStatus(ambiguous) == .usage)
        #expect(ambiguous.description.contains("exists under several roots (windows-messaging-subsystem, office-16.0); choose one with the repair's layout"))
        #expect(ambiguous.reason == .ambiguousProfile(name: "shared", layouts: [.windowsMessagingSubsystem, .office16]))
        #expect(ambiguous.remedies.map(\.option) == [.layout])

        let wrongRoot = try space.refusal(UnmarkRepair(profile: "Work", layout: .windowsMessagingSubsystem))
        #expect(ExitStatus(wrongRoot) == .notFound && wrongRoot.description.contains("under windows-messaging-subsystem (it exists under office-16.0)"))
        #expect(wrongRoot.reason == .profileNotFound(name: "Work", layout: .windowsMessagingSubsystem, existsUnder: [.office16], staleMarksIn: [],
                                                     hasProfileRoot: true))

        // An active profile, or a container that does not mark it: nothing to change, nothing written.
        for repair in [UnmarkRepair(profile: "Shared", layout: .office16), UnmarkRepair(profile: "evtemp-0003", container: "Deleted Profiles 0badf00d")] {
            let result = try space.run(repair)
            #expect(result.changes.isEmpty && result.backup == nil)
        }
        #expect(try FileSnapshot(space.hive) == space.original)
        #expect(try EditFixtures.backups(in: space.folder).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: space.folder.file(EditJournal.fileName)))
    }

    @Test func unmarkOnTheSample() throws {
        let space = try Workspace(built: false)
        defer { space.remove() }
        let result = try space.run(UnmarkRepair(profile: "Exchange Service"))
        #expect(result.changes == [EditChange(action: .deleteKey, key: NTUSERPaths.wmsProfiles + #"\Deleted Profiles\Exchange Service"#)])
        let inventory = try ProfileInventory(hive: Hive(path: space.hive))
        let profile = try #require(inventory.profiles.first { $0.name == "Exchange Service" })
        #expect(profile.status == .active && profile.markedIn.isEmpty)
        #expect(inventory.deletedProfileMarks.map(\.profile) == ["EVTemp-0001", "Gone Profile", "Old Profile", "Retired 2019"])
        #expect(try Hive(path: space.hive).key(at: NTUSERPaths.wmsProfiles + #"\Deleted Profiles"#) != nil)
        try space.verifyEditAndRestore(result)
    }

    // MARK: - purge

    /// Everything `purge` deletes from the fixture without options (the marked default is left).
    static let purgedByDefault = (
        profiles: ["windows-messaging-subsystem/EVTemp-0001", "windows-messaging-subsystem/EVTemp-0002", "office-15.0/Legacy",
                   "office-16.0/Old", "office-16.0/evtemp-0003"],
        marks: ["windows-messaging-subsystem/Deleted Profiles1A2B3C4D/EVTemp-0001", "windows-messaging-subsystem/Deleted Profiles/EVTemp-0001",
                "windows-messaging-subsystem/Deleted Profiles1A2B3C4D/EVTemp-0002", "office-15.0/Deleted Profiles/Legacy",
                "office-16.0/Deleted Profiles_CAFE/Old", "office-16.0/Deleted Profiles 0badf00d/Old",
                "office-16.0/Deleted Profiles-12345678/evtemp-0003",
                "windows-messaging-subsystem/Deleted Profiles1A2B3C4D/Gone", "windows-messaging-subsystem/Deleted Profiles/Ancient",
                "office-16.0/Deleted Profiles-12345678/Retired"])
}
