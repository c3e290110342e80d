import Foundation
import Testing
import TestSupport

/// Runs the built `hivetool` executable as a process (from the project root unless told otherwise) and
/// checks what every run must satisfy: it ends on its own, does not crash, and reports errors on one line.
enum CLI {
    /// Seconds one run may take; a run still going after this is killed and counted as a hang.
    static let timeout: TimeInterval = 20

    /// What one run of the executable did.
    struct Outcome: CustomStringConvertible {
        var arguments: [String]
        var status: Int32
        var stdout: String
        var stderr: String
        var elapsed: TimeInterval

        /// Standard error split into lines (a final newline does not start another line).
        var stderrLines: [Substring] {
            guard !stderr.isEmpty else { return [] }
            let lines = stderr.split(separator: "\n", omittingEmptySubsequences: false)
            return stderr.hasSuffix("\n") ? Array(lines.dropLast()) : lines
        }

        var description: String {
            "hivetool \(arguments.joined(separator: " ")) -> exit \(status) after \(String(format: "%.2f", elapsed)) s\n"
                + "--- stdout:\n\(stdout)\n--- stderr:\n\(stderr)"
        }
    }

    /// Runs `hivetool ARGUMENTS` in `directory` (the project root by default).
    static func run(_ arguments: [String], in directory: String = Fixtures.projectRoot.path,
                    environment: [String: String]? = nil) throws -> Outcome {
        let start = Date()
        let result = try ExternalTool.run(Fixtures.hivetoolExecutable, arguments, currentDirectory: directory,
                                          environment: environment, timeout: timeout)
        return Outcome(arguments: arguments, status: result.status, stdout: result.stdout, stderr: result.stderr,
                       elapsed: Date().timeIntervalSince(start))
    }

    static func run(_ arguments: String...) throws -> Outcome { try run(arguments) }

    /// Parses a JSON object.
    static func jsonObject(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any], "not a JSON object: \(text)", sourceLocation: sourceLocation)
    }
}

extension CLI.Outcome {
    /// The process ended on its own within the time limit, without a crash report.
    func expectFinished(sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(elapsed < CLI.timeout, "the process hung and was killed: \(self)", sourceLocation: sourceLocation)
        for crash in ["Fatal error", "Stack dump", "stack trace", "Segmentation fault", "Illegal instruction", "Program crashed"] {
            #expect(!stderr.contains(crash), "crash report on stderr: \(self)", sourceLocation: sourceLocation)
        }
    }

    /// Exit `status`, and standard error is exactly one line that starts `hivetool: ` and contains every
    /// string of `fragments`.
    func expectError(_ status: Int32, containing fragments: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        expectFinished(sourceLocation: sourceLocation)
        #expect(self.status == status, "exit status: \(self)", sourceLocation: sourceLocation)
        #expect(stderrLines.count == 1, "stderr is not exactly one line: \(self)", sourceLocation: sourceLocation)
        #expect(stderr.hasSuffix("\n"), "stderr does not end with a newline: \(self)", sourceLocation: sourceLocation)
        #expect(stderr.hasPrefix("hivetool: "), "stderr does not start with 'hivetool: ': \(self)", sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(stderr.contains(fragment), "stderr lacks \(fragment.debugDescription): \(self)", sourceLocation: sourceLocation)
        }
    }

    /// Exit 0 with nothing on standard error.
    func expectQuietSuccess(sourceLocation: SourceLocation = #_sourceLocation) {
        expectFinished(sourceLocation: sourceLocation)
        #expect(status == 0, "exit status: \(self)", sourceLocation: sourceLocation)
        #expect(stderr.isEmpty, "unexpected stderr: \(self)", sourceLocation: sourceLocation)
    }
}

/// The read commands, each with the extra arguments it needs after the hive.
enum ReadCommand: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case listProfiles = "list-profiles"
    case outlook
    case info
    case ls
    case get

    /// `COMMAND [--unsafe] HIVE [KEY]`; `ls` lists the root, `get` asks for the values of `Software`.
    func arguments(hive: String, unsafe: Bool = false) -> [String] {
        [rawValue] + (unsafe ? ["--unsafe"] : []) + [hive] + (self == .get ? ["Software"] : [])
    }

    var testDescription: String { rawValue }
}

/// A read command run in hivex's safe mode or with `--unsafe`.
struct Invocation: Sendable, CustomTestStringConvertible {
    var command: ReadCommand
    var unsafe: Bool

    static let all: [Invocation] = ReadCommand.allCases.flatMap { [Invocation(command: $0, unsafe: false), Invocation(command: $0, unsafe: true)] }

    func arguments(hive: String) -> [String] { command.arguments(hive: hive, unsafe: unsafe) }

    var testDescription: String { command.rawValue + (unsafe ? " --unsafe" : "") }
}

/// A temporary folder holding a copy of one sample hive, for the edit commands' end-to-end tests.
struct SampleWorkspace {
    let folder: TemporaryDirectory
    /// The sample's file name, e.g. `SOFTWARE`.
    let name: String
    let hive: String
    let original: FileSnapshot

    init(sample name: String) throws {
        folder = try TemporaryDirectory()
        self.name = name
        hive = try folder.copy(Fixtures.sample(name))
        original = try FileSnapshot(hive)
    }

    /// Runs hivetool in the workspace folder.
    func run(_ arguments: [String], environment: [String: String]? = nil) throws -> CLI.Outcome {
        try CLI.run(arguments, in: folder.path, environment: environment)
    }

    /// The files beside the hive, other than the hive.
    var otherFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0 != name }.sorted()
    }

    func remove() { folder.remove() }
}
