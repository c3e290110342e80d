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

/// Helpers shared by the repair tests (one file per repair, all in this suite).
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
        func refusal(_ repair: some ProfileRepair, sourceLocation: SourceLocation = #_sourceLocation) throws -> HivetoolError {
            let error = try #require(throws: HivetoolError.self, sourceLocation: sourceLocation) { try run(repair) }
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
}

enum NTUSERPaths {
    static let wmsProfiles = #"Software\Microsoft\Windows NT\CurrentVersion\Windows Messaging Subsystem\Profiles"#
    static let office16 = #"Software\Microsoft\Office\16.0\Outlook"#
}
