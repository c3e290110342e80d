import ArgumentParser
import HivetoolKit

extension Hivetool {
    struct Unmark: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "unmark",
            abstract: "Remove a profile's Deleted Profiles marks so MAPI no longer deletes it, safely.",
            discussion: """
                Deletes the subkeys naming PROFILE in every Deleted Profiles container of the profile's root \
                (inside and beside Profiles, per-account "Deleted Profiles<SID CRC>" ones included), or only \
                in --container. The profile itself is not touched; containers left empty are kept (MAPI \
                recreates them anyway). A profile that is not marked gives "nothing to change". The edit is \
                backed up, verified and atomic (README, "Edit guarantees"); --dry-run shows it without writing.

                Examples:
                  hivetool unmark NTUSER.DAT 'Exchange Service'
                  hivetool unmark --container 'Deleted Profiles1A2B3C4D' --dry-run \\
                    NTUSER.DAT EVTemp-0001
                """
        )

        @Argument(help: "The user hive (NTUSER.DAT, or DEFAULT for services running as LocalSystem).")
        var hive: String
        @Argument(help: "The profile's name (letter case ignored).")
        var profile: String
        @Option(help: "Only remove the mark in this container (its key name, e.g. 'Deleted Profiles 0badf00d', or its path).")
        var container: String?
        @Option(help: "The profile root, when several hold a profile of that name.")
        var layout: ProfileLayout?
        @OptionGroup var editOptions: EditOptions

        func validate() throws {
            if profile.isEmpty { throw ValidationError("PROFILE must not be empty") }
            if container?.isEmpty == true { throw ValidationError("--container must not be empty") }
        }

        func run() throws {
            try Console.run {
                let repair = UnmarkRepair(profile: profile, layout: layout, container: container)
                try editOptions.report(try repair.run(hivePath: hive, options: editOptions.safeEditOptions(command: CommandLineText.current)))
            }
        }
    }
}
