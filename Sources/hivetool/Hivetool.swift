import ArgumentParser
import HivetoolKit

/// The root command. Every command spells out its `commandName`: ArgumentParser would otherwise
/// derive it with `String(describing:)` of the type, whose protocol-conformance lookups cost most of
/// the start-up time.
@main
struct Hivetool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hivetool",
        abstract: "Read and safely edit offline Windows registry hives: MAPI profiles, Enterprise Vault settings.",
        discussion: """
            Reading never changes a hive: files are opened read-only.

            Examples:
              hivetool info NTUSER.DAT
              hivetool outlook NTUSER.DAT
              hivetool ls NTUSER.DAT 'Software\\Microsoft\\Office\\16.0\\Outlook'
              hivetool get SOFTWARE 'Wow6432Node\\KVS\\Enterprise Vault\\Agents' ProfileExpire

            \(ExitStatus.helpText)
            """,
        version: HivetoolVersion.description,
        subcommands: [ListProfiles.self, Scan.self, Deleted.self, Outlook.self, Info.self, List.self, Get.self, GetExpire.self, SetExpire.self,
                      Restore.self, Unmark.self, Purge.self, DeleteProfile.self, Recover.self, ScanWorker.self]
    )

    /// Runs the command line; `hivetool help NOSUCH` is a usage error (64), where ArgumentParser
    /// would show the overview and exit 0. `--version` and the plain command lines of the read
    /// commands (``PlainCommandLine``) are read without ArgumentParser's reflection.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments == ["--version"] {
            var output = StandardOutput()
            output.write(configuration.version + "\n")
            return
        }
        if var command = plainCommand(arguments) {
            do {
                try command.run()
            } catch {
                exit(withError: error)
            }
            return
        }
        if arguments.first == "help", arguments.count > 1, !arguments[1].hasPrefix("-") {
            var names: [String] = [], shown: [String] = []
            for command in configuration.subcommands {
                names.append(command._commandName)
                if command.configuration.shouldDisplay { shown.append(command._commandName) }
            }
            if !names.contains(arguments[1]) && arguments[1] != "help" {
                exit(withError: ValidationError("no help topic \"\(arguments[1])\": the commands are \(shown.joined(separator: ", "))"))
            }
        }
        main(arguments)
    }
}
