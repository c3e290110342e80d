import Foundation
import Testing
import TestSupport

/// The crash classes of damaged evidence (issue 9): a key whose name cannot be read, an invalid
/// parent, a key that is its own parent, a parent chain that loops, a corrupt root name, value and
/// subkey lists outside the bins. Every command must finish with a documented exit code and at most
/// one `hivetool:` line, read-only commands must leave the file as it was, and edits must refuse.
@Suite("Damaged keys at every command")
struct DamagedKeyTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var sample: String
        var keyPath: String
        var damage: HiveSurgery.KeyDamage
        var testDescription: String { "\(sample) \(keyPath.isEmpty ? "(root)" : keyPath): \(damage.rawValue)" }
    }

    static let agents = #"Wow6432Node\KVS\Enterprise Vault\Agents"#
    static let enterpriseVault = #"Wow6432Node\KVS\Enterprise Vault"#
    static let workProfile = #"Software\Microsoft\Office\16.0\Outlook\Profiles\Work"#

    static let cases: [Case] = {
        var result: [Case] = []
        for damage in HiveSurgery.KeyDamage.allCases {
            result.append(Case(sample: "SOFTWARE", keyPath: agents, damage: damage))
            result.append(Case(sample: "SOFTWARE", keyPath: enterpriseVault, damage: damage))
            result.append(Case(sample: "NTUSER.DAT", keyPath: workProfile, damage: damage))
            result.append(Case(sample: "NTUSER.DAT", keyPath: "Software", damage: damage))
        }
        // The root has no parent to damage; its name and lists can be.
        for damage in [HiveSurgery.KeyDamage.nameLengthPastCell, .hugeNameLength, .valueListOutsideBins, .subkeyListOutsideBins] {
            result.append(Case(sample: "SOFTWARE", keyPath: "", damage: damage))
            result.append(Case(sample: "NTUSER.DAT", keyPath: "", damage: damage))
        }
        return result
    }()

    static let documentedStatuses: Set<Int32> = [0, 1, 2, 3, 65, 66]

    @Test(arguments: cases)
    func everyCommandFinishesCleanly(_ testCase: Case) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let hive = try directory.copy(Fixtures.sample(testCase.sample))
        try HiveSurgery.damage(testCase.damage, path: hive, keyPath: testCase.keyPath)
        let before = try FileSnapshot(hive)

        var reads: [[String]] = [["info", hive], ["ls", hive], ["ls", hive, testCase.keyPath], ["get", hive, testCase.keyPath]]
        if testCase.sample == "SOFTWARE" {
            reads += [["get-expire", hive], ["get-expire", "--format", "json", hive], ["set-expire", "1", "--dry-run", hive]]
        } else {
            reads += [["list-profiles", hive], ["list-profiles", "--format", "json", hive], ["outlook", hive], ["outlook", "--format", "json", hive]]
        }
        reads.append(["scan", "--format", "jsonl", directory.path])
        for arguments in reads {
            let outcome = try CLI.run(arguments)
            outcome.expectFinished()
            #expect(Self.documentedStatuses.contains(outcome.status), "\(outcome)")
            if arguments[0] == "scan" {
                #expect(outcome.stderr.hasPrefix("scan: 1 file"), "\(outcome)")  // scan's summary line
            } else if outcome.status != 0 {
                #expect(outcome.stderr.hasPrefix("hivetool: ") && outcome.stderr.filter { $0 == "\n" }.count == 1, "\(outcome)")
            }
            if arguments.contains("json") || arguments.contains("jsonl"), !outcome.stdout.isEmpty {
                for line in arguments.contains("jsonl") ? outcome.stdout.split(separator: "\n").map(String.init) : [outcome.stdout] {
                    #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "not JSON: \(outcome)")
                }
            }
            #expect(try FileSnapshot(hive) == before, "\(arguments) changed the hive")
        }

        // An edit of a damaged hive is refused and leaves nothing behind.
        if testCase.sample == "SOFTWARE" {
            let edit = try CLI.run(["set-expire", "1", hive])
            edit.expectError(65, containing: [hive])
            #expect(try FileSnapshot(hive) == before)
            let left = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0 != "SOFTWARE" }
            #expect(left.isEmpty, "\(left)")
        }
    }

    /// Reading down the tree does not need parent links: readers that ignore them (hivexget, reglookup)
    /// read these hives, and so does get-expire.
    @Test(arguments: [HiveSurgery.KeyDamage.parentOutsideBins, .ownParent, .parentChainLoops])
    func getExpireReadsThroughABrokenParentLink(_ damage: HiveSurgery.KeyDamage) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let hive = try directory.copy(Fixtures.sample("SOFTWARE"))
        try HiveSurgery.damage(damage, path: hive, keyPath: Self.agents)
        let outcome = try CLI.run("get-expire", hive)
        outcome.expectQuietSuccess()
        #expect(outcome.stdout.contains("3"), "\(outcome)")
    }

    /// The self-parent and corrupt-root-name edits that issue 9 saw succeed are refused, file untouched.
    @Test(arguments: [(enterpriseVault, HiveSurgery.KeyDamage.ownParent), ("", .nameLengthPastCell)])
    func setExpireRefusesWhatReadersReject(keyPath: String, damage: HiveSurgery.KeyDamage) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let hive = try directory.copy(Fixtures.sample("SOFTWARE"))
        try HiveSurgery.damage(damage, path: hive, keyPath: keyPath)
        let before = try FileSnapshot(hive)
        let outcome = try CLI.run("set-expire", "1", hive)
        outcome.expectError(65, containing: [hive, "preflight failed", "hive is damaged and cannot be verified"])
        #expect(try FileSnapshot(hive) == before)
    }
}
