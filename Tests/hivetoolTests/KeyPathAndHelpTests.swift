import Foundation
import Testing
import TestSupport

/// Key paths as Windows shows them (HKCU\..., HKLM\SOFTWARE\..., '/' separators), and help text that
/// can be copied: issue 17, item 7.
@Suite("Key paths and help")
struct KeyPathAndHelpTests {
    static let agents = #"Wow6432Node\KVS\Enterprise Vault\Agents"#

    @Test("A mount-point prefix or '/' separators find the same key", arguments: [
        ("NTUSER.DAT", #"Software\Microsoft"#, #"HKCU\Software\Microsoft"#),
        ("NTUSER.DAT", #"Software\Microsoft"#, #"HKEY_CURRENT_USER\SOFTWARE\microsoft"#),
        ("NTUSER.DAT", #"Software\Microsoft"#, "Software/Microsoft"),
        ("NTUSER.DAT", #"Software\Microsoft"#, "HKCU/Software/Microsoft/"),
        ("NTUSER.DAT", "", "HKCU"),
        ("SOFTWARE", agents, #"HKLM\SOFTWARE\"# + agents),
        ("SOFTWARE", agents, #"HKEY_LOCAL_MACHINE\SOFTWARE\"# + agents),
    ])
    func prefixedPathsFindTheSameKey(sample: String, plain: String, prefixed: String) throws {
        let hive = Fixtures.sample(sample)
        let expected = try CLI.run(["ls", "--format", "json", hive] + (plain.isEmpty ? [] : [plain]))
        expected.expectQuietSuccess()
        let outcome = try CLI.run("ls", "--format", "json", hive, prefixed)
        outcome.expectQuietSuccess()
        #expect(outcome.stdout == expected.stdout)
        if sample == "SOFTWARE" {
            let value = try CLI.run("get", hive, prefixed, "ProfileExpire")
            let plainValue = try CLI.run("get", hive, plain, "ProfileExpire")
            #expect(value.status == 0 && value.stdout == plainValue.stdout, "\(value)")
        }
    }

    @Test func anotherHivesPrefixSaysWhichKindThisHiveIs() throws {
        let outcome = try CLI.run("ls", Fixtures.sample("NTUSER.DAT"), #"HKLM\SOFTWARE\Microsoft"#)
        outcome.expectError(64, containing: [#"HKLM\SOFTWARE is where Windows mounts a software hive"#, "this is a user hive", "e.g. Microsoft"])
        let system = try CLI.run("get", Fixtures.sample("SOFTWARE"), #"HKLM\SYSTEM\Select"#, "Current")
        system.expectError(64, containing: ["mounts a system hive", "this is a software hive"])
        let hardware = try CLI.run("ls", Fixtures.sample("SOFTWARE"), #"HKLM\HARDWARE"#)
        hardware.expectError(64, containing: ["HKLM is not the root of a hive file"])
    }

    @Test func aKeyThatIsNotThereIsStillNotFound() throws {
        let outcome = try CLI.run("ls", Fixtures.sample("NTUSER.DAT"), #"HKCU\Software\NoSuchVendor"#)
        outcome.expectError(1, containing: ["key not found"])
    }

    static let commands = ["", "list-profiles", "scan", "deleted", "outlook", "info", "ls", "get", "get-expire", "set-expire", "restore",
                           "unmark", "purge", "delete-profile", "recover"]

    /// ArgumentParser wraps discussion text at 80 columns; an example line it wrapped would start at
    /// column 0 and no longer paste into a shell.
    @Test func exampleLinesAreNotWrapped() throws {
        for command in Self.commands {
            let outcome = try CLI.run(["help"] + (command.isEmpty ? [] : [command]))
            #expect(outcome.status == 0, "\(outcome)")
            var inExamples = false
            var examples = 0
            for line in outcome.stdout.split(separator: "\n", omittingEmptySubsequences: false) {
                if line == "Examples:" || line == "Example:" { inExamples = true; continue }
                if line.isEmpty { inExamples = false; continue }
                guard inExamples else { continue }
                examples += 1
                #expect(line.hasPrefix("  "), "hivetool help \(command): a wrapped example line: \(line)")
            }
            #expect(examples > 0, "hivetool help \(command) has no examples")
        }
    }

    @Test func helpForEveryCommandExitsZero() throws {
        for command in Self.commands.dropFirst() + ["help", "scan-worker"] {
            let outcome = try CLI.run("help", command)
            #expect(outcome.status == 0, "help \(command)")
        }
    }
}
