import ArgumentParser
import HivetoolKit

extension Hivetool {
    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "restore",
            abstract: "Put a hivetool backup back in place, safely.",
            discussion: """
                Checks the backup's SHA-256 against the journal beside it, backs up the current hive, and \
                replaces it atomically. Without --to, the target is the backup's name without \
                .<timestamp>.bak, in the same folder.

                Example:
                  hivetool restore SOFTWARE.20261122T043015Z.bak
                """
        )

        @Argument(help: "The backup file (HIVE.<timestamp>.bak).")
        var backup: String
        @Option(help: "The hive to restore over (default: derived from the backup's name).")
        var to: String?
        @OptionGroup var editOptions: EditOptions

        func run() throws {
            try Console.run {
                guard let target = to ?? HiveRestore.defaultTarget(ofBackup: backup) else {
                    throw ValidationError("cannot tell which hive \(backup) belongs to: pass --to HIVE")
                }
                let result = try HiveRestore.restore(backup: backup, to: target, options: editOptions.safeEditOptions(command: CommandLineText.current))
                try editOptions.report(result)
            }
        }
    }
}
