import ArgumentParser
import FoundationEssentials
import Hivex
import HivetoolKit

extension Hivetool {
    struct GetExpire: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get-expire",
            abstract: "Show Enterprise Vault's ProfileExpire in both registry views of a SOFTWARE hive.",
            discussion: """
                Reports Wow6432Node\\KVS\\Enterprise Vault\\Agents (64-bit Windows) and KVS\\Enterprise Vault\\Agents \
                (32-bit Windows), which view Enterprise Vault uses (the one where it is installed), and the \
                effective number of days (3 when the value is absent).

                Examples:
                  hivetool get-expire SOFTWARE
                  hivetool get-expire --windows-root /mnt/server --format json
                  export HIVETOOL_SOFTWARE=/mnt/c/Windows/System32/config/SOFTWARE
                  hivetool get-expire
                """
        )

        @OptionGroup var source: SoftwareHiveOptions
        @OptionGroup var formatOption: FormatOption
        @OptionGroup var logOptions: LogOptions

        func run() throws {
            try Console.run {
                let hive = try Hive(path: try source.resolve(), options: logOptions.openOptions)
                let report = try ProfileExpireReport(hive: hive)
                Console.warnIfDirty(report.hive)
                switch formatOption.format {
                case .text:
                    var output = StandardOutput()
                    report.writeText(to: &output)
                case .json:
                    try Console.printJSON(report)
                }
            }
        }
    }
}
