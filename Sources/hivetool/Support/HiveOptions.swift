import ArgumentParser
import HivetoolKit

/// The hive argument and read options shared by the read commands.
struct HiveOptions: ParsableArguments {
    @Argument(help: "The hive file (e.g. NTUSER.DAT, SOFTWARE).")
    var hive: String

    @Flag(help: "Use hivex's unsafe mode, which tolerates some corruption (never for transaction logs).")
    var unsafe = false
}

extension OutputFormat: ExpressibleByArgument {}

/// The `--format` option of commands that print text or JSON.
struct FormatOption: ParsableArguments {
    @Option(help: "Output format.")
    var format: OutputFormat = .text
}
