import ArgumentParser
import FoundationEssentials
import Hivex
import HivetoolKit

extension ProfileExpireEdit.Target: ExpressibleByArgument {}

extension Hivetool {
    struct SetExpire: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-expire",
            abstract: "Set Enterprise Vault's ProfileExpire (days) in a SOFTWARE hive, safely.",
            discussion: """
                Writes REG_DWORD DAYS into the view Enterprise Vault uses (or --view). The vendor advises 1 on \
                very active servers (event 3230, MAPI profile mutex time-outs). 0 deletes every profile EV \
                created at the next service restart and needs --allow-zero. The edit is backed up, verified \
                and atomic (see the README, "Edit guarantees"); --dry-run shows it without writing.

                Examples:
                  hivetool set-expire 1 SOFTWARE
                  hivetool set-expire 1 --view both --dry-run SOFTWARE
                  export HIVETOOL_SOFTWARE=/mnt/c/Windows/System32/config/SOFTWARE
                  hivetool set-expire 1
                """
        )

        @Argument(help: "Days before EV-created profiles expire (0-\(ProfileExpireEdit.maximumDays)).")
        var days: String
        @OptionGroup var source: SoftwareHiveOptions
        @Option(help: "Which view to write: automatic (the one EV uses), wow6432node, native, both.")
        var view: ProfileExpireEdit.Target = .automatic
        @Flag(help: "Create the Agents key when it is missing.")
        var createKey = false
        @Flag(help: "Replace a ProfileExpire value of another type by a REG_DWORD.")
        var replaceType = false
        @Flag(help: "Allow 0, which deletes every EV-created profile at the next service restart.")
        var allowZero = false
        @OptionGroup var editOptions: EditOptions

        func validate() throws {
            if case .failure(let error) = ProfileExpireEdit.parseDays(days, allowZero: allowZero) {
                // `set-expire -1 SOFTWARE`: "-1" reads as an option, so the hive lands in DAYS' place.
                if let negative = CommandLine.arguments.dropFirst().first(where: { $0.hasPrefix("-") && Int($0) != nil }) {
                    throw ValidationError("DAYS must not be negative (got \(negative)); write hivetool set-expire DAYS [HIVE]")
                }
                // `set-expire SOFTWARE 3`: the number landed in HIVE's place.
                if let hive = source.hive, Int(hive) != nil {
                    throw ValidationError("DAYS comes before HIVE: the command line reads as DAYS \"\(days)\" and HIVE \"\(hive)\"; write hivetool set-expire \(hive) \(days)")
                }
                throw ValidationError(error.commandLineDescription)
            }
        }

        func run() throws {
            try Console.run {
                guard case .success(let number) = ProfileExpireEdit.parseDays(days, allowZero: allowZero) else { return }
                let path = try source.resolve()
                let edit = ProfileExpireEdit(days: number, target: view, createKey: createKey, replaceType: replaceType)
                let result = try SafeEditor.edit(hivePath: path, options: editOptions.safeEditOptions(command: CommandLineText.current)) {
                    try edit.apply(to: $0)
                }
                try editOptions.report(result)
            }
        }
    }
}
