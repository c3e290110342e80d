import Foundation
@testable import Hivex
import Testing
import TestSupport
@testable import HivetoolKit

/// A user hive built for the repair tests: three profile roots, marks inside and beside `Profiles`,
/// plain and SID-CRC containers, pending and stale marks, old and recent keys.
///
/// Windows Messaging Subsystem (`DefaultProfile` "Service" on `Profiles`):
///   profiles Service (default), Shared, EVTemp-0001, EVTemp-0002 (recent);
///   inside `Deleted Profiles`: Service; inside `Deleted Profiles1A2B3C4D`: EVTemp-0001, EVTemp-0002,
///   Gone (stale, recent); beside `Deleted Profiles`: EVTemp-0001, Ancient (stale).
/// Office 15.0: profile Legacy; inside `Deleted Profiles`: Legacy.
/// Office 16.0 (`DefaultProfile` "Work" on `Outlook`): profiles Work (default), Shared, Old, evtemp-0003;
///   inside `Deleted Profiles_CAFE`: Old; beside `Deleted Profiles 0badf00d`: Old; beside
///   `Deleted Profiles-12345678`: evtemp-0003, Retired (stale).
enum RepairFixture {
    static let wms = #"Software\Microsoft\Windows NT\CurrentVersion\Windows Messaging Subsystem"#
    static let wmsProfiles = wms + #"\Profiles"#
    static let office15Profiles = #"Software\Microsoft\Office\15.0\Outlook\Profiles"#
    static let office16 = #"Software\Microsoft\Office\16.0\Outlook"#
    static let office16Profiles = office16 + #"\Profiles"#

    /// The time `PurgeRepair.now` is set to in the tests.
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let old = now.addingTimeInterval(-30 * 86_400)
    static let recent = now.addingTimeInterval(-3_600)

