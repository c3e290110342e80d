import ArgumentParser
import Hivex
import HivetoolKit

/// The hive argument and read options shared by the read commands.
struct HiveOptions: ParsableArguments {
    @Argument(help: "The hive file (e.g. NTUSER.DAT, SOFTWARE).")
    var hive: String

    @Flag(help: "Use hivex's unsafe mode, which tolerates some corruption (never for transaction logs); what it skips is listed and the exit code is 65.")
    var unsafe = false

    @OptionGroup var logOptions: LogOptions

    /// The options for `Hive(path:options:)`.
    var openOptions: Hive.OpenOptions {
        (unsafe ? Hive.OpenOptions.unsafe : []).union(logOptions.openOptions)
    }
}

/// `--unsafe`, for the read commands that do not take ``HiveOptions`` (get-expire, scan, recover).
struct UnsafeOption: ParsableArguments {
    @Flag(help: "Use hivex's unsafe mode, which tolerates some corruption (never for transaction logs); what it skips is listed and the exit code is 65.")
    var unsafe = false

    var openOptions: Hive.OpenOptions { unsafe ? .unsafe : [] }
}

/// `--no-logs`, for every command that reads a hive.
struct LogOptions: ParsableArguments {
    @Flag(name: .customLong("no-logs"),
          help: "Read the hive file as it is: do not replay its transaction logs (.LOG, .LOG1, .LOG2) in memory first.")
    var noLogs = false

    var openOptions: Hive.OpenOptions { noLogs ? [.ignoreLogs] : [] }
}

extension OutputFormat: ExpressibleByArgument {}

/// The `--format` option of commands that print text or JSON.
struct FormatOption: ParsableArguments {
    @Option(help: "Output format.")
    var format: OutputFormat = .text
}
