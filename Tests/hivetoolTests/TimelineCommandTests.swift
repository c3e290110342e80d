import Foundation
import Testing
import TestSupport
import HivetoolKit

/// `list-profiles` and `scan` with `--format tln|bodyfile|timesketch`, end to end.
@Suite struct TimelineCommandTests {
    /// Events of samples/NTUSER.DAT: 2 profile roots, 6 profiles, 5 deletion marks.
    static let sampleEvents = 13

    @Test(.enabled(if: ExternalTool.isInstalled("mactime"), "mactime (Debian sleuthkit) is absent: HIVETOOL_TEST_TOOLS=1 scripts/bootstrap installs it"))
    func mactimeReadsTheBodyfileWithEveryEventOfTheSample() throws {
        let outcome = try CLI.run("list-profiles", "--format", "bodyfile", "samples/NTUSER.DAT")
        outcome.expectQuietSuccess()
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == Self.sampleEvents)
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let body = folder.file("body.txt")
        try Data(outcome.stdout.utf8).write(to: URL(fileURLWithPath: body))

        let mactime = try ExternalTool.run("mactime", ["-b", body, "-z", "UTC"])
        #expect(mactime.status == 0, "mactime failed: \(mactime.stderr)")
        #expect(mactime.stdout.contains("Wed May 01 2024 09:30:00"), "\(mactime.stdout)")
        let timelineLines = mactime.stdout.split(separator: "\n").filter { $0.contains(" m... ") }
        #expect(timelineLines.count == Self.sampleEvents, "\(mactime.stdout)")
        for line in lines {
            let name = line.split(separator: "|", omittingEmptySubsequences: false)[1]
            #expect(mactime.stdout.contains(name), "mactime's timeline lacks \(name)")
        }
    }

    @Test func tlnLinesHaveFiveFieldsAndIntegerTimes() throws {
        let outcome = try CLI.run("list-profiles", "--format", "tln", "samples/NTUSER.DAT")
        outcome.expectQuietSuccess()
        let lines = outcome.stdout.split(separator: "\n")
        #expect(lines.count == Self.sampleEvents)
        for line in lines {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false)
            #expect(fields.count == 5, "\(line)")
            #expect(Int64(fields[0]) == 1_714_555_800, "\(line)")
            #expect(fields[1] == "REG" && fields[2] == "samples/NTUSER.DAT", "\(line)")
            #expect(fields[4].hasSuffix("SHA-256 38a4eeeb670fb605b9b5108d76fac305b6199f89a6e9f9c3c3c6c8a6bc744bcb"), "\(line)")
        }
    }

    @Test func timesketchLinesAreJSONWithTheRequiredKeys() throws {
        let outcome = try CLI.run("list-profiles", "--format", "timesketch", "samples/NTUSER.DAT")
        outcome.expectQuietSuccess()
        let records = try outcome.stdout.split(separator: "\n").map { try CLI.jsonObject(String($0)) }
        #expect(records.count == Self.sampleEvents)
        for record in records {
            for key in ["message", "datetime", "timestamp_desc", "hive", "hiveSha256", "user", "keyPath", "profile", "layout", "event"] {
                #expect(record.keys.contains(key), "no \(key) in \(record)")
            }
            #expect(record["datetime"] as? String == "2024-05-01T09:30:00Z")
        }
        #expect(records.map { $0["event"] as? String }.filter { $0 == "deletion-mark-written" }.count == 5)
    }

    @Test func scanOfAVolumeGivesEventsWithUsersAndTheAgentsKey() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        _ = try FakeVolume(in: folder)
        let outcome = try CLI.run(["scan", "--format", "tln", "--jobs", "2", "volume"], in: folder.path)
        outcome.expectFinished()
        #expect(outcome.status == 2, "two files of the volume are not hives: \(outcome)")
        #expect(outcome.stderr == ScanCommandTests.summary)
        let lines = outcome.stdout.split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false) }
        #expect(lines.allSatisfy { $0.count == 5 && Int64($0[0]) != nil })
        #expect(lines.filter { $0[3] == "alice" }.count == Self.sampleEvents)
        #expect(lines.contains { $0[2].hasSuffix("CONFIG/software") && $0[4].hasPrefix("ProfileExpire key last written (wow6432node") })
    }

    @Test func helpListsTheTimelineFormats() throws {
        for command in ["list-profiles", "scan"] {
            let outcome = try CLI.run(command, "--help")
            #expect(outcome.status == 0)
            #expect(outcome.stdout.contains("tln, bodyfile, timesketch"), "\(outcome)")
        }
    }

    @Test func versionPrintsTheVersionAndTheCommitItWasBuiltFrom() throws {
        let outcome = try CLI.run("--version")
        outcome.expectQuietSuccess()
        #expect(outcome.stdout == "\(HivetoolVersion.current) (commit \(HivetoolVersion.commit))\n")
        #expect(HivetoolVersion.name == "hivetool")
        // Built from this checkout: the commit is the one git has checked out.
        let git = try ExternalTool.run("git", ["-C", Fixtures.projectRoot.path, "rev-parse", "HEAD"])
        if git.status == 0 {
            #expect(HivetoolVersion.commit == git.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        } else {
            #expect(HivetoolVersion.commit == "unknown")
        }
    }
}
