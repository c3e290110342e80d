import Foundation
@testable import Hivex
import Testing
import TestSupport
@testable import HivetoolKit

/// `PurgeRepair` on the repair fixture.
extension RepairTests {
    @Test func purgeDeletesMarkedProfilesWithTheirMarksAndStaleMarksButNotTheDefault() throws {
        let space = try Workspace(built: true)
        defer { space.remove() }
        let planned = try PurgeRepair(now: RepairFixture.now).plan(ProfileInventory(hive: Hive(path: space.hive)))
        #expect(planned.notes == [.defaultProfileKept(name: "Service", layout: .windowsMessagingSubsystem)])
        #expect(planned.notes.flatMap(\.remedies).map(\.option) == [.forceDefault])
        let result = try space.run(PurgeRepair(now: RepairFixture.now))
        #expect(result.changes.count == 15 && result.changes.allSatisfy { $0.action == .deleteKey })
        #expect(Self.deletedKeys(result) == ([
            Self.profileKey(RepairFixture.wmsProfiles, "EVTemp-0001"), Self.profileKey(RepairFixture.wmsProfiles, "EVTemp-0002"),
            Self.profileKey(RepairFixture.office15Profiles, "Legacy"), Self.profileKey(RepairFixture.office16Profiles, "Old"),
            Self.profileKey(RepairFixture.office16Profiles, "evtemp-0003"),
        ] + RepairFixture.marks.filter { !$0.hasSuffix(#"\Service"#) }).sorted())
        #expect(result.warnings == [#"left the marked profile "Service" alone: it is the default profile of the windows-messaging-subsystem root (pass DefaultProfileHandling.clear to delete it and clear DefaultProfile)"#])
        #expect(try State(space.hive) == Self.fixtureState.removing(profiles: Self.purgedByDefault.profiles, marks: Self.purgedByDefault.marks))
        // Containers emptied by the purge stay.
        let hive = try Hive(path: space.hive)
        for container in [RepairFixture.office15Profiles + #"\Deleted Profiles"#, RepairFixture.office16 + #"\Deleted Profiles-12345678"#] {
            #expect(try hive.children(of: hive.requireKey(at: container)).isEmpty)
        }
        try space.verifyEditAndRestore(result)
    }

    @Test func purgeWithForceDefaultAlsoDeletesTheMarkedDefaultAndClearsDefaultProfile() throws {
        let space = try Workspace(built: true)
        defer { space.remove() }
        let result = try space.run(PurgeRepair(forceDefault: true, now: RepairFixture.now))
        #expect(result.warnings.isEmpty)
        #expect(result.changes.filter { $0.action == .deleteValue } == [
            EditChange(action: .deleteValue, key: RepairFixture.wmsProfiles, value: "DefaultProfile", old: ValueDescription(.string("DefaultProfile", "Service"))),
        ])
        var expected = Self.fixtureState.removing(profiles: Self.purgedByDefault.profiles + ["windows-messaging-subsystem/Service"],
                                                  marks: Self.purgedByDefault.marks + ["windows-messaging-subsystem/Deleted Profiles/Service"])
        expected.defaults = ["windows-messaging-subsystem=-", "office-15.0=-", "office-16.0=Work"]
        #expect(try State(space.hive) == expected)
        try space.verifyEditAndRestore(result)
    }

    @Test func purgeStaleOnlyRemovesOnlyMarksWithoutProfile() throws {
        let space = try Workspace(built: true)
        defer { space.remove() }
        let result = try space.run(PurgeRepair(staleOnly: true, now: RepairFixture.now))
        #expect(Self.deletedKeys(result) == [
            RepairFixture.wmsProfiles + #"\Deleted Profiles1A2B3C4D\Gone"#, RepairFixture.wms + #"\Deleted Profiles\Ancient"#,
            RepairFixture.office16 + #"\Deleted Profiles-12345678\Retired"#,
        ].sorted())
        #expect(try State(space.hive) == Self.fixtureState.removing(marks: [
            "windows-messaging-subsystem/Deleted Profiles1A2B3C4D/Gone", "windows-messaging-subsystem/Deleted Profiles/Ancient",
            "office-16.0/Deleted Profiles-12345678/Retired",
        ]))
        try space.verifyEditAndRestore(result)
    }

    @Test func purgeOlderThanComparesTheProfileKeyOrTheStaleMarkKey() throws {
        let space = try Workspace(built: true)
        defer { space.remove() }
        let week = try TimeSpan.parse("7d").get()
        let result = try space.run(PurgeRepair(olderThan: week, now: RepairFixture.now))
        // EVTemp-0002 (recent profile, old mark) and Gone (recent stale mark) are too young.
        let kept = ["windows-messaging-subsystem/EVTemp-0002", "windows-messaging-subsystem/Deleted Profiles1A2B3C4D/EVTemp-0002",
                    "windows-messaging-subsystem/Deleted Profiles1A2B3C4D/Gone"]
        #expect(try State(space.hive) == Self.fixtureState.removing(profiles: Self.purgedByDefault.profiles.filter { !kept.contains($0) },
                                                                    marks: Self.purgedByDefault.marks.filter { !kept.contains($0) }))
        #expect(result.changes.count == 12)
        try space.verifyEditAndRestore(result)

        // Half an hour reaches the recent keys too (they are an hour old); a month and a day reaches nothing.
        let all = try space.run(PurgeRepair(olderThan: try TimeSpan.parse("30m").get(), now: RepairFixture.now), dryRun: true)
        #expect(all.changes.count == 15)
        let none = try space.run(PurgeRepair(olderThan: try TimeSpan.parse("4w3d").get(), now: RepairFixture.now), dryRun: true)
        #expect(none.changes.isEmpty)
    }

    @Test func purgeOlderThanLeavesKeysOfUnknownAgeWithANote() throws {
        let space = try Workspace(built: true)
        defer { space.remove() }
        // A last-write time of 0 (before 1601 when clamped) reads as unknown.
        let hive = try Hive(path: space.hive)
        let ancient = try hive.requireKey(at: RepairFixture.wms + #"\Deleted Profiles\Ancient"#)
        try HiveTimestamps.stamp(file: space.hive, keys: [ancient], time: Date(timeIntervalSince1970: -20_000_000_000))
        #expect(try Hive(path: space.hive).lastWrite(of: ancient) == nil)
        let purge = PurgeRepair(staleOnly: true, olderThan: try TimeSpan.parse("1d").get(), now: RepairFixture.now)
        #expect(try purge.plan(ProfileInventory(hive: Hive(path: space.hive))).notes == [.ageUnknown(what: "stale mark", name: "Ancient")])
        let result = try space.run(purge, dryRun: true)
        #expect(Self.deletedKeys(result) == [RepairFixture.office16 + #"\Deleted Profiles-12345678\Retired"#])
        #expect(result.warnings == [#"left the stale mark "Ancient" alone: its last-write time is unknown, so PurgeRepair.olderThan cannot tell its age"#])
        // Without --older-than its age does not matter.
        #expect(try space.run(PurgeRepair(staleOnly: true, now: RepairFixture.now), dryRun: true).changes.count == 3)
    }

    @Test func purgeMatchIsAGlobOnProfileNamesIgnoringCase() throws {
        let space = try Workspace(built: true)
        defer { space.remove() }
        let pattern = try ProfileNamePattern.parse("EVTEMP-*").get()
        let result = try space.run(PurgeRepair(olderThan: try TimeSpan.parse("2w").get(), match: pattern, now: RepairFixture.now))
        #expect(Self.deletedKeys(result) == [
            Self.profileKey(RepairFixture.wmsProfiles, "EVTemp-0001"), RepairFixture.wmsProfiles + #"\Deleted Profiles1A2B3C4D\EVTemp-0001"#,
            RepairFixture.wms + #"\Deleted Profiles\EVTemp-0001"#,
            Self.profileKey(RepairFixture.office16Profiles, "evtemp-0003"), RepairFixture.office16 + #"\Deleted Profiles-12345678\evtemp-0003"#,
        ].sorted())
        #expect(try State(space.hive) == Self.fixtureState.removing(
            profiles: ["windows-messaging-subsystem/EVTemp-0001", "office-16.0/evtemp-0003"],
            marks: ["windows-messaging-subsystem/Deleted Profiles1A2B3C4D/EVTemp-0001", "windows-messaging-subsystem/Deleted Profiles/EVTemp-0001",
                    "office-16.0/Deleted Profiles-12345678/evtemp-0003"]))
        try space.verifyEditAndRestore(result)
    }

    @Test func purgeFiltersCombineAndLayoutNarrows() throws {
        let space = try Workspace(built: true)
        defer { space.remove() }
        let staleA = try space.run(PurgeRepair(staleOnly: true, olderThan: try TimeSpan.parse("1d").get(),
                                               match: try ProfileNamePattern.parse("[a-c]*").get(), now: RepairFixture.now), dryRun: true)
        #expect(Self.deletedKeys(staleA) == [RepairFixture.wms + #"\Deleted Profiles\Ancient"#])
        let marked = try space.run(PurgeRepair(match: try ProfileNamePattern.parse("evtemp-000?").get(), layout: .windowsMessagingSubsystem,
                                               now: RepairFixture.now), dryRun: true)
        #expect(marked.changes.count == 5)
        #expect(try FileSnapshot(space.hive) == space.original)

        let result = try space.run(PurgeRepair(layout: .office16, now: RepairFixture.now))
        #expect(try State(space.hive) == Self.fixtureState.removing(
            profiles: ["office-16.0/Old", "office-16.0/evtemp-0003"],
            marks: ["office-16.0/Deleted Profiles_CAFE/Old", "office-16.0/Deleted Profiles 0badf00d/Old",
                    "office-16.0/Deleted Profiles-12345678/evtemp-0003", "office-16.0/Deleted Profiles-12345678/Retired"]))
        try space.verifyEditAndRestore(result)
    }

    @Test func purgeOnTheSample() throws {
        let space = try Workspace(built: false)
        defer { space.remove() }
        let result = try space.run(PurgeRepair())
        #expect(result.changes.count == 8 && result.warnings.isEmpty)
        let inventory = try ProfileInventory(hive: Hive(path: space.hive))
        #expect(inventory.profiles.map(\.name) == ["Outlook", "Work", "Ünïcode Prófile"])
        #expect(inventory.profiles.allSatisfy { $0.status == .active })
        #expect(inventory.deletedProfileMarks.isEmpty)
        #expect(inventory.roots.map(\.defaultProfile) == ["Outlook", "Work"])
        // The four containers stay, empty.
        let hive = try Hive(path: space.hive)
        for container in [NTUSERPaths.wmsProfiles + #"\Deleted Profiles"#, NTUSERPaths.wmsProfiles + #"\Deleted Profiles1A2B3C4D"#,
                          NTUSERPaths.office16 + #"\Deleted Profiles 0badf00d"#, NTUSERPaths.office16 + #"\Deleted Profiles-12345678"#] {
            #expect(try hive.children(of: hive.requireKey(at: container)).isEmpty)
        }
        try space.verifyEditAndRestore(result)
    }

    @Test func purgeOfAHiveWithoutProfilesChangesNothing() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let base = folder.file("base")
        try EmptyHive.write(to: base)
        let hive = try Hive(path: base, options: .writable)
        try hive.setValue(.dword("Setting", 1), in: hive.addKeys(at: #"Software\Vendor"#))
        let path = folder.file("NTUSER.DAT")
        try hive.commit(to: path)
        let before = try FileSnapshot(path)
        let result = try PurgeRepair().run(hivePath: path, options: RepairTests.options())
        #expect(result.changes.isEmpty)
        #expect(try FileSnapshot(path) == before)
        let missing = try #require(throws: HivetoolError.self) {
            try DeleteProfileRepair(profile: "Outlook").run(hivePath: path, options: RepairTests.options())
        }
        #expect(ExitStatus(missing) == .notFound && missing.description.contains("this hive has no MAPI profile root"))
        #expect(missing.reason == .profileNotFound(name: "Outlook", layout: nil, existsUnder: [], staleMarksIn: [], hasProfileRoot: false))
    }

    // MARK: - delete-profile
}
