import Foundation
import Testing
import HivetoolKit
import TestSupport

/// Real-world hives from ../shared/hives (skipped when the folder is absent), run with the relative paths
/// a user would type from the project root.
@Suite("Real hives", .enabled(if: Fixtures.hasSharedHives, "../shared/hives is absent (a user's clone does not have it)"))
struct RealHiveTests {
    static let outlook2016 = "../shared/hives/real/NTUSER-outlook2016.DAT"
    static let outlook2010 = "../shared/hives/real/NTUSER-outlook2010.DAT"
    static let noOutlook = "../shared/hives/real/NTUSER-no-outlook.DAT"
    static let dirty = "../shared/hives/dirty/transactions_NTUSER.DAT"

    static func absolute(_ relative: String) -> String { Fixtures.projectRoot.appendingPathComponent(relative).path }

    @Test("list-profiles --format json on a dirty Outlook 2016 hive: the profile, the dirty flag and a warning")
    func outlook2016JSON() throws {
        let before = try FileSnapshot(Self.absolute(Self.outlook2016))
        let outcome = try CLI.run("list-profiles", "--format", "json", Self.outlook2016)
        outcome.expectFinished()
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stderrLines.count == 1, "\(outcome)")
        #expect(outcome.stderr.contains(Self.outlook2016) && outcome.stderr.contains("dirty"), "\(outcome)")
        #expect(outcome.stderr.contains("pending transaction-log data was not applied"), "\(outcome)")

        let json = try CLI.jsonObject(outcome.stdout)
        #expect(json["schemaVersion"] as? Int == 2)
        let hive = try #require(json["hive"] as? [String: Any])
        #expect(hive["dirty"] as? Bool == true)
        #expect(hive["path"] as? String == Self.outlook2016)
        #expect((json["warnings"] as? [String])?.contains { $0.contains("dirty") } == true)
        #expect((json["problems"] as? [Any])?.isEmpty == true)
        #expect((json["deletedProfileMarks"] as? [Any])?.isEmpty == true)

        let roots = try #require(json["roots"] as? [[String: Any]])
        #expect(roots.count == 1)
        #expect(roots.first?["layout"] as? String == "office-16.0")
        #expect(roots.first?["path"] as? String == #"SOFTWARE\Microsoft\Office\16.0\Outlook\Profiles"#)
        #expect(roots.first?["defaultProfile"] as? String == "Outlook")

