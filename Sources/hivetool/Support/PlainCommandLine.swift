import ArgumentParser
import HivetoolKit

/// A command line in the plain form nearly every run of a read command has, read without
/// ArgumentParser: long names (`--flag`, `--option value`, `--option=value`) and positionals.
///
/// ArgumentParser learns a command's options by reflecting on its types at every start, and that
/// costs more than reading a user hive: half of `list-profiles`' instructions on a 2.6 MB hive
/// (BENCHMARKS.md). So the read commands (``PlainParsable``) also say their names here, and
/// ``Hivetool/main()`` tries this reader first. It gives up on anything else: help, short names,
/// `--`, an unknown or repeated name, a missing or bad value, a positional too many or too few.
/// ArgumentParser then reads the line and says what is wrong, so errors and help stay its own.
/// `PlainCommandLineTests` holds both readers to the same commands, and the names here to the
/// options ArgumentParser knows.
struct PlainCommandLine {
    /// The names a command takes.
    struct Syntax: Sendable {
        /// Long flag names, with their dashes.
        var flags: Set<String>
        /// Long option names, each taking one value.
        var options: Set<String>
        /// How many positionals the command takes.
        var positionalCount: ClosedRange<Int>
    }

    private var flags: Set<String> = []
    private var options: [String: String] = [:]
    /// The positionals, in order: as many as the syntax's `positionalCount` allows, so a command
    /// indexes the ones it requires and asks ``positional(_:)`` for the optional ones.
    private(set) var positionals: [String] = []

    /// Reads `words` by `syntax`; nil unless every word is one of its names, each used once, or a
    /// positional that does not start with "-". An option's value is the next word, which must not
    /// start with "-", or what follows its "=", which must not be empty.
    init?(_ words: ArraySlice<String>, syntax: Syntax) {
        var index = words.startIndex
        while index < words.endIndex {
            let word = words[index]
            index += 1
            if !word.hasPrefix("-") {
                positionals.append(word)
            } else if let equals = word.firstIndex(of: "=") {
                let name = String(word[..<equals]), value = String(word[word.index(after: equals)...])
                // ArgumentParser reads `--name=` as `--name` without its value and takes the next word.
                guard syntax.options.contains(name), options[name] == nil, !value.isEmpty else { return nil }
                options[name] = value
            } else if syntax.options.contains(word) {
                guard options[word] == nil, index < words.endIndex, !words[index].hasPrefix("-") else { return nil }
                options[word] = words[index]
                index += 1
            } else if syntax.flags.contains(word), !flags.contains(word) {
                flags.insert(word)
            } else {
                return nil
            }
        }
        guard syntax.positionalCount.contains(positionals.count) else { return nil }
    }

    /// Whether the line has the flag `name`.
    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The value of option `name`, nil when absent.
    func option(_ name: String) -> String? { options[name] }

    /// The value of option `name` read as `T`, `defaultValue` when the option is absent; nil when `T`
    /// does not accept the value.
    func value<T: ExpressibleByArgument>(of name: String, default defaultValue: T) -> T? {
        guard let text = options[name] else { return defaultValue }
        return T(argument: text)
    }

    /// The positional at `index`, nil past the last.
    func positional(_ index: Int) -> String? {
        index < positionals.count ? positionals[index] : nil
    }
}

/// A command whose plain command lines hivetool reads itself (``PlainCommandLine``).
protocol PlainParsable: ParsableCommand {
    /// The names the command takes: the same as its ArgumentParser properties, `--help` aside.
    static var plainSyntax: PlainCommandLine.Syntax { get }
    /// The command `line` asks for; nil when a value is not one the command accepts. ArgumentParser
    /// would also run each option group's `validate()`: a group that gains one must have it called
    /// here (none has one). The command's own `validate()` is run by ``Hivetool/plainCommand(_:)``;
    /// when it fails, ArgumentParser reads the line and runs it again to report the error.
    ///
    /// A factory, not an initializer: in an initializer, Swift assigns a property wrapper that has an
    /// initial value by making a new wrapper, which ArgumentParser reads as a definition, not a value.
    static func command(plain line: PlainCommandLine) -> Self?
}

extension Hivetool {
    /// The commands read by ``PlainCommandLine`` first.
    static let plainParsableCommands: [any PlainParsable.Type] = [
        ListProfiles.self, Outlook.self, Deleted.self, Info.self, List.self, Get.self, GetExpire.self,
    ]

    /// The command `arguments` (without the program name) ask for, when they are a plain command line
    /// of a ``PlainParsable`` command that passes its `validate()`; nil for ArgumentParser to read.
    static func plainCommand(_ arguments: [String]) -> (any ParsableCommand)? {
        guard let name = arguments.first,
              let type = plainParsableCommands.first(where: { $0.configuration.commandName == name }),
              let line = PlainCommandLine(arguments.dropFirst(), syntax: type.plainSyntax),
              var command = type.command(plain: line),
              (try? command.validate()) != nil
        else { return nil }
        return command
    }
}

extension HiveOptions {
    /// The flags of ``HiveOptions``.
    static let plainFlags = UnsafeOption.plainFlags.union(LogOptions.plainFlags)

    /// The options for `hive`, with `line`'s flags.
    static func plain(hive: String, _ line: PlainCommandLine) -> Self {
        var options = Self()
        options.hive = hive
        options.unsafe = line.flag("--unsafe")
        options.logOptions = .plain(line)
        return options
    }
}

extension UnsafeOption {
    /// The flag of ``UnsafeOption``.
    static let plainFlags: Set<String> = ["--unsafe"]

    /// `--unsafe`, from `line`.
    static func plain(_ line: PlainCommandLine) -> Self {
        var option = Self()
        option.unsafe = line.flag("--unsafe")
        return option
    }
}

extension LogOptions {
    /// The flags of ``LogOptions``.
    static let plainFlags: Set<String> = ["--no-logs"]

    /// `--no-logs`, from `line`.
    static func plain(_ line: PlainCommandLine) -> Self {
        var options = Self()
        options.noLogs = line.flag("--no-logs")
        return options
    }
}

extension FormatOption {
    /// `--format` from `line`; nil when its value is not a format.
    static func plain(_ line: PlainCommandLine) -> Self? {
        guard let format = line.value(of: "--format", default: OutputFormat.text) else { return nil }
        var option = Self()
        option.format = format
        return option
    }
}

extension SoftwareHiveOptions {
    /// The hive argument and `--windows-root`, from `line`.
    static func plain(_ line: PlainCommandLine) -> Self {
        var options = Self()
        options.hive = line.positional(0)
        options.windowsRoot = line.option("--windows-root")
        return options
    }
}
