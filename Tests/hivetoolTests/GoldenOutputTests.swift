// Golden output tests: the exact stdout of hivetool on the samples, kept in Tests/hivetoolTests/Golden/.
//
// The executable runs with the project root as its current directory and relative `samples/...` paths,
// so the outputs (which echo the hive path) are the same on every machine. Golden files are read through
// this file's path (#filePath), not as SwiftPM resources.
//
// To re-record them after an intended output change (then review the diff before committing):
//
//     swift build --product hivetool
//     HIVETOOL_RECORD_GOLDEN=1 swift test --filter GoldenOutputTests
//
import Foundation
import Testing
import TestSupport

@Suite("Golden outputs")
struct GoldenOutputTests {
    /// One command whose stdout is compared byte for byte with `Golden/<file>`.
    struct Case: Sendable, CustomTestStringConvertible {
        var file: String
        var arguments: [String]
        var testDescription: String { "hivetool " + arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(file: "list-profiles.NTUSER.txt", arguments: ["list-profiles", "samples/NTUSER.DAT"]),
        Case(file: "list-profiles.NTUSER.json", arguments: ["list-profiles", "--format", "json", "samples/NTUSER.DAT"]),
        Case(file: "list-profiles.NTUSER.jsonl", arguments: ["list-profiles", "--format", "jsonl", "samples/NTUSER.DAT"]),
        Case(file: "list-profiles.NTUSER.csv", arguments: ["list-profiles", "--format", "csv", "samples/NTUSER.DAT"]),
        Case(file: "info.SOFTWARE.txt", arguments: ["info", "samples/SOFTWARE"]),
    ] + ListFormatName.all.map { format in
        Case(file: "outlook.NTUSER-outlook-history.\(format.fileExtension)",
             arguments: ["outlook", "--format", format.name, "samples/NTUSER-outlook-history.DAT"])
    } + [
        Case(file: "ls.NTUSER.Control-Panel-Desktop.txt", arguments: ["ls", "samples/NTUSER.DAT", #"Control Panel\Desktop"#]),
        Case(file: "get.SOFTWARE.ProfileExpire.txt",
             arguments: ["get", "samples/SOFTWARE", #"Wow6432Node\KVS\Enterprise Vault\Agents"#, "ProfileExpire"]),
    ]

    /// The formats of `hivetool outlook`, each golden-tested on the Outlook history sample.
    struct ListFormatName {
        var name: String
        var fileExtension: String
        static let all = [("text", "txt"), ("json", "json"), ("jsonl", "jsonl"), ("csv", "csv"), ("tln", "tln"),
                          ("bodyfile", "bodyfile"), ("timesketch", "timesketch.jsonl")].map { ListFormatName(name: $0.0, fileExtension: $0.1) }
    }

    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let recording = ProcessInfo.processInfo.environment["HIVETOOL_RECORD_GOLDEN"] == "1"

    @Test("stdout matches the golden file", arguments: cases)
    func golden(_ testCase: Case) throws {
        var outcome = try CLI.run(testCase.arguments)
        outcome.expectQuietSuccess()
        outcome.stdout = Self.withoutBuildCommit(outcome.stdout)
        let url = Self.goldenDirectory.appendingPathComponent(testCase.file)
        if Self.recording {
            try FileManager.default.createDirectory(at: Self.goldenDirectory, withIntermediateDirectories: true)
            try Data(outcome.stdout.utf8).write(to: url)
        }
        let golden = try #require(try? String(contentsOf: url, encoding: .utf8),
                                  "missing \(url.path): record it with HIVETOOL_RECORD_GOLDEN=1 swift test --filter GoldenOutputTests")
        #expect(outcome.stdout == golden, "stdout differs from \(testCase.file); re-record with HIVETOOL_RECORD_GOLDEN=1 if intended")
        if outcome.stdout != golden { Self.describeFirstDifference(outcome.stdout, golden) }
    }

    /// The output with the build's git commit (in every JSON document's `tool`) replaced by
    /// `BUILD-COMMIT`: it changes with every commit, the rest must not.
    static func withoutBuildCommit(_ text: String) -> String {
        text.replacing(/("commit" ?: ?")[^"]*"/) { match in match.output.1 + "BUILD-COMMIT\"" }
    }

    @Test("Tool commits are masked, nothing else", .disabled(if: recording, "recording"))
    func buildCommitIsMasked() {
        #expect(Self.withoutBuildCommit(#"{"commit":"8c61403e","kind":"unknown"}"#) == #"{"commit":"BUILD-COMMIT","kind":"unknown"}"#)
        #expect(Self.withoutBuildCommit(#""commit" : "unknown""#) == #""commit" : "BUILD-COMMIT""#)
    }

    @Test("The golden get output is the value alone", .disabled(if: recording, "recording"))
    func getGoldenIsThree() throws {
        let golden = try String(contentsOf: Self.goldenDirectory.appendingPathComponent("get.SOFTWARE.ProfileExpire.txt"), encoding: .utf8)
        #expect(golden == "3\n")
    }

    @Test("Every golden file belongs to a case", .disabled(if: recording, "recording"))
    func noStrayGoldenFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.goldenDirectory.path).filter { !$0.hasPrefix(".") }
        #expect(Set(files) == Set(Self.cases.map(\.file)))
    }

    /// Records the first differing line, which a whole-output mismatch hides.
    static func describeFirstDifference(_ actual: String, _ expected: String) {
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(actualLines.count, expectedLines.count) {
            let got = index < actualLines.count ? String(actualLines[index]) : "<end>"
            let want = index < expectedLines.count ? String(expectedLines[index]) : "<end>"
            if got != want {
                Issue.record("first difference at line \(index + 1):\n  got:  \(got)\n  want: \(want)")
                return
            }
        }
    }
}
