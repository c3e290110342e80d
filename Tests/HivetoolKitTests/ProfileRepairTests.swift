import Foundation
@testable import Hivex
import Testing
import TestSupport
@testable import HivetoolKit

/// What every repair shares: user-hive and dirty-hive refusals, dry runs, duration and glob arguments.
extension RepairTests {
    @Test func aHiveThatIsNotAUserHiveIsRefused() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.copy(Fixtures.sample("SOFTWARE"))
        let before = try FileSnapshot(path)
        let repairs: [any ProfileRepair] = [PurgeRepair(), UnmarkRepair(profile: "Outlook"), DeleteProfileRepair(profile: "Outlook")]
        for repair in repairs {
            let error = try #require(throws: HivetoolError.self) { try repair.run(hivePath: path, options: RepairTests.options()) }
            #expect(ExitStatus(error) == .refused && error.description.contains("not a user hive"))
            #expect(error.reason == .notAUserHive && error.remedies.isEmpty && error.step == .plan)
        }
        #expect(try FileSnapshot(path) == before)
    }

    @Test func aDirtyHiveIsRefusedUnlessForced() throws {
        let space = try Workspace(built: false)
        defer { space.remove() }
        try HiveSurgery.setBaseBlockField(path: space.hive, offset: 8, to: 99)
        let dirty = try FileSnapshot(space.hive)
        let error = try #require(throws: HivetoolError.self) { try space.run(PurgeRepair()) }
        #expect(error.step == .preflight && ExitStatus(error) == .refused && error.description.contains("dirty"))
        guard case .dirtyHive(let state, .forcePrimary(skipped: [])) = error.reason else { Issue.record("\(error)"); return }
        #expect(state.isDirty && state.secondarySequence == 99 && error.remedies.map(\.option) == [.force])
        #expect(try FileSnapshot(space.hive) == dirty)
        let forced = try space.run(PurgeRepair(staleOnly: true), force: true)
        #expect(forced.changes.count == 2 && forced.warnings.first?.contains("(SafeEditOptions.force)") == true)
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
        let error = #expect(throws: HivetoolError.self) { try TimeSpan.parse(text).get() }
        #expect(error?.exitStatus == .usage && error?.path == nil && error?.remedies == [], "\(String(describing: error))")
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
        let error = #expect(throws: HivetoolError.self) { try ProfileNamePattern.parse(pattern).get() }
        #expect(error?.exitStatus == .usage && error?.description.hasPrefix("invalid pattern \"\(pattern)\"") == true, "\(String(describing: error))")
    }
}
