import Foundation
import Testing
import TestSupport

/// The README's usage table is true: every option it shows for a command is one that command takes,
/// every `--format` value it lists is one the command names, and every command is in the table.
@Suite("README usage table")
struct ReadmeOptionTests {
    struct Usage: Sendable, CustomTestStringConvertible {
        var command: String
        var options: [String]
        var formats: [String]
        var testDescription: String { "hivetool \(command)" }
    }

    /// The lines of the README's first code block after `## Usage` that start with `hivetool `,
    /// with `[edit options]` expanded from the README's "Edit options:" line.
    static let usages: [Usage] = {
        guard let readme = try? String(contentsOf: Fixtures.projectRoot.appendingPathComponent("README.md"), encoding: .utf8) else { return [] }
        let lines = readme.components(separatedBy: "\n")
        let editLine = lines.first { $0.hasPrefix("Edit options: ") } ?? ""
        let editOptions = options(in: editLine)
        guard let usage = lines.firstIndex(of: "## Usage"),
              let open = lines[usage...].firstIndex(where: { $0.hasPrefix("```") }),
              let close = lines[(open + 1)...].firstIndex(where: { $0.hasPrefix("```") }) else { return [] }
        return lines[(open + 1)..<close].filter { $0.hasPrefix("hivetool ") }.map { line in
            let words = line.split(separator: " ")
            var formats: [String] = []
            if let range = line.range(of: #"--format [a-z|]+"#, options: .regularExpression) {
                formats = line[range].dropFirst("--format ".count).split(separator: "|").map(String.init)
            }
            return Usage(command: String(words[1]), options: options(in: line) + (line.contains("[edit options]") ? editOptions : []),
                         formats: formats)
        }
    }()

    static func options(in text: String) -> [String] {
        let expression = try! NSRegularExpression(pattern: #"(?<![A-Za-z-])--[a-z][a-z-]*"#)
        let matches = expression.matches(in: text, range: NSRange(text.startIndex..., in: text))
        return matches.map { String(text[Range($0.range, in: text)!]) }
    }

    @Test func theTableWasFound() {
        #expect(Self.usages.count >= 12, "README's usage table not found or shorter than expected")
        #expect(Self.usages.contains { $0.options.contains("--apply-logs") }, "[edit options] not expanded")
    }

    @Test("Each documented option and format value exists on its command", arguments: usages)
    func documentedOptionsExist(_ usage: Usage) throws {
        let help = try CLI.run("help", usage.command)
        #expect(help.status == 0, "\(help)")
        let optionsSection = help.stdout.components(separatedBy: "\nOPTIONS:\n").last ?? ""
        for option in usage.options {
            let listed = optionsSection.contains("  \(option) ") || optionsSection.contains(", \(option) ") || optionsSection.contains("  \(option)\n")
            #expect(listed,
                    "README shows \(option) for hivetool \(usage.command), whose help does not list it")
        }
        let words = Set(help.stdout.components(separatedBy: CharacterSet.alphanumerics.inverted))
        for format in usage.formats {
            let named = words.contains(format)
            #expect(named, "README lists --format \(format) for hivetool \(usage.command), whose help does not")
        }
    }

    @Test func everyCommandIsInTheTable() throws {
        let help = try CLI.run("--help")
        let listed = help.stdout.components(separatedBy: "\nSUBCOMMANDS:\n").last?.split(separator: "\n")
            .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
            .compactMap { $0.split(separator: " ").first.map(String.init) } ?? []
        #expect(listed.count >= 12)
        for command in listed where command != "See" {
            #expect(Self.usages.contains { $0.command == command }, "hivetool \(command) is missing from the README's usage table")
        }
    }
}
