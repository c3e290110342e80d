import ArgumentParser
import HivetoolKit

extension Hivetool {
    struct Info: PlainParsable {
        static let configuration = CommandConfiguration(
            commandName: "info",
            abstract: "Show a hive's base block, dirty state and logs, SHA-256, and key and value counts.",
            discussion: """
                A hive whose walk meets damage (a looping or unreadable subkey list) is still described; \
                the problems are listed and the exit code is 65.

                Examples:
                  hivetool info NTUSER.DAT
                  hivetool info --format json --no-logs SYSTEM
                """
        )

        @OptionGroup var hiveOptions: HiveOptions
        @OptionGroup var formatOption: FormatOption

        static let plainSyntax = PlainCommandLine.Syntax(flags: HiveOptions.plainFlags, options: ["--format"], positionalCount: 1...1)

        static func command(plain line: PlainCommandLine) -> Self? {
            guard let formatOption = FormatOption.plain(line) else { return nil }
            var command = Self()
            command.hiveOptions = .plain(hive: line.positionals[0], line)
            command.formatOption = formatOption
            return command
        }

        func run() throws {
            try Console.run {
                let hive = try Console.open(hiveOptions)
                Console.warnIfUnsafe(hiveOptions)
                let hashingLogs = formatOption.format == .json  // the text form shows no log hash
                let info = try hiveOptions.unsafe ? HiveInfo(unsafeHive: hive, hashingLogs: hashingLogs)
                                                  : HiveInfo(hive: hive, hashingLogs: hashingLogs)
                switch formatOption.format {
                case .text:
                    var output = StandardOutput()
                    info.writeText(to: &output)
                case .json:
                    try Console.printJSON(info)
                }
                if !info.problems.isEmpty {
                    Console.warn("hivetool: \(hive.path): hive is corrupt: the walk stopped at \(info.problems.count) place(s); counts are incomplete")
                    throw ExitCode(ExitStatus.badHive.rawValue)
                }
            }
        }
    }
}
