import ArgumentParser
import FoundationEssentials
import Hivex
import HivetoolKit

/// The options every editing command shares (README "Edit guarantees").
struct EditOptions: ParsableArguments {
    @Option(help: "Folder for the backup and the journal (default: the hive's folder).")
    var backupDir: String?

    @Flag(help: "Edit even a dirty hive or one whose transaction logs hold data (their pending changes are lost).")
    var force = false

    @Flag(help: "Edit a dirty hive with its transaction logs applied: the result is written clean; the logs are backed up and left in place.")
    var applyLogs = false

    @Flag(help: "Wait for another hivetool editing the same hive instead of failing.")
    var wait = false

    @Flag(help: "Show what would change; write nothing.")
    var dryRun = false

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    /// The safe-edit options for `command`.
    func safeEditOptions(command: String) -> SafeEditOptions {
        var options = SafeEditOptions(command: command, backupDirectory: backupDir, force: force, applyLogs: applyLogs, wait: wait, dryRun: dryRun)
        options.spelling = { $0.flag }
        return options
    }

    /// Prints an edit's result in the chosen format, with warnings on stderr.
    func report(_ result: SafeEditResult) throws {
        for warning in result.warnings { Console.warn("hivetool: warning: \(warning)") }
        switch format {
        case .text:
            var output = StandardOutput()
            var copy = result
            copy.warnings = []
            copy.writeText(to: &output)
        case .json:
            try Console.printJSON(result)
        }
    }
}

/// The command line as typed, for the journal.
enum CommandLineText {
    static var current: String {
        (["hivetool"] + CommandLine.arguments.dropFirst()).map(shellQuoted).joined(separator: " ")
    }

    /// The argument as a POSIX shell reads it back: bare when it holds only safe characters, else in
    /// single quotes.
    static func shellQuoted(_ argument: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,/:=+@%")
        if !argument.isEmpty && argument.allSatisfy({ safe.contains($0) }) { return argument }
        return "'" + argument.replacingEvery("'", with: "'\\''") + "'"
    }
}
