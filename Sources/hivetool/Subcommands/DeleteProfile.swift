import ArgumentParser
import HivetoolKit

extension Hivetool {
    struct DeleteProfile: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete-profile",
            abstract: "Delete one MAPI profile and every Deleted Profiles mark naming it, safely.",
            discussion: """
                Deletes the profile's key and the marks naming it in the containers of its root. The default \
                profile is only deleted with --force-default (which also deletes the DefaultProfile value) or \
                --new-default NAME (which points DefaultProfile at another profile of the same root). The \
                edit is backed up, verified and atomic (README, "Edit guarantees"); --dry-run shows it \
                without writing.

                Examples:
                  hivetool delete-profile NTUSER.DAT EVTemp-0001
                  hivetool delete-profile --new-default 'Ünïcode Prófile' NTUSER.DAT Work
                  hivetool delete-profile --layout office-16.0 --dry-run NTUSER.DAT Outlook
                """
        )

        @Argument(help: "The user hive (NTUSER.DAT, or DEFAULT for services running as LocalSystem).")
        var hive: String
        @Argument(help: "The profile's name (letter case ignored).")
        var profile: String
        @Option(help: "The profile root, when several hold a profile of that name.")
        var layout: ProfileLayout?
        @Flag(help: "Allow deleting the default profile; its DefaultProfile value is deleted too.")
        var forceDefault = false
        @Option(help: "When deleting the default profile, make this profile of the same root the default instead.")
        var newDefault: String?
        @OptionGroup var editOptions: EditOptions

        func validate() throws {
            if profile.isEmpty { throw ValidationError("PROFILE must not be empty") }
            if newDefault?.isEmpty == true { throw ValidationError("--new-default must not be empty") }
            if forceDefault && newDefault != nil { throw ValidationError("use either --force-default or --new-default, not both") }
        }

        func run() throws {
            try Console.run {
                let handling: DeleteProfileRepair.DefaultProfileHandling = newDefault.map { .replace(with: $0) } ?? (forceDefault ? .clear : .refuse)
                let repair = DeleteProfileRepair(profile: profile, layout: layout, defaultProfile: handling)
                try editOptions.report(try repair.run(hivePath: hive, options: editOptions.safeEditOptions(command: CommandLineText.current)))
            }
        }
    }
}
