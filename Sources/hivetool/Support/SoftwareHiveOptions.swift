import ArgumentParser
import FoundationEssentials
import HivetoolKit

/// Where the SOFTWARE hive comes from: the argument, `--windows-root`, or `HIVETOOL_SOFTWARE`.
struct SoftwareHiveOptions: ParsableArguments {
    @Argument(help: "The SOFTWARE hive (default: from --windows-root, else $HIVETOOL_SOFTWARE).")
    var hive: String?

    @Option(help: "Root of a mounted Windows volume; the hive is its Windows/System32/config/SOFTWARE (any case).")
    var windowsRoot: String?

    /// The hive path, or a usage error when nothing names one.
    func resolve() throws -> String {
        guard let path = try SoftwareHiveLocator.locate(argument: hive, windowsRoot: windowsRoot, environment: ProcessInfo.processInfo.environment) else {
            throw ValidationError("no SOFTWARE hive: pass HIVE, --windows-root DIR, or set \(SoftwareHiveLocator.environmentVariable)")
        }
        return path
    }
}
