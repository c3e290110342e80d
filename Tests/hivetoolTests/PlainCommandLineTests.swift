import ArgumentParser
import Foundation
@testable import hivetool
import Testing

/// The read commands' plain command lines are read by `PlainCommandLine`, not ArgumentParser (start-up
/// cost): both readers must make the same command of every line the plain one reads, and its names
/// must be the options ArgumentParser knows.
@Suite("Plain command lines")
struct PlainCommandLineTests {
    /// What `--experimental-dump-help` says of one command's arguments (the part these tests use).
    struct Argument: Decodable {
        struct Name: Decodable { var kind: String; var name: String }
        var kind: String
        var names: [Name]?
        var isOptional: Bool
        var allValues: [String]?
        var longName: String? { names?.first(where: { $0.kind == "long" }).map { "--" + $0.name } }
    }
    struct Command: Decodable {
        var commandName: String
        var arguments: [Argument]?
        var subcommands: [Command]?
    }
    struct Dump: Decodable { var command: Command }

    static let commandNames = Hivetool.plainParsableCommands.compactMap { $0.configuration.commandName }

    /// ArgumentParser's description of `name`'s arguments, `--help` and `--version` left out.
    static func argumentParserArguments(of name: String) throws -> [Argument] {
        let dump = try JSONDecoder().decode(Dump.self, from: Data(Hivetool._dumpHelp().utf8))
        let command = try #require(dump.command.subcommands?.first(where: { $0.commandName == name }))
        return (command.arguments ?? []).filter { $0.longName != "--help" && $0.longName != "--version" }
    }

    static func syntax(of name: String) throws -> PlainCommandLine.Syntax {
        try #require(Hivetool.plainParsableCommands.first(where: { $0.configuration.commandName == name })).plainSyntax
    }

    /// The command ArgumentParser makes of `arguments`, nil when it refuses them.
    static func argumentParserCommand(_ arguments: [String]) -> (any ParsableCommand)? {
        try? Hivetool.parseAsRoot(arguments)
    }

    /// Everything a command holds, property wrappers' state included (an unset one shows as a definition).
    static func contents(_ command: any ParsableCommand) -> String {
        var text = ""
        dump(command, to: &text)
        return text
    }

    @Test("The plain names are the options ArgumentParser knows", arguments: commandNames)
    func namesMatch(_ name: String) throws {
        let arguments = try Self.argumentParserArguments(of: name)
        let syntax = try Self.syntax(of: name)
        #expect(syntax.flags == Set(arguments.filter { $0.kind == "flag" }.compactMap(\.longName)))
        #expect(syntax.options == Set(arguments.filter { $0.kind == "option" }.compactMap(\.longName)))
        let positionals = arguments.filter { $0.kind == "positional" }
        #expect(syntax.positionalCount == positionals.filter { !$0.isOptional }.count...positionals.count)
        #expect(arguments.allSatisfy { $0.kind == "positional" || $0.longName != nil })
    }

    /// Every line of `name` made of its positionals (paths, an empty word, words that are command
    /// names or start with a combining mark after "-"), any set of its flags and each value of each
    /// option, in three orders and both option spellings.
    static func plainLines(of name: String) throws -> [[String]] {
        let arguments = try argumentParserArguments(of: name)
        let syntax = try syntax(of: name)
        let flags = syntax.flags.sorted()
        var optionChoices: [[(name: String, value: String)]] = [[]]
        for option in arguments.filter({ $0.kind == "option" }) {
            let values = option.allValues ?? ["/mnt/windows"]
            optionChoices = optionChoices.flatMap { chosen in [chosen] + values.map { chosen + [(option.longName!, $0)] } }
        }
        let positionalSets = [["C:\\evidence\\NTUSER.DAT", "Software\\Microsoft", "", "=x"], ["help", "ls", "-\u{301}x"]]
            .flatMap { words in syntax.positionalCount.map { Array(words.prefix($0)) } }
        var lines: [[String]] = []
        for positionals in positionalSets {
            for flagSet in 0..<(1 << flags.count) {
                let chosenFlags = flags.indices.filter { flagSet & (1 << $0) != 0 }.map { flags[$0] }
                for chosenOptions in optionChoices {
                    let spaced = chosenOptions.flatMap { [$0.name, $0.value] }
                    let joined = chosenOptions.map { "\($0.name)=\($0.value)" }
                    lines.append([name] + positionals + chosenFlags + spaced)
                    lines.append([name] + joined + chosenFlags.reversed() + positionals)
                    lines.append([name] + chosenFlags + positionals.prefix(1) + spaced + positionals.dropFirst())
                }
            }
        }
        return lines
    }

