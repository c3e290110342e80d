import ArgumentParser
import HivetoolKit

extension ListFormat: ExpressibleByArgument {}

extension Hivetool {
    struct ListProfiles: PlainParsable {
        static let configuration = CommandConfiguration(
            commandName: "list-profiles",
            abstract: "List every MAPI profile and Deleted Profiles mark in a user hive.",
            discussion: """
                Reads the Windows Messaging Subsystem, Office 15.0, Office 16.0 and Windows 9x profile roots, \
                and every key whose name starts with "Deleted Profiles" inside or beside Profiles (including \
                per-account containers with a SID CRC suffix). A hive without profiles is a success with empty \
                lists. A dirty hive is read with its transaction logs replayed in memory (the output names \
                the logs applied); --no-logs reads the file as it is, with a warning that pending log data \
                was not applied.

                Deleted profiles: the hive's free space is searched for profile keys and deletion marks \
                that were deleted (by MAPI, an administrator or hivetool) and whose cells were not reused; \
                each is decoded like a live profile (services, accounts, data files, Exchange) and listed \
                under "Deleted profiles (recovered from free space)" (JSON: deletedProfiles, recoveredMarks). \
                A dirty hive's free space is searched after its transaction logs are replayed in memory. \
                --no-deleted skips the search (the JSON fields are then null).

                Examples:
                  hivetool list-profiles NTUSER.DAT
                  hivetool list-profiles --format json NTUSER.DAT
                  hivetool list-profiles --no-deleted NTUSER.DAT
                  for f in */NTUSER.DAT; do
                    hivetool list-profiles --format jsonl "$f"
                  done > profiles.jsonl
                  hivetool list-profiles --format bodyfile NTUSER.DAT > body.txt
                  mactime -b body.txt

                Timeline formats give one line per key last-write time (profile roots, profiles, deletion \
                marks), each naming the hive, its SHA-256 and the user from the hive's path: tln (RegRipper \
                TLN, epoch seconds), bodyfile (The Sleuth Kit's mactime body file; the time is the mtime), \
                timesketch (JSON Lines with message, datetime, timestamp_desc).
                """
        )

        @OptionGroup var hiveOptions: HiveOptions
        @Option(help: "Output format: text, json (one document), jsonl (one record per profile and mark), csv; timelines: tln, bodyfile, timesketch.")
        var format: ListFormat = .text
        @Flag(name: .customLong("no-deleted"), help: "Do not search free space for deleted profiles and marks.")
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
                let report: ProfileReport
                do {
                    let hive = try Console.open(hiveOptions, searchingFreeSpace: !noDeleted)
                    Console.warnIfUnsafe(hiveOptions)
                    report = try ProfileReport(hashing: hive, includingDeleted: !noDeleted, unsafe: hiveOptions.unsafe)
                } catch {
                    // The file could not be read: its hive record still goes to stdout, then the error.
                    try ProfileReport(path: hiveOptions.hive, error: error, unsafe: hiveOptions.unsafe).write(format, to: &output)
                    throw error
                }
                Console.warnIfDirty(report.hive)
                if let kindWarning = report.kindWarning { Console.warn("hivetool: warning: \(report.hive.path): \(kindWarning)") }
                try report.write(format, to: &output)
                if !report.problems.isEmpty {
                    Console.warn("hivetool: \(report.hive.path): hive is corrupt: \(report.problems.count) part(s) could not be read; the listing is incomplete")
                    throw ExitCode(ExitStatus.badHive.rawValue)
                }
            }
        }
    }
}
