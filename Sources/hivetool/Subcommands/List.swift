import ArgumentParser
import Hivex
import HivetoolKit

extension Hivetool {
    struct List: PlainParsable {
        static let configuration = CommandConfiguration(
            commandName: "ls",
            abstract: "List a key's subkeys and values.",
            discussion: """
                KEY is a backslash path below the hive's root, in any letter case; the root when omitted.

                Example:
                  hivetool ls NTUSER.DAT 'Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles'
                  hivetool ls NTUSER.DAT 'HKCU/Software/Microsoft/Office'
                """
        )

        @OptionGroup var hiveOptions: HiveOptions
        @Argument(help: "The key path below the hive's root (\\ or / separated, any case); HKCU\\..., HKLM\\SOFTWARE\\... and the like also work.")
        var key: String = ""
        @OptionGroup var formatOption: FormatOption

        static let plainSyntax = PlainCommandLine.Syntax(flags: HiveOptions.plainFlags, options: ["--format"], positionalCount: 1...2)

        static func command(plain line: PlainCommandLine) -> Self? {
            guard let formatOption = FormatOption.plain(line) else { return nil }
            var command = Self()
            command.hiveOptions = .plain(hive: line.positionals[0], line)
            command.key = line.positional(1) ?? ""
            command.formatOption = formatOption
            return command
        }

        func run() throws {
            try Console.run {
                let hive = try Console.open(hiveOptions)
                let listing = try KeyListing(hive: hive, keyPath: try HiveKeyPath.relative(key, in: hive))
                Console.warnIfDirty(listing.hive)
                switch formatOption.format {
                case .text:
                    var output = StandardOutput()
                    listing.writeListing(to: &output)
                case .json:
                    try Console.printJSON(listing)
                }
                try Console.finishUnsafeRead(hive, hiveOptions)
            }
        }
    }
}
