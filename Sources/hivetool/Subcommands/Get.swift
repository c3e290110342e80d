import ArgumentParser
import Hivex
import HivetoolKit

extension Hivetool {
    struct Get: PlainParsable {
        static let configuration = CommandConfiguration(
            commandName: "get",
            abstract: "Print a value's data, or every value of a key.",
            discussion: """
                With VALUE, text output is the data alone: a string as is, REG_MULTI_SZ one item per line, \
                numbers in decimal, binary as hex. Pass "" for the key's default value.

                Example:
                  hivetool get SOFTWARE 'Wow6432Node\\KVS\\Enterprise Vault\\Agents' ProfileExpire
                """
        )

        @OptionGroup var hiveOptions: HiveOptions
        @Argument(help: "The key path below the hive's root (\\ or / separated, any case); HKCU\\..., HKLM\\SOFTWARE\\... and the like also work.")
        var key: String
        @Argument(help: "The value name (case-insensitive); every value of the key when omitted.")
        var value: String?
        @OptionGroup var formatOption: FormatOption

        static let plainSyntax = PlainCommandLine.Syntax(flags: HiveOptions.plainFlags, options: ["--format"], positionalCount: 2...3)

        static func command(plain line: PlainCommandLine) -> Self? {
            guard let formatOption = FormatOption.plain(line) else { return nil }
            var command = Self()
            command.hiveOptions = .plain(hive: line.positionals[0], line)
            command.key = line.positionals[1]
            command.value = line.positional(2)
            command.formatOption = formatOption
            return command
        }

        func run() throws {
            try Console.run {
                let hive = try Console.open(hiveOptions)
                let listing = try KeyListing(hive: hive, keyPath: try HiveKeyPath.relative(key, in: hive), includeSubkeys: false, valueName: value)
                Console.warnIfDirty(listing.hive)
                switch formatOption.format {
                case .text:
                    var output = StandardOutput()
                    listing.writeValuesText(to: &output, single: value != nil)
                case .json:
                    try Console.printJSON(listing)
                }
                try Console.finishUnsafeRead(hive, hiveOptions)
            }
        }
    }
}
