import ArgumentParser
import HivetoolKit

extension Hivetool {
    struct Purge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "purge",
            abstract: "Delete profiles marked for deletion and stale marks, as MAPI would when idle, safely.",
            discussion: """
                Deletes every profile a Deleted Profiles container marks, together with its marks, and every \
                stale mark (one whose profile is gone). --stale-only keeps marked profiles. --older-than and \
                --match narrow the choice: a marked profile by its key's last-write time and name, a stale \
                mark by the mark key's. A marked default profile is left alone (with a warning) unless \
                --force-default. The edit is backed up, verified and atomic (README, "Edit guarantees"); \
                --dry-run shows it without writing.

                Examples:
                  hivetool purge --dry-run NTUSER.DAT
                  hivetool purge --stale-only NTUSER.DAT
                  hivetool purge --match 'EVTemp-*' --older-than 7d NTUSER.DAT
                """
        )

        @Argument(help: "The user hive (NTUSER.DAT, or DEFAULT for services running as LocalSystem).")
        var hive: String
        @Flag(help: "Only remove stale marks (marks whose profile no longer exists).")
        var staleOnly = false
        @Option(help: "Only what was last written at least this long ago: a number and a unit s, m, h, d, w (e.g. 12h, 7d, 2w).")
        var olderThan: String?
        @Option(help: "Only profiles (and stale marks) whose name matches this pattern: * ? [...], letter case ignored (e.g. 'EVTemp-*').")
        var match: String?
        @Option(help: "Only this profile root.")
        var layout: ProfileLayout?
        @Flag(help: "Also delete a marked default profile, and clear DefaultProfile.")
        var forceDefault = false
        @OptionGroup var editOptions: EditOptions

        func validate() throws {
            if let olderThan, case .failure(let error) = TimeSpan.parse(olderThan) { throw ValidationError("--older-than: \(error.commandLineDescription)") }
            if let match, case .failure(let error) = ProfileNamePattern.parse(match) { throw ValidationError("--match: \(error.commandLineDescription)") }
        }

        func run() throws {
            try Console.run {
                let repair = PurgeRepair(staleOnly: staleOnly, olderThan: try olderThan.map { try TimeSpan.parse($0).get() },
                                         match: try match.map { try ProfileNamePattern.parse($0).get() }, layout: layout,
                                         forceDefault: forceDefault)
                try editOptions.report(try repair.run(hivePath: hive, options: editOptions.safeEditOptions(command: CommandLineText.current)))
            }
        }
    }
}
