import Foundation
import Hivex
import Testing
import TestSupport
@testable import HivetoolKit

/// The timeline events of the samples and the three renderers, without a subprocess.
@Suite struct TimelineTests {
    static let sha = String(repeating: "ab", count: 32)

    /// An event whose names hold a `|`, a newline and non-ASCII letters, at a time with a fraction.
    static let awkward = TimelineEvent(
        time: Date(timeIntervalSince1970: 1_714_555_800.75), kind: .profileWritten, hive: "case|1/Users/Zoë/NTUSER.DAT",
        hiveSHA256: sha, user: "Zoë|admin", keyPath: #"Software\Profiles\A|B"#, profile: "A|B\nC", layout: "office-16.0",
        details: "active")

    static func sampleInventory() throws -> ReadProfiles {
        try ReadProfiles(Hive(path: Fixtures.sample("NTUSER.DAT")))
    }

    @Test func sampleUserHiveGivesOneEventPerRootProfileAndMark() throws {
        let inventory = try Self.sampleInventory()
        let events = TimelineEvent.events(of: inventory.report)
        #expect(events.count == inventory.roots.count + inventory.profiles.count + inventory.deletedProfileMarks.count)
        #expect(events.count == 13)
        #expect(events.filter { $0.kind == .profileRootWritten }.map(\.keyPath) == inventory.roots.map(\.path))
        #expect(events.filter { $0.kind == .profileWritten }.map(\.profile) == inventory.profiles.map(\.name))
        #expect(events.filter { $0.kind == .deletionMarkWritten }.map(\.keyPath) == inventory.deletedProfileMarks.map(\.keyPath))
        #expect(events.allSatisfy { $0.hive == inventory.hive.path && $0.hiveSHA256 == inventory.hive.sha256 && $0.user == nil })
        #expect(events.allSatisfy { Timestamp.iso8601($0.time) == "2024-05-01T09:30:00Z" && $0.epochSeconds == 1_714_555_800 })
    }

    @Test func userComesFromTheHivePath() throws {
        var inventory = try Self.sampleInventory()
        inventory.report.hive.path = "/mnt/c/Users/jdoe/NTUSER.DAT"
        #expect(TimelineEvent.events(of: inventory.report).allSatisfy { $0.user == "jdoe" })
        #expect(TimelineEvent.events(of: inventory.report, user: "given").allSatisfy { $0.user == "given" })
    }

    @Test func softwareHiveGivesTheAgentsKeyOfEachViewWhereItExists() throws {
        let record = ScanRecord.scan(path: Fixtures.sample("SOFTWARE"))
        let views = try #require(record.views)
        #expect(views.allSatisfy { ($0.lastWrite != nil) == $0.keyExists })
        let events = TimelineEvent.events(of: record)
        #expect(events.map(\.kind) == Array(repeating: .profileExpireKeyWritten, count: views.filter(\.keyExists).count))
        #expect(events.first?.keyPath == #"Wow6432Node\KVS\Enterprise Vault\Agents"#)
        #expect(events.first?.layout == "wow6432node")
        #expect(events.first?.details == "ProfileExpire 3 days")
    }

    @Test func anUnreadableFileGivesNoEvents() {
        #expect(TimelineEvent.events(of: ScanRecord(path: "x", status: .error)).isEmpty)
    }

    @Test func tlnHasFiveFieldsWholeSecondsAndEscapedPipes() {
        let line = TLNRenderer.line(Self.awkward)
        #expect(line.hasSuffix("\n") && line.filter { $0 == "\n" }.count == 1)
        let fields = line.dropLast().split(separator: "|", omittingEmptySubsequences: false)
        #expect(fields.count == 5)
        #expect(fields[0] == "1714555800")
        #expect(fields[1] == "REG")
        #expect(fields[2] == #"case\x7c1/Users/Zoë/NTUSER.DAT"#)
        #expect(fields[3] == #"Zoë\x7cadmin"#)
        #expect(fields[4].contains(#"Software\Profiles\A\x7cB"#) && fields[4].contains(#"A\x7cB\x0aC"#))
        #expect(fields[4].contains("SHA-256 \(Self.sha)"))
    }

    @Test func tlnLeavesAnUnknownUserEmpty() {
        var event = Self.awkward
        event.user = nil
        #expect(TLNRenderer.line(event).split(separator: "|", omittingEmptySubsequences: false)[3] == "")
    }

    @Test func bodyfileHasElevenFieldsWithTheTimeAsMtime() {
        let line = BodyfileRenderer.line(Self.awkward)
        let fields = line.dropLast().split(separator: "|", omittingEmptySubsequences: false)
        #expect(fields.count == 11)
        #expect(fields[0] == "0")
        #expect(fields[8] == "1714555800")
        for index in [2, 3, 4, 5, 6, 7, 9, 10] { #expect(fields[index] == "0", "field \(index)") }
        let name = fields[1]
        #expect(name.hasPrefix(#"case\x7c1/Users/Zoë/NTUSER.DAT:Software\Profiles\A\x7cB - Profile key last written: A\x7cB\x0aC"#))
        #expect(name.contains(#"user Zoë\x7cadmin"#) && name.hasSuffix("SHA-256 \(Self.sha)"))
    }

    @Test func timesketchLineIsJSONWithTheRequiredAndOwnFields() throws {
        let line = try TimesketchRenderer.line(Self.awkward)
        #expect(line.hasSuffix("\n") && line.filter { $0 == "\n" }.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["message", "datetime", "timestamp_desc", "hive", "hiveSha256", "user", "keyPath", "profile",
                                     "layout", "event"])
        #expect(object["datetime"] as? String == "2024-05-01T09:30:00.750Z")
        #expect(object["timestamp_desc"] as? String == "Profile key last written")
        #expect(object["event"] as? String == "profile-written")
        #expect(object["hive"] as? String == "case|1/Users/Zoë/NTUSER.DAT")
        #expect(object["hiveSha256"] as? String == Self.sha)
        #expect(object["user"] as? String == "Zoë|admin")
        #expect(object["profile"] as? String == "A|B\nC")
        #expect((object["message"] as? String)?.hasPrefix("Profile key last written: A|B\nC (office-16.0; active)") == true)
    }

    @Test func timesketchWritesNullForAbsentFields() throws {
        var event = Self.awkward
        event.user = nil
        event.profile = nil
        let object = try #require(try JSONSerialization.jsonObject(with: Data(try TimesketchRenderer.line(event).utf8)) as? [String: Any])
        #expect(object["user"] is NSNull && object["profile"] is NSNull)
    }

    @Test func everyTimelineFormatIsAListFormatAndWritesOneLinePerEvent() throws {
        let inventory = try Self.sampleInventory()
        for format in TimelineFormat.allCases {
            #expect(ListFormat(rawValue: format.rawValue)?.timeline == format)
            var text = ""
            try inventory.write(ListFormat(rawValue: format.rawValue)!, to: &text)
            #expect(text.split(separator: "\n").count == 13, "\(format)")
        }
        #expect(ListFormat.allCases.filter { $0.timeline == nil } == [.text, .json, .jsonl, .csv])
    }

    @Test func versionHasAReleasedHeadingInTheChangelog() throws {
        let changelog = try String(contentsOf: Fixtures.projectRoot.appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
        let headings = changelog.split(separator: "\n").filter { $0.hasPrefix("## [") && !$0.hasPrefix("## [Unreleased]") }
        #expect(headings.first?.hasPrefix("## [\(HivetoolVersion.current)] - ") == true,
                "the newest released heading of CHANGELOG.md is not \(HivetoolVersion.current): \(headings.first ?? "none")")
    }
}
