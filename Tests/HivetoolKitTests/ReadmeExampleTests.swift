import Foundation
import Hivex
import HivetoolKit
import Testing
import TestSupport

/// The README's "Use as a library" example is this file's code between the markers: the test fails
/// when they differ, so the README's example always compiles (here) and runs (below).
@Suite struct ReadmeExampleTests {
    func readmeExample() throws -> [String] {
        var printed: [String] = []
        func print(_ items: Any...) { printed.append(items.map { "\($0)" }.joined(separator: " ")) }
        // README example begins
        let hive = try Hive(path: "samples/NTUSER.DAT")
        let inventory = try ProfileInventory(hive: hive)  // what was read; ProfileReport adds the hive record
        for profile in inventory.profiles where profile.status == .markedForDeletion {
            print(profile.name, "is marked for deletion in", profile.markedIn)
        }
        for file in inventory.profiles.flatMap(\.dataFiles) {
            print(file.kind, file.path)
        }
        print("SHA-256:", try FileDigest.sha256(path: hive.path), "problems:", inventory.problems.count)
        // README example ends
        return printed
    }

    /// The lines between the markers, without their indentation.
    static func exampleLines(of text: String, from start: String, to end: String) -> [String] {
        let lines = text.components(separatedBy: "\n")
        guard let first = lines.firstIndex(where: { $0.contains(start) }),
              let last = lines[first...].firstIndex(where: { $0.contains(end) }) else { return [] }
        let body = lines[(first + 1)..<last]
        let indent = body.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { $0.prefix { $0 == " " }.count }.min() ?? 0
        return body.map { String($0.dropFirst(min(indent, $0.count))) }
    }

    @Test func theReadmeShowsThisExampleVerbatim() throws {
        let readme = try String(contentsOfFile: Fixtures.projectRoot.appendingPathComponent("README.md").path, encoding: .utf8)
        let source = try String(contentsOfFile: #filePath, encoding: .utf8)
        let inReadme = Self.exampleLines(of: readme, from: "<!-- library example begins", to: "<!-- library example ends")
            .filter { !$0.hasPrefix("```") && !$0.hasPrefix("import ") && !$0.isEmpty }
        let inTest = Self.exampleLines(of: source, from: "// README example begins", to: "// README example ends")
        #expect(!inTest.isEmpty)
        #expect(inReadme == inTest, "update the README's library example to match ReadmeExampleTests")
    }

    @Test func theExampleRunsOnTheSample() throws {
        guard FileManager.default.currentDirectoryPath == Fixtures.projectRoot.path else {
            Issue.record("swift test runs in the package root; the example uses a relative path")
            return
        }
        let printed = try readmeExample()
        #expect(printed.contains("EVTemp-0001 is marked for deletion in [\"Deleted Profiles1A2B3C4D\"]"), "\(printed)")
        #expect(printed.contains { $0.hasPrefix("pst ") })
        #expect(printed.last == "SHA-256: 38a4eeeb670fb605b9b5108d76fac305b6199f89a6e9f9c3c3c6c8a6bc744bcb problems: 0")
    }
}
