import Foundation
import Testing
import TestSupport

/// A key or value that does not exist exits 1 with one line naming the hive and the key path.
@Suite("Missing keys and values")
struct NotFoundTests {
    @Test("ls of a missing key exits 1", arguments: [[], ["--format", "json"]])
    func lsMissingKey(_ format: [String]) throws {
        let outcome = try CLI.run(["ls"] + format + ["samples/NTUSER.DAT", #"Software\Nope\Deeper"#])
        outcome.expectError(1, containing: ["samples/NTUSER.DAT", #"Software\Nope\Deeper"#])
        #expect(outcome.stderr == "hivetool: samples/NTUSER.DAT: key not found (key Software\\Nope\\Deeper)\n")
        #expect(outcome.stdout.isEmpty, "\(outcome)")
    }

    @Test("get of a missing value exits 1", arguments: [[], ["--format", "json"]])
    func getMissingValue(_ format: [String]) throws {
        let outcome = try CLI.run(["get"] + format + ["samples/SOFTWARE", #"Wow6432Node\KVS\Enterprise Vault\Agents"#, "NoSuchValue"])
        outcome.expectError(1, containing: ["samples/SOFTWARE", #"Wow6432Node\KVS\Enterprise Vault\Agents"#, "NoSuchValue"])
        #expect(outcome.stderr == #"hivetool: samples/SOFTWARE: value "NoSuchValue" not found (key Wow6432Node\KVS\Enterprise Vault\Agents)"# + "\n")
        #expect(outcome.stdout.isEmpty, "\(outcome)")
    }

    @Test("get under a missing key exits 1")
    func getMissingKey() throws {
        let outcome = try CLI.run("get", "samples/SOFTWARE", #"Wow6432Node\KVS\Missing"#, "ProfileExpire")
        outcome.expectError(1, containing: ["samples/SOFTWARE", #"Wow6432Node\KVS\Missing"#])
        #expect(outcome.stderr == "hivetool: samples/SOFTWARE: key not found (key Wow6432Node\\KVS\\Missing)\n")
        #expect(outcome.stdout.isEmpty, "\(outcome)")
    }
}
