import Foundation
import Testing
import TestSupport

/// Bad command lines exit 64 with the parser's message on stderr and nothing on stdout.
@Suite("Usage errors")
struct UsageErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        /// What stderr must mention.
        var message: String
        var testDescription: String { "hivetool " + arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: ["list-profiles"], message: "Missing expected argument '<hive>'"),
        Case(arguments: ["info"], message: "Missing expected argument '<hive>'"),
        Case(arguments: ["ls"], message: "Missing expected argument '<hive>'"),
        Case(arguments: ["get"], message: "Missing expected argument '<hive>'"),
        Case(arguments: ["get", "samples/SOFTWARE"], message: "Missing expected argument '<key>'"),
        Case(arguments: ["list-profiles", "--bogus", "samples/NTUSER.DAT"], message: "Unknown option '--bogus'"),
        Case(arguments: ["info", "--bogus", "samples/NTUSER.DAT"], message: "Unknown option '--bogus'"),
        Case(arguments: ["ls", "--bogus", "samples/NTUSER.DAT"], message: "Unknown option '--bogus'"),
        Case(arguments: ["get", "--bogus", "samples/SOFTWARE", "Software"], message: "Unknown option '--bogus'"),
        Case(arguments: ["list-profiles", "--format", "xml", "samples/NTUSER.DAT"], message: "The value 'xml' is invalid for '--format <format>'"),
        Case(arguments: ["info", "--format", "csv", "samples/NTUSER.DAT"], message: "The value 'csv' is invalid for '--format <format>'"),
        Case(arguments: ["ls", "--format", "jsonl", "samples/NTUSER.DAT"], message: "The value 'jsonl' is invalid for '--format <format>'"),
        Case(arguments: ["get", "--format", "yaml", "samples/SOFTWARE", "Software"], message: "The value 'yaml' is invalid for '--format <format>'"),
        Case(arguments: ["list-profiles", "--format"], message: "Missing value for '--format <format>'"),
        Case(arguments: ["info", "samples/NTUSER.DAT", "extra"], message: "Unexpected argument 'extra'"),
        Case(arguments: ["frobnicate"], message: "Unexpected argument 'frobnicate'"),
        Case(arguments: ["help", "nosuch"], message: #"no help topic "nosuch": the commands are list-profiles, scan"#),
        Case(arguments: ["set-expire", "-1", "samples/SOFTWARE"], message: "DAYS must not be negative (got -1)"),
        Case(arguments: ["set-expire", "samples/SOFTWARE", "3"], message: #"DAYS comes before HIVE: the command line reads as DAYS "samples/SOFTWARE" and HIVE "3""#),
    ]

    @Test("A bad command line exits 64", arguments: cases)
    func usageError(_ testCase: Case) throws {
        let outcome = try CLI.run(testCase.arguments)
        outcome.expectFinished()
        #expect(outcome.status == 64, "\(outcome)")
        #expect(outcome.stdout.isEmpty, "\(outcome)")
        #expect(outcome.stderr.contains(testCase.message), "\(outcome)")
        #expect(outcome.stderr.contains("Usage: hivetool"), "\(outcome)")
    }

    @Test("--format lists the accepted values", arguments: [
        (["list-profiles", "--format", "xml", "samples/NTUSER.DAT"],
         "Please provide one of the following:\n  - text\n  - json\n  - jsonl\n  - csv\n  - tln\n  - bodyfile\n  - timesketch\n"),
        (["info", "--format", "xml", "samples/NTUSER.DAT"], "Please provide one of 'text' and 'json'."),
    ])
    func formatValues(_ arguments: [String], _ hint: String) throws {
        let outcome = try CLI.run(arguments)
        #expect(outcome.status == 64, "\(outcome)")
        #expect(outcome.stderr.contains(hint), "\(outcome)")
    }
}
