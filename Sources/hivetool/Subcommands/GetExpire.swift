import ArgumentParser
import FoundationEssentials
import Hivex
import HivetoolKit

extension Hivetool {
    struct GetExpire: PlainParsable {
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
        @OptionGroup var unsafeOption: UnsafeOption

        static let plainSyntax = PlainCommandLine.Syntax(flags: LogOptions.plainFlags.union(UnsafeOption.plainFlags), options: ["--format", "--windows-root"],
                                                         positionalCount: 0...1)

        static func command(plain line: PlainCommandLine) -> Self? {
            guard let formatOption = FormatOption.plain(line) else { return nil }
            var command = Self()
            command.source = .plain(line)
            command.formatOption = formatOption
            command.logOptions = .plain(line)
            command.unsafeOption = .plain(line)
            return command
        }

        func run() throws {
            try Console.run {
                let path = try source.resolve()
                MappedReadFailure.reading(path)
                let hive = try Hive(path: path, options: logOptions.openOptions.union(unsafeOption.openOptions))
                Console.warnIfUnsafe(unsafeOption.unsafe, path: hive.path)
                var report = try ProfileExpireReport(hive: hive)
                if unsafeOption.unsafe {
                    report.unsafe = true
                    report.problems = HiveRecord.unsafeProblems(of: hive)
                }
                Console.warnIfDirty(report.hive)
                switch formatOption.format {
                case .text:
                    var output = StandardOutput()
                    report.writeText(to: &output)
                case .json:
                    try Console.printJSON(report)
                }
                if !report.problems.isEmpty {
                    Console.warn("hivetool: \(hive.path): hive is corrupt: unsafe mode skipped \(report.problems.count) part(s); the report may be incomplete")
                    throw ExitCode(ExitStatus.badHive.rawValue)
                }
            }
        }
    }
}
