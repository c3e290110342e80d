import Foundation
import Testing
import TestSupport

/// Every file of `../shared/hives/corrupt` through every read command (skipped when the folder is absent).
@Suite("Shared corrupt hives", .enabled(if: Fixtures.hasSharedHives, "../shared/hives is absent (a user's clone does not have it)"))
struct SharedCorruptHiveTests {
    /// The names in `corrupt/`, read when the tests are discovered.
    static let names: [String] = {
        guard let root = Fixtures.sharedHives else { return [] }
        return ((try? FileManager.default.contentsOfDirectory(atPath: root + "/corrupt")) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }()

    /// What the error line says for the files SOURCES.md describes; any other file must still be refused.
    static let messages: [String: String] = [
        "NotAHive": "no 'regf' signature",
        "SAM-bad-hbin-header": "hive is corrupt or unsupported",
        "SAN-bad-checksum": "bad base block checksum",
        "SYSTEM.LOG1-new-format": "transaction log",
        "corrupt_sub_key_list.hiv": "hive is corrupt",
        "corrupted_system_hive": "hive is corrupt or unsupported",
    ]

    @Test("The folder holds the damaged hives SOURCES.md lists")
    func folderContents() {
        #expect(Set(Self.names).isSuperset(of: Self.messages.keys), "corrupt/ holds \(Self.names)")
    }

    @Test("A corrupt hive is refused with exit 65 and one line", arguments: names, ReadCommand.allCases)
    func corruptHive(_ name: String, _ command: ReadCommand) throws {
        let path = Fixtures.shared("corrupt/" + name)
        let before = try FileSnapshot(path)

        let outcome = try CLI.run(command.arguments(hive: path))

        outcome.expectError(65, containing: [path] + (Self.messages[name].map { [$0] } ?? []))
        if name == "corrupt_sub_key_list.hiv" && command == .info {
            // info describes what it could read, lists the damage, then exits 65.
            #expect(outcome.stdout.contains("Root key:        TestKey (cell 0x20)\n"), "\(outcome)")
            #expect(outcome.stdout.contains("Keys:            1\n"), "\(outcome)")
            #expect(outcome.stdout.contains("Problem:         \\: hive is corrupt: cannot list subkeys\n"), "\(outcome)")
            #expect(outcome.stderr.contains("the walk stopped at 1 place(s)"), "\(outcome)")
        } else {
            #expect(outcome.stdout.isEmpty, "stdout: \(outcome)")
        }
        #expect(try FileSnapshot(path) == before, "the input changed")
    }

    /// Issue 17: the refusal names the option that gets past it and what it costs, and that option works.
    @Test("A structure hivex rejects is refused with --unsafe offered, and --unsafe reads it",
          arguments: ["SAM-bad-hbin-header", "corrupted_system_hive"])
    func rejectedStructureOffersUnsafe(_ name: String) throws {
        let path = Fixtures.shared("corrupt/" + name)
        let refused = try CLI.run("info", path)
        refused.expectError(65, containing: ["hivex rejected its structure", "--unsafe reads what hivex can", "may then miss keys"])
        let unsafe = try CLI.run("info", "--unsafe", path)
        unsafe.expectFinished()
        #expect(unsafe.stdout.contains("Root key:"), "\(unsafe)")
        #expect(!unsafe.stderr.contains("--unsafe reads"), "\(unsafe)")
    }

    @Test("info --format json on a hive whose root subkey list is unreadable lists the problem")
    func corruptSubKeyListJSON() throws {
        let path = Fixtures.shared("corrupt/corrupt_sub_key_list.hiv")
        let outcome = try CLI.run("info", "--format", "json", path)
        outcome.expectError(65, containing: [path, "hive is corrupt: the walk stopped at 1 place(s); counts are incomplete"])
        let json = try CLI.jsonObject(outcome.stdout)
        #expect(json["rootName"] as? String == "TestKey")
        #expect(json["keyCount"] as? Int == 1)
        #expect(json["valueCount"] as? Int == 0)
        #expect(json["problems"] as? [String] == ["\\: hive is corrupt: cannot list subkeys"])
    }

    @Test("--unsafe still refuses a transaction log (hivex's unsafe mode crashes on it)", arguments: ReadCommand.allCases)
    func unsafeTransactionLog(_ command: ReadCommand) throws {
        let path = Fixtures.shared("corrupt/SYSTEM.LOG1-new-format")
        let outcome = try CLI.run(command.arguments(hive: path, unsafe: true))
        outcome.expectError(65, containing: [path, "the file is a transaction log (new format), not a primary hive"])
        #expect(outcome.stdout.isEmpty, "stdout: \(outcome)")
    }
}
