import Foundation
import Hivex
import Testing
import TestSupport

/// `hivetool deleted` and the deleted profiles of `list-profiles` and `scan`, end to end.
@Suite struct DeletedCommandTests {
    static let wms = #"Software\Microsoft\Windows NT\CurrentVersion\Windows Messaging Subsystem\Profiles"#
    static let outlookPST = #"C:\Users\jdoe\Documents\Outlook Files\jdoe@example.com.pst"#

    /// A copy of samples/NTUSER.DAT where `hivetool delete-profile` deleted "Exchange Service".
    static func deletedWithHivetool() throws -> SampleWorkspace {
        let space = try SampleWorkspace(sample: "NTUSER.DAT")
        let outcome = try space.run(["delete-profile", space.hive, "Exchange Service"])
        #expect(outcome.status == 0, "\(outcome)")
        return space
    }

    @Test func everyFormatListsTheKeysDeleteProfileFreed() throws {
        let space = try Self.deletedWithHivetool()
        defer { space.remove() }
        let before = try FileSnapshot(space.hive)
        let profile = Self.wms + #"\Exchange Service"#

        let json = try space.run(["deleted", "--format", "json", space.hive])
        json.expectQuietSuccess()
        let document = try CLI.jsonObject(json.stdout)
        #expect(document["schemaVersion"] as? Int == 2)
        let hive = try #require(document["hive"] as? [String: Any])
        #expect(hive["path"] as? String == space.hive && (hive["sha256"] as? String)?.count == 64 && hive["size"] as? Int == before.bytes.count)
        let keys = try #require(document["keys"] as? [[String: Any]])
        let paths = keys.compactMap { $0["path"] as? String }
        #expect(paths.contains(profile) && paths.contains(Self.wms + #"\Deleted Profiles\Exchange Service"#))
        #expect(keys.allSatisfy { $0["kind"] as? String == "key" && $0["source"] as? String != nil && $0["offset"] as? Int != nil })
        let values = try #require(document["values"] as? [[String: Any]])
        #expect(values.allSatisfy { $0["kind"] as? String == "value" && $0["path"] is NSNull })
        // hivex detached the values of the keys it freed: they are found alone, e.g. the Exchange mailbox.
        #expect(values.contains { value in
            (value["values"] as? [[String: Any]])?.contains { ($0["data"] as? String)?.contains("cn=evservice") == true } == true
        })
        let counts = try #require(document["counts"] as? [String: Any])
        #expect(counts["keys"] as? Int == keys.count && counts["values"] as? Int == values.count)

        let lines = try space.run(["deleted", "--format", "jsonl", space.hive])
        lines.expectQuietSuccess()
        let records = try lines.stdout.split(separator: "\n").map { try CLI.jsonObject(String($0)) }
        #expect(records.count == 1 + keys.count + values.count)
        // The hive record first (path, SHA-256, kind, status), then every key and value with the hive's hash.
        let hiveRecord = try #require(records.first)
        let sha256 = try #require(hiveRecord["sha256"] as? String)
        #expect(hiveRecord["record"] as? String == "hive" && hiveRecord["path"] as? String == space.hive && hiveRecord["status"] as? String == "ok")
        #expect(sha256 == (document["hive"] as? [String: Any])?["sha256"] as? String)
        #expect(records.dropFirst().allSatisfy {
            $0["hive"] as? String == space.hive && $0["hiveSha256"] as? String == sha256 && ["key", "value"].contains($0["record"] as? String)
        })

        let csv = try space.run(["deleted", "--format", "csv", space.hive])
        csv.expectQuietSuccess()
        let rows = csv.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(rows.first == "kind,hive,hiveSha256,offset,source,path,pathComplete,name,lastWrite,valueCount,values,dataRecoverable,status,error")
        #expect(rows.count == 2 + keys.count + values.count)
        #expect(rows.dropFirst().first?.hasPrefix("hive,\(space.hive),\(sha256),") == true && rows.dropFirst().first?.hasSuffix(",ok,") == true)

        // A file that is not a hive still gets its hive record (with its hash) before the error.
        let notAHive = space.folder.file("not-a-hive.DAT")
        FileManager.default.createFile(atPath: notAHive, contents: Data("not a hive".utf8))
        let failed = try space.run(["deleted", "--format", "jsonl", notAHive])
        #expect(failed.status == 65)
        let failedRecord = try CLI.jsonObject(String(failed.stdout.split(separator: "\n").first ?? ""))
        #expect(failedRecord["record"] as? String == "hive" && failedRecord["status"] as? String == "error" && failedRecord["sha256"] is String)

        let text = try space.run(["deleted", space.hive])
        text.expectQuietSuccess()
        #expect(text.stdout.contains("Deleted keys (\(keys.count), \(keys.count) with a complete path):"))
        #expect(text.stdout.contains(profile + "\n"))
        #expect(text.stdout.contains("Deleted values found alone (\(values.count)):"))

        // KEY narrows to the paths below it, in any letter case; values found alone have no path.
        let narrowed = try space.run(["deleted", "--format", "json", space.hive, profile.uppercased()])
        narrowed.expectQuietSuccess()
        let narrowedDocument = try CLI.jsonObject(narrowed.stdout)
        let narrowedKeys = try #require(narrowedDocument["keys"] as? [[String: Any]])
        #expect(!narrowedKeys.isEmpty && narrowedKeys.allSatisfy { ($0["path"] as? String)?.hasPrefix(profile) == true })
        #expect((narrowedDocument["values"] as? [Any])?.isEmpty == true)

        // The key as Windows shows it (HKCU, '/' separators) narrows the same way.
        let mounted = try space.run(["deleted", "--format", "json", space.hive, "HKCU/" + profile.replacingOccurrences(of: "\\", with: "/")])
        mounted.expectQuietSuccess()
        let mountedKeys = try #require(try CLI.jsonObject(mounted.stdout)["keys"] as? [[String: Any]])
        #expect(mountedKeys.compactMap { $0["path"] as? String } == narrowedKeys.compactMap { $0["path"] as? String })

        // Offsets are hex in the timeline too, as in text and CSV.
        let tln = try space.run(["deleted", "--format", "tln", space.hive])
        tln.expectQuietSuccess()
        let events = tln.stdout.split(separator: "\n")
        #expect(!events.isEmpty && events.allSatisfy { $0.contains(" at offset 0x") }, "\(tln)")
        let first = try #require(keys.first { $0["lastWrite"] is String }?["offset"] as? Int)
        #expect(events.contains { $0.contains(" at offset 0x\(String(first, radix: 16))") })
        #expect(try FileSnapshot(space.hive) == before)
    }

    @Test func aHiveWithNothingDeletedSaysSo() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("empty.hiv")
        try EmptyHive.write(to: path)
        let outcome = try CLI.run(["deleted", path])
        outcome.expectQuietSuccess()
        #expect(outcome.stdout.contains("No deleted keys or values found in free space"))
        let json = try CLI.run(["deleted", "--format", "json", path])
        json.expectQuietSuccess()
        #expect((try CLI.jsonObject(json.stdout)["keys"] as? [Any])?.isEmpty == true)
    }

    @Test func badInputsGetOneLineAndTheirExitCode() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try CLI.run(["deleted", folder.file("missing.DAT")]).expectError(66, containing: ["missing.DAT"])
        let empty = folder.file("empty")
        FileManager.default.createFile(atPath: empty, contents: Data())
        try CLI.run(["deleted", empty]).expectError(65, containing: ["empty"])
        var generator = SystemRandomNumberGenerator()
        let random = folder.file("random")
        FileManager.default.createFile(atPath: random, contents: Data((0..<65536).map { _ in UInt8.random(in: 0...255, using: &generator) }))
        try CLI.run(["deleted", random]).expectError(65, containing: ["random"])
        let sample = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Fixtures.sample("NTUSER.DAT"))))
        let log = folder.file("NTUSER.DAT.LOG1")
        FileManager.default.createFile(atPath: log, contents: Data(TransactionLogWriter.newFormatLog(baseBlock: Array(sample[0..<4096]), entries: [], trailing: [UInt8](repeating: 0, count: 8192))))
        let before = try FileSnapshot(log)
        try CLI.run(["deleted", log]).expectError(65, containing: ["transaction log"])
        #expect(try FileSnapshot(log) == before)
    }

    @Test(.enabled(if: Fixtures.hasSharedHives, "../shared/hives is absent"))
    func sharedCorruptHivesNeverCrash() throws {
        let folder = Fixtures.shared("corrupt")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        #expect(!names.isEmpty)
        for name in names {
            let path = folder + "/" + name
            let before = try FileSnapshot(path)
            let outcome = try CLI.run(["deleted", "--format", "json", path])
            outcome.expectFinished()
            if outcome.status == 0 {
                _ = try CLI.jsonObject(outcome.stdout)
            } else {
                outcome.expectError(65, containing: [path])
            }
            #expect(try FileSnapshot(path) == before, "\(name) changed")
        }
    }

    @Test(.enabled(if: Fixtures.hasSharedHives, "../shared/hives is absent"))
    func realHiveGivesYarpsCountAndNoLiveKey() throws {
        let path = Fixtures.shared("real/NTUSER-no-outlook.DAT")
        let outcome = try CLI.run(["deleted", "--format", "json", path])
        outcome.expectQuietSuccess()
        let keys = try #require(try CLI.jsonObject(outcome.stdout)["keys"] as? [[String: Any]])
        #expect(keys.count == 103)
        var live: Set<String> = []
        try Hive(path: path).walk { live.insert("\($0.path.lowercased())@\($0.key.offset)") }
        let reported = keys.map { "\(($0["path"] as? String ?? "").lowercased())@\($0["offset"] as? Int ?? -1)" }
        #expect(live.isDisjoint(with: reported))
    }

    @Test func listProfilesShowsAProfileDeletedLikeWindowsWithItsPSTAndAccount() throws {
        let space = try SampleWorkspace(sample: "NTUSER.DAT")
        defer { space.remove() }
        try WindowsLikeDeletion.deleteKey(Self.wms + #"\Outlook"#, in: space.hive)
        let before = try FileSnapshot(space.hive)

        let text = try space.run(["list-profiles", space.hive])
        text.expectQuietSuccess()
        #expect(text.stdout.contains("Deleted profiles (recovered from free space) (1):"))
        #expect(text.stdout.contains("  Outlook (deleted):\n"))
        #expect(text.stdout.contains("data file: " + Self.outlookPST + " (pst)"))
        #expect(text.stdout.contains("account:   jdoe@example.com (pop3 pop.example.com, smtp smtp.example.com, user jdoe, password present, encrypted)"))
        #expect(text.stdout.contains("WARNING: DefaultProfile of the windows-messaging-subsystem root names \"Outlook\""))

        let json = try space.run(["list-profiles", "--format", "json", space.hive])
        let deleted = try #require(try CLI.jsonObject(json.stdout)["deletedProfiles"] as? [[String: Any]])
        let recovery = try #require(deleted.first?["recovery"] as? [String: Any])
        #expect(deleted.count == 1 && deleted.first?["name"] as? String == "Outlook" && recovery["pathComplete"] as? Bool == true)
        #expect(recovery["source"] as? String == "free-cell" && recovery["valuesRecoverable"] as? Bool == true)
        #expect(deleted.first?["status"] as? String == "deleted")

        let skipped = try space.run(["list-profiles", "--no-deleted", space.hive])
        skipped.expectQuietSuccess()
        #expect(!skipped.stdout.contains("Deleted profiles") && !skipped.stdout.contains(Self.outlookPST))
        let skippedJSON = try CLI.jsonObject(try space.run(["list-profiles", "--no-deleted", "--format", "json", space.hive]).stdout)
        #expect(skippedJSON["deletedProfiles"] is NSNull && skippedJSON["recoveredMarks"] is NSNull)

        let scan = try space.run(["scan", "--format", "jsonl", "--jobs", "1", space.hive])
        #expect(scan.status == 0, "\(scan)")
        let record = try CLI.jsonObject(String(try #require(scan.stdout.split(separator: "\n").first)))
        #expect((record["deletedProfiles"] as? [[String: Any]])?.first?["name"] as? String == "Outlook")
        let scanText = try space.run(["scan", "--format", "text", "--jobs", "1", space.hive])
        #expect(scanText.stdout.contains("; 1 deleted profile recovered"), "\(scanText)")
        let scanSkipped = try space.run(["scan", "--no-deleted", "--format", "jsonl", "--jobs", "1", space.hive])
        let skippedRecord = try CLI.jsonObject(String(try #require(scanSkipped.stdout.split(separator: "\n").first)))
        #expect(skippedRecord["deletedProfiles"] is NSNull)
        #expect(try FileSnapshot(space.hive) == before)
    }

    @Test func listProfilesShowsAProfileDeletedByDeleteProfileWithoutGuessingItsValues() throws {
        let space = try Self.deletedWithHivetool()
        defer { space.remove() }
        let text = try space.run(["list-profiles", space.hive])
        text.expectQuietSuccess()
        #expect(text.stdout.contains("  Exchange Service (deleted):\n"))
        #expect(text.stdout.contains("note:      values not recoverable"))
        #expect(text.stdout.contains("recovered mark: " + Self.wms + #"\Deleted Profiles\Exchange Service"#))
        #expect(text.stdout.contains("Deletion marks recovered from free space (1):"))
    }
}

/// A profile deleted only in the transaction log: the deleted-profile search reads the image hivex reads.
@Suite struct DeletedInDirtyHiveTests {
    @Test func profileDeletedOnlyInTheLogIsDeletedAfterReplayAndLiveWithNoLogs() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let fixture = try DirtyHiveFixture(sample: Fixtures.sample("NTUSER.DAT"), name: "NTUSER.DAT", in: folder) { hive in
            try hive.deleteKey(hive.requireKey(at: #"Software\Microsoft\Office\16.0\Outlook\Profiles\Ünïcode Prófile"#))
        }
        let before = try FileSnapshot(fixture.hive)
        let replayed = try CLI.jsonObject(try CLI.run(["list-profiles", "--format", "json", fixture.hive]).stdout)
        let deleted = try #require(replayed["deletedProfiles"] as? [[String: Any]])
        #expect(deleted.map { $0["name"] as? String } == ["Ünïcode Prófile"])
        #expect(!((replayed["profiles"] as? [[String: Any]]) ?? []).contains { $0["name"] as? String == "Ünïcode Prófile" })

        let asIs = try CLI.jsonObject(try CLI.run(["list-profiles", "--no-logs", "--format", "json", fixture.hive]).stdout)
        #expect((asIs["deletedProfiles"] as? [Any])?.isEmpty == true)
        #expect(((asIs["profiles"] as? [[String: Any]]) ?? []).contains { $0["name"] as? String == "Ünïcode Prófile" })

        let keys = try CLI.jsonObject(try CLI.run(["deleted", "--format", "json", fixture.hive]).stdout)["keys"] as? [[String: Any]]
        #expect(keys?.contains { ($0["path"] as? String)?.hasSuffix(#"Profiles\Ünïcode Prófile"#) == true } == true)
        let applied = try CLI.jsonObject(try CLI.run(["deleted", "--format", "json", fixture.hive]).stdout)["appliedLogs"] as? [String]
        #expect(applied == [fixture.log])
        #expect(try FileSnapshot(fixture.hive) == before)
    }
}