    @Test("Both readers make the same command of every plain line", arguments: commandNames)
    func sameCommands(_ name: String) throws {
        let lines = try Self.plainLines(of: name)
        for line in lines {
            let plain = try #require(Hivetool.plainCommand(line), "the plain reader gave up on \(line)")
            let parsed = try #require(Self.argumentParserCommand(line), "ArgumentParser refused \(line)")
            #expect(Self.contents(plain) == Self.contents(parsed), "\(line)")
        }
    }

    @Test("Anything else is left to ArgumentParser", arguments: [
        ["list-profiles"],
        ["list-profiles", "--help"],
        ["list-profiles", "-h", "NTUSER.DAT"],
        ["list-profiles", "--version"],
        ["list-profiles", "--", "NTUSER.DAT"],
        ["list-profiles", "-", "NTUSER.DAT"],
        ["list-profiles", "--no-deleted", "--no-deleted", "NTUSER.DAT"],
        ["list-profiles", "--format", "xml", "NTUSER.DAT"],
        ["list-profiles", "--format=xml", "NTUSER.DAT"],
        ["list-profiles", "--format=", "NTUSER.DAT"],
        ["list-profiles", "--format", "json", "--format", "csv", "NTUSER.DAT"],
        ["list-profiles", "NTUSER.DAT", "--format"],
        ["list-profiles", "--format", "--no-deleted", "NTUSER.DAT"],
        ["list-profiles", "--no-deleted=true", "NTUSER.DAT"],
        ["list-profiles", "--bogus", "NTUSER.DAT"],
        ["list-profiles", "-NTUSER.DAT"],
        ["list-profiles", "NTUSER.DAT", "extra"],
        ["info", "--format", "csv", "NTUSER.DAT"],
        ["get", "SOFTWARE"],
        ["get", "SOFTWARE", "Key", "Value", "extra"],
        ["get-expire", "--windows-root", "--unsafe"],
        ["get-expire", "--windows-root=", "SOFTWARE"],
        ["get-expire", "SOFTWARE", "extra"],
        ["set-expire", "1", "SOFTWARE"],
        ["scan", "evidence"],
        ["help", "list-profiles"],
        [],
    ])
    func givesUp(_ line: [String]) {
        #expect(Hivetool.plainCommand(line) == nil)
    }

    @Test("A random line is read the same or left to ArgumentParser", arguments: commandNames)
    func randomLines(_ name: String) throws {
        let syntax = try Self.syntax(of: name)
        let vocabulary = syntax.flags.sorted() + syntax.options.sorted() + syntax.options.sorted().map { $0 + "=json" } + syntax.options.sorted().map { $0 + "=" }
            + ["text", "json", "csv", "HIVE", "Key", "", "-", "--", "-h", "--help", "--version", "--bogus", "=", "--format=", "-x"]
        var generator = SplitMix64(seed: UInt64(name.utf8.reduce(0) { $0 &* 31 &+ UInt64($1) }))
        var read = 0
        for _ in 0..<1000 {
            let line = [name] + (0..<Int.random(in: 0...5, using: &generator)).map { _ in vocabulary.randomElement(using: &generator)! }
            guard let plain = Hivetool.plainCommand(line) else { continue }
            read += 1
            let parsed = try #require(Self.argumentParserCommand(line), "ArgumentParser refused \(line), which the plain reader read")
            #expect(Self.contents(plain) == Self.contents(parsed), "\(line)")
        }
        #expect(read > 20, "too few random lines were plain to test anything")
    }
}
