import ArgumentParser
import HivetoolKit

extension Hivetool {
    struct Deleted: PlainParsable {
        static let configuration = CommandConfiguration(
            commandName: "deleted",
            abstract: "List the keys and values recovered from a hive's free space.",
            discussion: """
                Searches every free cell, every allocated cell nothing references and the slack of hive \
                bins for deleted key (nk) and value (vk) records, checks them for plausibility, and rebuilds \
                each key's path (complete up to the root, or partial) and values. Values found alone are \
                listed without a key; keys deleted by hivex (hivetool's own edits) come back that way, since \
                hivex detaches a key's values before freeing it. A dirty hive is scanned after its transaction \
                logs are replayed in memory (--no-logs: the file as it is). Nothing is ever written. Exit 0 when the hive could be scanned, \
                even if nothing was found.

                Examples:
                  hivetool deleted NTUSER.DAT
                  hivetool deleted --format json NTUSER.DAT \\
                    'Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles'
                  hivetool deleted --format csv SYSTEM > deleted.csv
                """
        )

        @OptionGroup var hiveOptions: HiveOptions
        @Argument(help: "Only keys whose path starts with this key path (case-insensitive); everything when omitted.")
        var key: String?
        @Option(help: "Output format: text, json (one document), jsonl (one record per key and value), csv; timelines (one event per recovered key): tln, bodyfile, timesketch.")
        var format: ListFormat = .text

        static let plainSyntax = PlainCommandLine.Syntax(flags: HiveOptions.plainFlags, options: ["--format"], positionalCount: 1...2)

        static func command(plain line: PlainCommandLine) -> Self? {
            guard let format = line.value(of: "--format", default: ListFormat.text) else { return nil }
            var command = Self()
            command.hiveOptions = .plain(hive: line.positionals[0], line)
            command.key = line.positional(1)
            command.format = format
            return command
        }

        func run() throws {
            try Console.run {
                var output = StandardOutput()
                let report: DeletedReport
                let record: HiveRecord
                do {
                    // Refuses what is not a primary hive (65, 66); the search starts while hivex parses it.
                    let hive = try Console.open(hiveOptions, searchingFreeSpace: true)
                    let pending = PendingIdentity(hive: hive)  // hashed while free space is scanned
                    let recovery = try FreeSpaceRecovery(started: hive)
                    let identity = try pending.wait()
                    report = DeletedReport(hive: identity, recovery: recovery, key: try key.map { try HiveKeyPath.relative($0, in: hive) })
                    record = HiveRecord(identity: identity, kind: HiveKindEvidence(hive: hive), unsafe: hiveOptions.unsafe,
                                        warnings: identity.dirtyNotes)
                } catch {
                    // The file could not be read: scripts still get its hive record, then the error.
                    let failed = HiveRecord(path: hiveOptions.hive, error: error, unsafe: hiveOptions.unsafe)
                    if format == .jsonl { output.write(try JSONOutput.string(failed, pretty: false) + "\n") }
                    if format == .csv { output.write(CSV.line(DeletedReport.csvColumns) + CSV.line(DeletedReport.csvRow(failed))) }
                    throw error
                }
                Console.warnIfDirty(report.hive)
                try report.write(format, record: record, to: &output)
            }
        }
    }
}