    static let profiles: [(root: String, name: String)] = [
        (wmsProfiles, "Service"), (wmsProfiles, "Shared"), (wmsProfiles, "EVTemp-0001"), (wmsProfiles, "EVTemp-0002"),
        (office15Profiles, "Legacy"),
        (office16Profiles, "Work"), (office16Profiles, "Shared"), (office16Profiles, "Old"), (office16Profiles, "evtemp-0003"),
    ]
    static let marks: [String] = [
        wmsProfiles + #"\Deleted Profiles\Service"#,
        wmsProfiles + #"\Deleted Profiles1A2B3C4D\EVTemp-0001"#,
        wmsProfiles + #"\Deleted Profiles1A2B3C4D\EVTemp-0002"#,
        wmsProfiles + #"\Deleted Profiles1A2B3C4D\Gone"#,
        wms + #"\Deleted Profiles\EVTemp-0001"#,
        wms + #"\Deleted Profiles\Ancient"#,
        office15Profiles + #"\Deleted Profiles\Legacy"#,
        office16Profiles + #"\Deleted Profiles_CAFE\Old"#,
        office16 + #"\Deleted Profiles 0badf00d\Old"#,
        office16 + #"\Deleted Profiles-12345678\evtemp-0003"#,
        office16 + #"\Deleted Profiles-12345678\Retired"#,
    ]
    /// Keys given the recent time; every other profile and mark key is old.
    static let recentKeys = [wmsProfiles + #"\EVTemp-0002"#, wmsProfiles + #"\Deleted Profiles1A2B3C4D\Gone"#]

    /// Writes the hive as `NTUSER.DAT` in `folder` and returns its path.
    static func build(in folder: TemporaryDirectory, name: String = "NTUSER.DAT") throws -> String {
        let base = folder.file(name + ".base")
        try EmptyHive.write(to: base, embeddedFileName: name, time: old)
        let hive = try Hive(path: base, options: .writable)
        try hive.setValue(.string("DefaultProfile", "Service"), in: hive.addKeys(at: wmsProfiles))
        let outlook16 = try hive.addKeys(at: office16)
        try hive.setValue(.string("DefaultProfile", "Work"), in: outlook16)
        try hive.setValue(.dword("LastUILanguage", 0x409), in: outlook16)
        var stamped: [(HiveKey, Date)] = []
        for (root, name) in profiles {
            let path = root + "\\" + name
            stamped.append((try hive.addKeys(at: path), recentKeys.contains(path) ? recent : old))
            let index = try hive.addKeys(at: path + #"\9207f3e0a3b11019908b08002b2a56c2"#)
            try hive.setValue(.binary("01023d0e", Array(repeating: 0x11, count: 16)), in: index)
            let section = try hive.addKeys(at: path + #"\13dbb0c8aa05101a9bb000aa002fc45a"#)
            try hive.setValue(.string("001e3001", "\(name) display", type: .string), in: section)
            try hive.addKeys(at: path + #"\{D9734F19-8CFB-411D-BC59-833E334FCB5E}\Calendar Summary"#)
        }
        for path in marks {
            stamped.append((try hive.addKeys(at: path), recentKeys.contains(path) ? recent : old))
        }
        try hive.setValue(.string("TEMP", #"%USERPROFILE%\AppData\Local\Temp"#, type: .expandString), in: hive.addKeys(at: "Environment"))
        try hive.setValue(.dword("Setting", 7), in: hive.addKeys(at: #"Software\Vendor\App"#))
        let path = folder.file(name)
        try hive.commit(to: path)
        try FileManager.default.removeItem(atPath: base)
        for time in [old, recent] {
            try HiveTimestamps.stamp(file: path, keys: stamped.filter { $0.1 == time }.map(\.0), time: time)
        }
        return path
    }
}

@Suite struct RepairTests {
    // MARK: - Helpers

    /// The profiles and marks of a hive in one line each, for exact comparisons.
    struct State: Equatable, CustomStringConvertible {
        /// `layout/name status [default] [marked in ...]`, sorted.
        var profiles: [String]
        /// `layout/container/profile [stale]`, sorted.
        var marks: [String]
        /// `layout=DefaultProfile` per root.
        var defaults: [String]

        init(_ path: String) throws {
            let inventory = try ProfileInventory(hive: Hive(path: path))
            profiles = inventory.profiles.map { profile in
                var line = "\(profile.layout.rawValue)/\(profile.name) \(profile.status.rawValue)"
                if profile.isDefault { line += " default" }
                if !profile.markedIn.isEmpty { line += " [\(profile.markedIn.sorted().joined(separator: ", "))]" }
                return line
            }.sorted()
            marks = inventory.deletedProfileMarks.map { "\($0.layout.rawValue)/\($0.container)/\($0.profile)" + ($0.profileExists ? "" : " stale") }.sorted()
            defaults = inventory.roots.map { "\($0.layout.rawValue)=\($0.defaultProfile ?? "-")" }
        }

        init(profiles: [String], marks: [String], defaults: [String]) {
            self.profiles = profiles.sorted()
            self.marks = marks.sorted()
            self.defaults = defaults
        }

        var description: String { (profiles + ["--"] + marks + ["--"] + defaults).joined(separator: "\n") }

        /// This state without the profiles and marks named (`layout/name`, `layout/container/profile`).
        func removing(profiles gone: [String] = [], marks goneMarks: [String] = []) -> State {
            var copy = self
            copy.profiles.removeAll { line in gone.contains { line == $0 || line.hasPrefix($0 + " ") } }
            copy.marks.removeAll { line in goneMarks.contains { line == $0 || line.hasPrefix($0 + " ") } }
            return copy
        }
    }

    /// The state of ``RepairFixture``.
    static let fixtureState = State(
        profiles: [
            "windows-messaging-subsystem/Service marked-for-deletion default [Deleted Profiles]",
            "windows-messaging-subsystem/Shared active",
            "windows-messaging-subsystem/EVTemp-0001 marked-for-deletion [Deleted Profiles, Deleted Profiles1A2B3C4D]",
            "windows-messaging-subsystem/EVTemp-0002 marked-for-deletion [Deleted Profiles1A2B3C4D]",
            "office-15.0/Legacy marked-for-deletion [Deleted Profiles]",
            "office-16.0/Work active default",
            "office-16.0/Shared active",
            "office-16.0/Old marked-for-deletion [Deleted Profiles 0badf00d, Deleted Profiles_CAFE]",
            "office-16.0/evtemp-0003 marked-for-deletion [Deleted Profiles-12345678]",
        ],
        marks: [
            "windows-messaging-subsystem/Deleted Profiles/Service",
            "windows-messaging-subsystem/Deleted Profiles1A2B3C4D/EVTemp-0001",
            "windows-messaging-subsystem/Deleted Profiles1A2B3C4D/EVTemp-0002",
            "windows-messaging-subsystem/Deleted Profiles1A2B3C4D/Gone stale",
            "windows-messaging-subsystem/Deleted Profiles/EVTemp-0001",
            "windows-messaging-subsystem/Deleted Profiles/Ancient stale",
            "office-15.0/Deleted Profiles/Legacy",
            "office-16.0/Deleted Profiles_CAFE/Old",
            "office-16.0/Deleted Profiles 0badf00d/Old",
            "office-16.0/Deleted Profiles-12345678/evtemp-0003",
            "office-16.0/Deleted Profiles-12345678/Retired stale",
        ],
        defaults: ["windows-messaging-subsystem=Service", "office-15.0=-", "office-16.0=Work"])

    /// A hive copy in a fresh folder, with what is needed to check an edit of it.
    struct Workspace {
        let folder: TemporaryDirectory
        let hive: String
        let original: FileSnapshot
        let exportBefore: [String]?

        /// A copy of samples/NTUSER.DAT, or the built fixture when `built`.
        init(built: Bool) throws {
            folder = try TemporaryDirectory()
            hive = built ? try RepairFixture.build(in: folder) : try folder.copy(Fixtures.sample("NTUSER.DAT"))
            original = try FileSnapshot(hive)
            exportBefore = try EditFixtures.reglookupExport(hive)
        }

        func run(_ repair: some ProfileRepair, dryRun: Bool = false, force: Bool = false) throws -> SafeEditResult {
            try repair.run(hivePath: hive, options: RepairTests.options(dryRun: dryRun, force: force))
        }

        /// Runs a repair that must be refused, and checks nothing was written.
        func refusal(_ repair: some ProfileRepair, sourceLocation: SourceLocation = #_sourceLocation) throws -> SafeEditError {
            let error = try #require(throws: SafeEditError.self, sourceLocation: sourceLocation) { try run(repair) }
            #expect(try FileSnapshot(hive) == original, sourceLocation: sourceLocation)
            #expect(try EditFixtures.backups(in: folder).isEmpty, sourceLocation: sourceLocation)
            return error
        }

        /// Checks a finished edit: the hive opens in regfinfo, reglookup sees only the planned changes,
        /// a backup and a journal record exist, and restoring the backup gives the original back.
        func verifyEditAndRestore(_ result: SafeEditResult, sourceLocation: SourceLocation = #_sourceLocation) throws {
            #expect(!result.dryRun && !result.changes.isEmpty, sourceLocation: sourceLocation)
            if let accepted = try EditFixtures.regfinfoAccepts(hive) { #expect(accepted, sourceLocation: sourceLocation) }
            let header = try BaseBlock.read(path: hive)
            #expect(header.problem == nil && !header.isDirty, sourceLocation: sourceLocation)
            if let before = exportBefore, let after = try EditFixtures.reglookupExport(hive) {
                RepairTests.expectOnlyPlannedChanges(before: before, after: after, changes: result.changes, sourceLocation: sourceLocation)
            }

            let backup = try #require(result.backup, sourceLocation: sourceLocation)
            #expect(try FileSnapshot(backup).bytes == original.bytes, sourceLocation: sourceLocation)
            let records = EditJournal.records(at: folder.file(EditJournal.fileName))
            #expect(records.count == 1, sourceLocation: sourceLocation)
            #expect(records.first?.changes == result.changes && records.first?.backup.hasSuffix((backup as NSString).lastPathComponent) == true,
                    sourceLocation: sourceLocation)
            #expect(records.first?.sha256Before == result.sha256Before && records.first?.sha256After == result.sha256After, sourceLocation: sourceLocation)

            _ = try HiveRestore.restore(backup: backup, to: hive, options: RepairTests.options())
            #expect(try FileSnapshot(hive).bytes == original.bytes, sourceLocation: sourceLocation)
        }

        func remove() { folder.remove() }
    }

    /// A key path as reglookup prints it: `/` separators, `%XX` for `%`, `,` and bytes outside printable ASCII.
    static func reglookupPath(_ keyPath: String) -> String {
        var result = ""
        for scalar in keyPath.unicodeScalars {
            if scalar == "\\" {
                result += "/"
            } else if scalar.value < 0x20 || scalar.value > 0x7E || scalar == "%" || scalar == "," {
                result += String(format: "%%%02X", scalar.value)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return "/" + result
    }

    /// reglookup's export after the edit equals the one before, minus every line under a deleted key;
    /// the keys holding a deleted key or a changed value may differ only in their MTIME, and changed
    /// values only in their data.
    static func expectOnlyPlannedChanges(before: [String], after: [String], changes: [EditChange], sourceLocation: SourceLocation) {
        let deleted = changes.filter { $0.action == .deleteKey }.map { reglookupPath($0.key) }
        var touched = Set(changes.filter { $0.action == .deleteKey }.map { reglookupPath(RegistryPath.join(RegistryPath.components($0.key).dropLast())) })
        var changedValues: Set<String> = []
        for change in changes where change.action == .setValue || change.action == .deleteValue {
            touched.insert(reglookupPath(change.key))
            changedValues.insert(reglookupPath(change.key + "\\" + (change.value ?? "")))
        }
        func path(_ line: String) -> String { String(line.prefix { $0 != "," }) }
        func normalized(_ lines: [String]) -> [String] {
            lines.filter { !changedValues.contains(path($0)) }.map { line in
                guard touched.contains(path(line)), line.contains(",KEY,") else { return line }
                return String(line[..<line.lastIndex(of: ",")!]) + ",<mtime>"
            }
        }
        let expected = before.filter { line in !deleted.contains { path(line) == $0 || path(line).hasPrefix($0 + "/") } }
        #expect(expected.count < before.count || deleted.isEmpty, "no line of the export was deleted", sourceLocation: sourceLocation)
        let (wanted, actual) = (normalized(expected), normalized(after))
        #expect(wanted == actual, "reglookup export differs beyond the planned changes:\n+ \(Set(actual).subtracting(wanted).sorted())\n- \(Set(wanted).subtracting(actual).sorted())",
                sourceLocation: sourceLocation)
        for key in touched {
            #expect(after.contains { path($0) == key && $0.contains(",KEY,") }, "key \(key) is gone", sourceLocation: sourceLocation)
        }
    }

    /// Edit options that wait for the lock: other tests of this process start child processes
    /// (reglookup, regfinfo), and a child that is between fork and exec still holds the lock of an edit
    /// that has just ended, so a second edit of the same hive right after may find it locked.
    static func options(dryRun: Bool = false, force: Bool = false) -> SafeEditOptions {
        SafeEditOptions(command: "test", backupDirectory: nil, force: force, wait: true, dryRun: dryRun)
    }

    static func deletedKeys(_ result: SafeEditResult) -> [String] {
        result.changes.filter { $0.action == .deleteKey }.map(\.key).sorted()
    }

    static func profileKey(_ root: String, _ name: String) -> String { root + "\\" + name }

    // MARK: - unmark

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
        let byName = try space.run(UnmarkRepair(profile: "EVTemp-0001", container: "deleted profiles"), dryRun: true)
        #expect(Self.deletedKeys(byName) == [RepairFixture.wms + #"\Deleted Profiles\EVTemp-0001"#])
        #expect(byName.warnings == [#"profile "EVTemp-0001" is still marked for deletion in Deleted Profiles1A2B3C4D (not named by --container)"#])
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
        #expect(missingContainer.message.contains(#"no Deleted Profiles container "Deleted Profiles1A2B3C4D" in the office-16.0 root (it has "Deleted Profiles_CAFE", "Deleted Profiles 0badf00d", "Deleted Profiles-12345678")"#))

        let missing = try space.refusal(UnmarkRepair(profile: "Gone"))
        #expect(ExitStatus(missing) == .notFound && missing.step == .plan)
        #expect(missing.message.contains(#"no MAPI profile named "Gone"; stale marks name it in Deleted Profiles1A2B3C4D (remove them with purge --stale-only)"#))

        let ambiguous = try space.refusal(UnmarkRepair(profile: "shared"))
        #expect(ExitStatus(ambiguous) == .usage)
        #expect(ambiguous.message.contains("exists under several roots (windows-messaging-subsystem, office-16.0); choose one with --layout"))

        let wrongRoot = try space.refusal(UnmarkRepair(profile: "Work", layout: .windowsMessagingSubsystem))
        #expect(ExitStatus(wrongRoot) == .notFound && wrongRoot.message.contains("under windows-messaging-subsystem (it exists under office-16.0)"))

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

    @Test func purgeDeletesMarkedProfilesWithTheirMarksAndStaleMarksButNotTheDefault() throws {
        let space = try Workspace(built: true)
        defer { space.remove() }
        let result = try space.run(PurgeRepair(now: RepairFixture.now))
        #expect(result.changes.count == 15 && result.changes.allSatisfy { $0.action == .deleteKey })
        #expect(Self.deletedKeys(result) == ([
            Self.profileKey(RepairFixture.wmsProfiles, "EVTemp-0001"), Self.profileKey(RepairFixture.wmsProfiles, "EVTemp-0002"),
            Self.profileKey(RepairFixture.office15Profiles, "Legacy"), Self.profileKey(RepairFixture.office16Profiles, "Old"),
            Self.profileKey(RepairFixture.office16Profiles, "evtemp-0003"),
        ] + RepairFixture.marks.filter { !$0.hasSuffix(#"\Service"#) }).sorted())
        #expect(result.warnings == [#"left the marked profile "Service" alone: it is the default profile of the windows-messaging-subsystem root (pass --force-default to delete it and clear DefaultProfile)"#])
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
        let result = try space.run(PurgeRepair(staleOnly: true, olderThan: try TimeSpan.parse("1d").get(), now: RepairFixture.now), dryRun: true)
        #expect(Self.deletedKeys(result) == [RepairFixture.office16 + #"\Deleted Profiles-12345678\Retired"#])
        #expect(result.warnings == [#"left the stale mark "Ancient" alone: its last-write time is unknown, so --older-than cannot tell its age"#])
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
        let missing = try #require(throws: SafeEditError.self) {
            try DeleteProfileRepair(profile: "Outlook").run(hivePath: path, options: RepairTests.options())
        }
        #expect(ExitStatus(missing) == .notFound && missing.message.contains("this hive has no MAPI profile root"))
    }

    // MARK: - delete-profile

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
        #expect(ExitStatus(ambiguous) == .usage && ambiguous.message.contains("choose one with --layout"))
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
        #expect(refused.message.contains(#"refusing to delete "Work": it is the default profile of the office-16.0 root; pass --force-default"#))

        let notDefault = try space.refusal(DeleteProfileRepair(profile: "Shared", layout: .office16, defaultProfile: .replace(with: "Old")))
        #expect(ExitStatus(notDefault) == .usage && notDefault.message.contains(#"the default is "Work""#))
        let noSuchDefault = try space.refusal(DeleteProfileRepair(profile: "Work", defaultProfile: .replace(with: "Service")))
        #expect(ExitStatus(noSuchDefault) == .notFound && noSuchDefault.message.contains(#"no profile named "Service" under office-16.0"#))
        let itself = try space.refusal(DeleteProfileRepair(profile: "Work", defaultProfile: .replace(with: "WORK")))
        #expect(ExitStatus(itself) == .usage)
        let missing = try space.refusal(DeleteProfileRepair(profile: "Nobody"))
        #expect(ExitStatus(missing) == .notFound && missing.message.contains(#"no MAPI profile named "Nobody""#))
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

    @Test func aHiveThatIsNotAUserHiveIsRefused() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.copy(Fixtures.sample("SOFTWARE"))
        let before = try FileSnapshot(path)
        let repairs: [any ProfileRepair] = [PurgeRepair(), UnmarkRepair(profile: "Outlook"), DeleteProfileRepair(profile: "Outlook")]
        for repair in repairs {
            let error = try #require(throws: SafeEditError.self) { try repair.run(hivePath: path, options: RepairTests.options()) }
            #expect(ExitStatus(error) == .refused && error.message.contains("not a user hive"))
        }
        #expect(try FileSnapshot(path) == before)
    }

    @Test func aDirtyHiveIsRefusedUnlessForced() throws {
        let space = try Workspace(built: false)
        defer { space.remove() }
        try HiveSurgery.setBaseBlockField(path: space.hive, offset: 8, to: 99)
        let dirty = try FileSnapshot(space.hive)
        let error = try #require(throws: SafeEditError.self) { try space.run(PurgeRepair()) }
        #expect(error.step == .preflight && ExitStatus(error) == .refused && error.message.contains("dirty"))
        #expect(try FileSnapshot(space.hive) == dirty)
        let forced = try space.run(PurgeRepair(staleOnly: true), force: true)
        #expect(forced.changes.count == 2 && forced.warnings.first?.contains("--force") == true)
    }

    @Test func dryRunWritesNothing() throws {
        let space = try Workspace(built: true)
        defer { space.remove() }
        let repairs: [any ProfileRepair] = [PurgeRepair(forceDefault: true, now: RepairFixture.now), UnmarkRepair(profile: "Old"),
                                            DeleteProfileRepair(profile: "Work", defaultProfile: .clear)]
        for repair in repairs {
            let result = try repair.run(hivePath: space.hive, options: RepairTests.options(dryRun: true))
            #expect(result.dryRun && !result.changes.isEmpty && result.backup == nil && result.journal == nil)
        }
        #expect(try FileSnapshot(space.hive) == space.original)
        #expect(try FileManager.default.contentsOfDirectory(atPath: space.folder.path) == ["NTUSER.DAT"])
    }

    // MARK: - Arguments

    @Test(arguments: [
        ("7d", 604_800.0), ("12h", 43_200), ("30m", 1_800), ("2w", 1_209_600), ("45s", 45), ("1w3d", 864_000), ("7D", 604_800), ("0d", 0),
    ])
    func durationsParse(text: String, seconds: Double) throws {
        #expect(try TimeSpan.parse(text).get().seconds == seconds)
    }

    @Test(arguments: ["", "7", "d", "7x", "-1d", "1.5d", "7 d", "36501d", "99999999999999d"])
    func badDurationsAreRefused(text: String) {
        #expect(throws: RepairArgumentError.self) { try TimeSpan.parse(text).get() }
    }

    @Test(arguments: [
        ("EVTemp-*", "evtemp-0001", true), ("EVTemp-*", "EVTemp-", true), ("EVTemp-*", "Old EVTemp-1", false),
        ("*", "", true), ("?", "", false), ("?ld", "Old", true), ("o?d", "OLD", true),
        ("[a-c]*", "Ancient", true), ("[a-c]*", "Delta", false), ("[!a-c]*", "Delta", true), ("[^a-c]*", "ancient", false),
        ("[]x]", "]", true), ("\\*", "*", true), ("\\*", "a", false), ("*-000[13]", "EVTemp-0003", true), ("*-000[13]", "EVTemp-0002", false),
        ("*Prófile", "ÜNÏCODE PRÓFILE", true), ("a*b*c", "aXbYbZc", true), ("a*b*c", "aXbYbZ", false), ("**x", "abx", true),
        ("Stra[ß]e", "STRAßE", true),
    ])
    func globsMatchLikeFnmatchIgnoringCase(pattern: String, name: String, matches: Bool) throws {
        #expect(try ProfileNamePattern.parse(pattern).get().matches(name) == matches)
    }

    @Test(arguments: ["[abc", "abc\\", "[!"])
    func badGlobsAreRefused(pattern: String) {
        #expect(throws: RepairArgumentError.self) { try ProfileNamePattern.parse(pattern).get() }
    }
}

/// Paths of samples/NTUSER.DAT.
enum NTUSERPaths {
    static let wmsProfiles = #"Software\Microsoft\Windows NT\CurrentVersion\Windows Messaging Subsystem\Profiles"#
    static let office16 = #"Software\Microsoft\Office\16.0\Outlook"#
}
