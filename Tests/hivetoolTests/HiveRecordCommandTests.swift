import Foundation
import Hivex
import Testing
import TestSupport

/// Issue 17: every input accounted for. The loop the help suggests, and scan, give one hive record
/// per file, first, with the SHA-256 `sha256sum` computes, whatever the file is.
@Suite struct HiveRecordCommandTests {
    /// An evidence folder: a real user hive, one without profiles, a damaged one, a file that is not a
    /// hive, and a dirty hive with its log. Returns the hive files (not the log).
    static func evidence(in folder: TemporaryDirectory) throws -> [String] {
        let real = try folder.copy(Fixtures.sample("NTUSER.DAT"), as: "real.DAT")
        let empty = folder.file("empty.DAT")
        try EmptyHive.write(to: empty, embeddedFileName: #"\??\C:\Users\nobody\ntuser.dat"#)
        let damaged = try folder.copy(Fixtures.sample("NTUSER.DAT"), as: "damaged.DAT")
        try HiveSurgery.makeSubkeyListLoop(path: damaged, keyPath: #"Software\Microsoft\Office\16.0\Outlook\Profiles\Work"#)
        let notAHive = folder.file("notahive.DAT")
        try Data("not a registry hive, but evidence all the same\n".utf8).write(to: URL(fileURLWithPath: notAHive))
        let dirty = try DirtyHiveFixture(sample: Fixtures.sample("NTUSER.DAT"), name: "dirty.DAT", in: folder) { hive in
            _ = try hive.addKey(named: "FromLog", under: hive.root())
        }.hive
        return [real, empty, damaged, notAHive, dirty]
    }

    /// `sha256sum`'s hash of `path`, the independent reference.
    static func sha256sum(_ path: String) throws -> String {
        let result = try ExternalTool.run("sha256sum", [path])
        return String(result.stdout.prefix(64))
    }

    @Test func theListProfilesLoopGivesOneHashedHiveRecordPerFileThenItsProfiles() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let files = try Self.evidence(in: folder)
        var hiveRecords: [[String: Any]] = []
        var statuses: [String: Int32] = [:]
        var profileCount: [String: Int] = [:]
        for file in files {
            let outcome = try CLI.run("list-profiles", "--format", "jsonl", file)
            outcome.expectFinished()
            statuses[file] = outcome.status
            let records = try outcome.stdout.split(separator: "\n").map { try CLI.jsonObject(String($0)) }
            let first = try #require(records.first, "\(file) wrote nothing: \(outcome)")
            #expect(first["record"] as? String == "hive" && first["path"] as? String == file)
            #expect(records.dropFirst().allSatisfy { $0["record"] as? String != "hive" })
            #expect(records.dropFirst().allSatisfy { $0["hive"] as? String == file && $0["hiveSha256"] as? String == first["sha256"] as? String })
            profileCount[file] = records.filter { $0["record"] as? String == "profile" }.count
            hiveRecords.append(first)
        }
        #expect(hiveRecords.count == files.count)
        for (record, file) in zip(hiveRecords, files) {
            #expect(record["sha256"] as? String == (try Self.sha256sum(file)), "\(file)")
            #expect((record["tool"] as? [String: Any])?["name"] as? String == "hivetool")
        }
        #expect(hiveRecords.map { $0["status"] as? String } == ["ok", "ok", "partial", "error", "ok"])
        #expect(hiveRecords.map { $0["kind"] as? String } == ["user", "user", "user", nil, "user"])
        #expect(files.map { statuses[$0] } == [0, 0, 65, 65, 0])
        #expect(files.map { profileCount[$0] } == [6, 0, 6, 0, 6])
        #expect(hiveRecords[3]["errorKind"] as? String == "notAHive" && hiveRecords[3]["size"] as? Int == 47)
        #expect(hiveRecords[4]["dirty"] as? Bool == true && hiveRecords[4]["logsApplied"] as? [String] == ["dirty.DAT.LOG1"])

        // CSV and JSON start with the same hive record.
        for file in files {
            let csv = try CLI.run("list-profiles", "--format", "csv", file)
            let rows = csv.stdout.split(separator: "\n")
            let sha256 = try Self.sha256sum(file)
            #expect(rows.count >= 2 && rows[1].hasPrefix("hive,\(file),\(sha256),"), "\(csv)")
            let json = try CLI.jsonObject(try CLI.run("list-profiles", "--format", "json", file).stdout)
            #expect((json["hive"] as? [String: Any])?["sha256"] as? String == (try Self.sha256sum(file)))
            #expect(json["schemaVersion"] as? Int == 2 && (json["tool"] as? [String: Any])?["version"] is String)
        }
    }

    @Test func scanGivesOneHashedRecordPerFileFailuresIncluded() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let files = try Self.evidence(in: folder) + [folder.file("dirty.DAT.LOG1")]
        let outcome = try CLI.run(["scan", "--jobs", "2", "--format", "jsonl"] + files)
        outcome.expectFinished()
        #expect(outcome.status == 2, "\(outcome)")
        let records = try outcome.stdout.split(separator: "\n").map { try CLI.jsonObject(String($0)) }
        #expect(records.compactMap { $0["path"] as? String } == files.sorted())
        #expect(records.allSatisfy { $0["record"] as? String == "hive" })
        for record in records {
            let path = try #require(record["path"] as? String)
            #expect(record["sha256"] as? String == (try Self.sha256sum(path)), "\(path)")
        }
        let byName = Dictionary(uniqueKeysWithValues: records.map { (URL(fileURLWithPath: $0["path"] as! String).lastPathComponent, $0) })
        #expect(byName["notahive.DAT"]?["status"] as? String == "error")
        #expect(byName["dirty.DAT.LOG1"]?["status"] as? String == "error")
        #expect(byName["damaged.DAT"]?["status"] as? String == "partial")
        #expect(byName["real.DAT"]?["status"] as? String == "ok")
    }