        let profiles = try #require(json["profiles"] as? [[String: Any]])
        #expect(profiles.count == 1)
        let outlook = try #require(profiles.first { $0["name"] as? String == "Outlook" })
        #expect(outlook["layout"] as? String == "office-16.0")
        #expect(outlook["status"] as? String == "active")
        #expect(outlook["isDefault"] as? Bool == true)
        let dataFiles = try #require(outlook["dataFiles"] as? [[String: Any]])
        #expect(dataFiles.compactMap { $0["path"] as? String } == [#"C:\Users\tony\Documents\Outlook Files\Outlook.pst"#])
        #expect(dataFiles.first?["kind"] as? String == "pst")
        let accounts = try #require(outlook["accounts"] as? [[String: Any]])
        #expect(accounts.compactMap { $0["name"] as? String } == ["Outlook Address Book", "Outlook Data File"])
        #expect(try FileSnapshot(Self.absolute(Self.outlook2016)) == before)
    }

    @Test("list-profiles text on a dirty hive: the warning is in the report and on stderr")
    func outlook2016Text() throws {
        let outcome = try CLI.run("list-profiles", Self.outlook2016)
        outcome.expectFinished()
        #expect(outcome.status == 0)
        #expect(outcome.stderr == "hivetool: warning: \(Self.outlook2016): hive is dirty: pending transaction-log data was not applied; recent changes may be missing\n")
        #expect(outcome.stdout.contains("WARNING: hive is dirty: pending transaction-log data was not applied; recent changes may be missing\n"), "\(outcome)")
        #expect(outcome.stdout.contains("Outlook 2016+ (Office 16.0): SOFTWARE\\Microsoft\\Office\\16.0\\Outlook\\Profiles\n"), "\(outcome)")
        #expect(outcome.stdout.contains(#"    data file: C:\Users\tony\Documents\Outlook Files\Outlook.pst (pst)"#), "\(outcome)")
    }

    @Test("list-profiles on an Outlook 2010 hive finds the Windows Messaging Subsystem profile")
    func outlook2010() throws {
        let outcome = try CLI.run("list-profiles", "--format", "json", Self.outlook2010)
        outcome.expectQuietSuccess()
        let json = try CLI.jsonObject(outcome.stdout)
        #expect((json["hive"] as? [String: Any])?["dirty"] as? Bool == false)
        let profiles = try #require(json["profiles"] as? [[String: Any]])
        #expect(profiles.compactMap { $0["name"] as? String } == ["Outlook"])
        #expect(profiles.first?["layout"] as? String == "windows-messaging-subsystem")
        let dataFiles = profiles.first?["dataFiles"] as? [[String: Any]] ?? []
        #expect(dataFiles.compactMap { $0["path"] as? String } == [#"C:\Users\jmroberts\Documents\Outlook Files\Outlook.pst"#])
    }

    @Test("list-profiles on a hive without Outlook succeeds with empty lists")
    func noOutlook() throws {
        let outcome = try CLI.run("list-profiles", "--format", "json", Self.noOutlook)
        outcome.expectQuietSuccess()
        let json = try CLI.jsonObject(outcome.stdout)
        #expect((json["hive"] as? [String: Any])?["dirty"] as? Bool == false)
        for field in ["profiles", "roots", "deletedProfileMarks", "problems", "warnings"] {
            let list = json[field] as? [Any]
            #expect(list != nil && list!.isEmpty, "\(field) is not an empty list: \(outcome)")
        }
    }

    @Test("info on a dirty hive replays its logs in memory, says which, and leaves every file as it was")
    func dirtyInfo() throws {
        let files = [Self.dirty, "../shared/hives/dirty/transactions_ntuser.dat.log1", "../shared/hives/dirty/transactions_ntuser.dat.log2"]
        let before = try files.map { try FileSnapshot(Self.absolute($0)) }
        let text = try CLI.run("info", Self.dirty)
        text.expectQuietSuccess()
        #expect(text.stdout.contains("Sequence:        567 / 566 (DIRTY: sequence numbers differ)\n"), "\(text)")
        #expect(text.stdout.contains("Log:             ../shared/hives/dirty/transactions_ntuser.dat.log1 (1126400 bytes, may hold pending data)\n"), "\(text)")
        #expect(text.stdout.contains("Log skipped:     transactions_ntuser.dat.log2: the log (sequence 562) is older than the hive (secondary sequence 566)\n"), "\(text)")
        #expect(text.stdout.contains("Logs applied:    transactions_ntuser.dat.log1 (entries 566-588); sequence 588\n"), "\(text)")
        #expect(text.stdout.contains("Dirty:           yes: transaction logs applied in memory (the file is unchanged)\n"), "\(text)")

        let json = try CLI.run("info", "--format", "json", Self.dirty)
        json.expectQuietSuccess()
        let object = try CLI.jsonObject(json.stdout)
        let hive = try #require(object["hive"] as? [String: Any])
        #expect(hive["dirty"] as? Bool == true)
        #expect(hive["sha256"] as? String == (try FileDigest.sha256(path: Self.absolute(Self.dirty))))
        let logs = try #require(hive["logs"] as? [String: Any])
        let applied = try #require(logs["applied"] as? [[String: Any]])
        #expect(applied.count == 1)
        #expect(applied.first?["path"] as? String == files[1])
        #expect(applied.first?["sha256"] as? String == (try FileDigest.sha256(path: Self.absolute(files[1]))))
        #expect(applied.first?["format"] as? String == "new")
        #expect(applied.first?["firstSequence"] as? Int == 566 && applied.first?["lastSequence"] as? Int == 588)
        let skipped = try #require(logs["skipped"] as? [[String: Any]])
        #expect(skipped.first?["path"] as? String == files[2])
        #expect(skipped.first?["sha256"] as? String == (try FileDigest.sha256(path: Self.absolute(files[2]))))
        #expect(logs["sequenceAfter"] as? Int == 588)
        let header = try #require(object["header"] as? [String: Any])
        #expect(header["sequenceNumbersMatch"] as? Bool == false)
        #expect(header["primarySequenceNumber"] as? Int == 567)
        #expect(header["secondarySequenceNumber"] as? Int == 566)
        #expect((object["problems"] as? [Any])?.isEmpty == true)

        // What was read is yarp's replay of the same hive; --no-logs reads the stale primary.
        let reference = try CLI.jsonObject(try CLI.run("info", "--format", "json", "../shared/hives/reference/transactions_NTUSER.recovered.DAT").stdout)
        #expect(object["keyCount"] as? Int == reference["keyCount"] as? Int && object["valueCount"] as? Int == reference["valueCount"] as? Int)
        #expect(object["keyCount"] as? Int == 3105)
        let stale = try CLI.run("info", "--no-logs", "--format", "json", Self.dirty)
        let staleObject = try CLI.jsonObject(stale.stdout)
        #expect(staleObject["keyCount"] as? Int == 2590)
        #expect((staleObject["hive"] as? [String: Any])?["logs"] is NSNull)
        #expect((staleObject["hive"] as? [String: Any])?["dirty"] as? Bool == true)
        let staleText = try CLI.run("info", "--no-logs", Self.dirty)
        #expect(staleText.stdout.contains("Dirty:           yes: pending transaction-log data was not applied\n"), "\(staleText)")
        #expect(try files.map { try FileSnapshot(Self.absolute($0)) } == before)
    }
}
