import ArgumentParser
import Hivex
import HivetoolKit

extension Hivetool {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ls",
            abstract: "List a key's subkeys and values.",
            discussion: """
                KEY is a backslash path below the hive's root, in any letter case; the root when omitted.

                Example:
                  hivetool ls NTUSER.DAT 'Software\\Microsoft\\Windows NT\\CurrentVersion\\Windows Messaging Subsystem\\Profiles'
                """
        )

        @OptionGroup var hiveOptions: HiveOptions
        @Argument(help: "The key path (backslash-separated, case-insensitive).")
        var key: String = ""
        @OptionGroup var formatOption: FormatOption

        func run() throws {
            try Console.run {
                let hive = try Console.open(hiveOptions)
                let listing = try KeyListing(hive: hive, keyPath: key)
                Console.warnIfDirty(listing.hive)
                switch formatOption.format {
                case .text:
                    var output = StandardOutput()
                    listing.writeListing(to: &output)
                case .json:
                    try Console.printJSON(listing)
                }
            }
        }
    }
}
