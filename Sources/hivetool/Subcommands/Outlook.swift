import ArgumentParser
import HivetoolKit

extension Hivetool {
    struct Outlook: PlainParsable {
        static let configuration = CommandConfiguration(
            commandName: "outlook",
            abstract: "Report a user's whole Outlook history: accounts, data files, identities, add-ins, home pages.",
            discussion: """
                Reads every Office version present (Office\\<n>.0\\Outlook and Office\\Outlook) and all four \
                profile layouts, and reports, each fact with its key path and the key's last-write time:

                  profiles, live and deleted (the list-profiles model);
                  per profile, NextAccountID against the account keys: each missing id is a removed account, \
                looked for in free space; sections nothing points to (orphan sections) with what they hold;
                  every PST/OST path ever named (profile sections live and deleted, Outlook\\Search value names, \
                Search\\Catalog, PST\\LastCorruptStore, the global section's OST path), merged case-insensitively, \
                with every place and time seen, whether a live profile, a deleted one or none still holds it \
                ("no longer attached"), and the kind of location (local, removable-looking, UNC, OneDrive);
                  Office identities (Common\\Identity\\Identities) with AuthHistory times decoded;
                  what was set to run inside Outlook: folder home pages, the settings that re-enable them, \
                add-ins with LoadBehavior, Resiliency\\DisabledItems (hex), VBA Security\\Level and \
                LoadMacroProviderOnBoot. These are stated as facts, never as verdicts.

                A dirty hive is read after its transaction logs are replayed in memory. --no-deleted skips \
                the free-space search (deleted profiles and removed accounts' keys).

                Examples:
                  hivetool outlook NTUSER.DAT
                  hivetool outlook --format json NTUSER.DAT
                  hivetool outlook --format csv NTUSER.DAT > outlook.csv
                  hivetool outlook --format bodyfile NTUSER.DAT > body.txt
                  mactime -b body.txt
                  hivetool outlook --format timesketch NTUSER.DAT > outlook.jsonl
                """
        )

        @OptionGroup var hiveOptions: HiveOptions
        @Option(help: "Output format: text, json (one document), jsonl (one record per fact), csv; timelines: tln, bodyfile, timesketch.")
        var format: ListFormat = .text
        @Flag(name: .customLong("no-deleted"), help: "Do not search free space for deleted profiles and removed accounts.")
        var noDeleted = false

        static let plainSyntax = PlainCommandLine.Syntax(flags: HiveOptions.plainFlags.union(["--no-deleted"]), options: ["--format"], positionalCount: 1...1)

        static func command(plain line: PlainCommandLine) -> Self? {
            guard let format = line.value(of: "--format", default: ListFormat.text) else { return nil }
            var command = Self()
            command.hiveOptions = .plain(hive: line.positionals[0], line)
            command.format = format
            command.noDeleted = line.flag("--no-deleted")
            return command
        }

        func run() throws {
            try Console.run {
                var output = StandardOutput()
                let report: OutlookReport
                do {
                    let hive = try Console.open(hiveOptions, searchingFreeSpace: !noDeleted)
                    Console.warnIfUnsafe(hiveOptions)
                    report = try OutlookReport(hashing: hive, includingDeleted: !noDeleted, unsafe: hiveOptions.unsafe)
                } catch {
                    // The file could not be read: its hive record still goes to stdout, then the error.
                    try OutlookReport(path: hiveOptions.hive, error: error, unsafe: hiveOptions.unsafe).write(format, to: &output)
                    throw error
                }
                Console.warnIfDirty(report.hive)
                if let kindWarning = ProfileReport.kindWarning(report.hive.kind) {
                    Console.warn("hivetool: warning: \(report.hive.path): \(kindWarning)")
                }
                try report.write(format, to: &output)
                if !report.problems.isEmpty {
                    Console.warn("hivetool: \(report.hive.path): hive is corrupt: \(report.problems.count) part(s) could not be read; the report is incomplete")
                    throw ExitCode(ExitStatus.badHive.rawValue)
                }
            }
        }
    }
}