    @Test func listProfilesOnASoftwareHiveSaysWhichKindItIs() throws {
        let outcome = try CLI.run("list-profiles", "--format", "jsonl", Fixtures.sample("SOFTWARE"))
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stderr.contains("this is a SOFTWARE hive, not a user hive"))
        let hive = try CLI.jsonObject(String(try #require(outcome.stdout.split(separator: "\n").first)))
        #expect(hive["kind"] as? String == "software" && hive["record"] as? String == "hive")
        #expect((hive["warnings"] as? [String])?.contains { $0.contains("SOFTWARE hive") } == true)
    }

    @Test(.enabled(if: Fixtures.hasSharedHives, "../shared/hives is absent"))
    func sharedHivesAreToldApart() throws {
        let expected = ["real/SYSTEM-win10": "system", "real/NTUSER-outlook2016.DAT": "user", "real/NTUSER-no-outlook.DAT": "user",
                        "dirty/UsrClass.dat": "usrclass", "dirty/SYSTEM_B": "system"]
        for (relative, kind) in expected {
            let outcome = try CLI.run("list-profiles", "--no-deleted", "--format", "jsonl", Fixtures.shared(relative))
            let hive = try CLI.jsonObject(String(try #require(outcome.stdout.split(separator: "\n").first)))
            #expect(hive["kind"] as? String == kind, "\(relative)")
            #expect(outcome.stderr.contains("not a user hive") == (kind != "user"), "\(relative): \(outcome.stderr)")
        }
    }

    @Test func setExpireRefusesAUserHiveWithAndWithoutCreateKey() throws {
        let space = try SampleWorkspace(sample: "NTUSER.DAT")
        defer { space.remove() }
        for extra in [[], ["--create-key"], ["--create-key", "--view", "native"], ["--create-key", "--force"]] {
            let outcome = try space.run(["set-expire", "1"] + extra + ["NTUSER.DAT"])
            outcome.expectError(3, containing: ["NTUSER.DAT", "this is a USER hive", "not a SOFTWARE hive"])
            #expect(try FileSnapshot(space.hive) == space.original, "\(extra)")
            #expect(space.otherFiles.isEmpty, "\(extra): \(space.otherFiles)")
        }
    }

    @Test(.enabled(if: Fixtures.hasSharedHives, "../shared/hives is absent"))
    func profileRepairsRefuseASystemHiveEvenWithForce() throws {
        // A Windows 10 SYSTEM hive has a root Software key: only its kind tells it from a user hive.
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let system = try folder.copy(Fixtures.shared("real/SYSTEM-win10"), as: "SYSTEM")
        let before = try FileSnapshot(system)
        for arguments in [["purge", "--force"], ["unmark", "--force", "SYSTEM", "Outlook"], ["delete-profile", "--force", "SYSTEM", "Outlook"]] {
            let full = arguments.count == 2 ? arguments + ["SYSTEM"] : arguments
            let outcome = try CLI.run(full, in: folder.path)
            outcome.expectError(3, containing: ["SYSTEM", "this is a SYSTEM hive", "not a USER or DEFAULT hive"])
            #expect(try FileSnapshot(system) == before, "\(arguments)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["SYSTEM"])
    }

    @Test func unsafeModeWarnsMarksTheOutputListsWhatWasSkippedAndExits65() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.copy(Fixtures.sample("NTUSER.DAT"), as: "flipped.DAT")
        try HiveSurgery.flipByte(path: path, at: 45_256)  // a cell hivex's safe mode rejects
        let refused = try CLI.run("list-profiles", path)
        refused.expectError(65, containing: [path, "hive is corrupt"])

        let outcome = try CLI.run("list-profiles", "--unsafe", "--format", "jsonl", path)
        #expect(outcome.status == 65, "\(outcome)")
        #expect(outcome.stderr.contains("unsafe mode"))
        let hive = try CLI.jsonObject(String(try #require(outcome.stdout.split(separator: "\n").first)))
        #expect(hive["unsafe"] as? Bool == true && hive["status"] as? String == "partial")
        #expect((hive["problems"] as? [String])?.contains { $0.contains("hivex's safe mode rejects the file") } == true)

        for command in [["info"], ["get-expire"], ["scan", "--format", "jsonl"]] {
            let read = try CLI.run(command + ["--unsafe", path])
            #expect(read.status == (command[0] == "scan" ? 2 : 65), "\(command): \(read)")
            #expect(read.stderr.contains("unsafe mode"), "\(command)")
        }
        let info = try CLI.jsonObject(try CLI.run("info", "--unsafe", "--format", "json", path).stdout)
        #expect(info["unsafe"] as? Bool == true && (info["problems"] as? [String])?.isEmpty == false)
        let clean = try CLI.run("list-profiles", "--unsafe", "--format", "json", Fixtures.sample("NTUSER.DAT"))
        #expect(clean.status == 0 && clean.stderr.contains("unsafe mode"), "\(clean)")
        #expect((try CLI.jsonObject(clean.stdout)["hive"] as? [String: Any])?["unsafe"] as? Bool == true)
    }

    /// A subkey list hivex's safe mode cannot read, which its unsafe mode reads in part without a
    /// word: what safe mode could not walk is listed, and the exit code says the read was partial.
    @Test(.enabled(if: Fixtures.hasSharedHives, "needs ../shared/hives"))
    func unsafeModeListsWhatSafeModeCannotWalk() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.copy(Fixtures.shared("corrupt/corrupt_sub_key_list.hiv"))
        let before = try FileSnapshot(path)
        for command in ["list-profiles", "outlook"] {
            let outcome = try CLI.run(command, "--unsafe", "--format", "json", path)
            #expect(outcome.status == 65, "\(command): \(outcome)")
            #expect(outcome.stdout.contains("in hivex's safe mode"), "\(command): \(outcome.stdout)")
        }
        let listing = try CLI.run("ls", "--unsafe", path)
        #expect(listing.status == 65 && listing.stderr.contains("in hivex's safe mode"), "\(listing)")
        let scan = try CLI.run("scan", "--unsafe", "--format", "jsonl", path)
        #expect(scan.status == 2 && scan.stdout.contains("\"status\":\"partial\""), "\(scan)")
        #expect(try FileSnapshot(path) == before)
    }
}
