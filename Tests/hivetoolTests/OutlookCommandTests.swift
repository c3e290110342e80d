import Foundation
import Hivex
import Testing
import TestSupport

/// `hivetool outlook` end to end: the timelines read by their tools, dirty, empty and real hives.
@Suite struct OutlookCommandTests {
    static let sample = "samples/NTUSER-outlook-history.DAT"

    @Test(.enabled(if: ExternalTool.isInstalled("mactime"), "mactime (Debian sleuthkit) is absent"))
    func mactimeReadsTheBodyfile() throws {
        let outcome = try CLI.run("outlook", "--format", "bodyfile", Self.sample)
        outcome.expectQuietSuccess()
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        let tln = try CLI.run("outlook", "--format", "tln", Self.sample).stdout.split(separator: "\n")
        #expect(lines.count == tln.count && lines.count > 20)
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let body = folder.file("body.txt")
        try Data(outcome.stdout.utf8).write(to: URL(fileURLWithPath: body))
        let mactime = try ExternalTool.run("mactime", ["-b", body, "-z", "UTC"])
        #expect(mactime.status == 0, "mactime failed: \(mactime.stderr)")
        #expect(mactime.stdout.split(separator: "\n").filter { $0.contains(" m... ") }.count == lines.count, "\(mactime.stdout)")
        // The AuthHistory times are events of their own, on their own dates.
        #expect(mactime.stdout.contains("Fri Mar 01 2024 08:00:00"), "\(mactime.stdout)")
        for line in lines {
            let name = line.split(separator: "|", omittingEmptySubsequences: false)[1]
            #expect(mactime.stdout.contains(name), "mactime's timeline lacks \(name)")
        }
    }

    @Test func everyTimesketchLineHasTheRequiredFields() throws {
        let outcome = try CLI.run("outlook", "--format", "timesketch", Self.sample)
        outcome.expectQuietSuccess()
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count > 20)
        var kinds: Set<String> = []
        for line in lines {
            let object = try CLI.jsonObject(line)
            for field in ["message", "datetime", "timestamp_desc"] {
                #expect((object[field] as? String)?.isEmpty == false, "\(field) missing: \(line)")
            }
            kinds.insert(object["event"] as? String ?? "")
        }
        #expect(kinds.isSuperset(of: ["account-key-written", "removed-account-written", "orphan-section-written", "data-file-key-written",
                                      "identity-authenticated", "addin-key-written", "outlook-setting-written"]), "\(kinds)")
    }

    @Test func jsonCarriesTheSchemaVersionAndTheHiveIdentity() throws {
        let outcome = try CLI.run("outlook", "--format", "json", Self.sample)
        outcome.expectQuietSuccess()
        let object = try CLI.jsonObject(outcome.stdout)
        #expect(object["schemaVersion"] as? Int == 1)
        let hive = try #require(object["hive"] as? [String: Any])
        #expect((hive["sha256"] as? String)?.count == 64)
        let files = try #require(object["dataFiles"] as? [[String: Any]])
        #expect(files.contains { $0["location"] as? String == "unc" && $0["attachment"] as? String == "none" })
    }

    @Test func anEmptyHiveIsASuccessWithNothingToReport() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("NTUSER.DAT")
        try EmptyHive.write(to: path)
        let outcome = try CLI.run("outlook", path)
        outcome.expectQuietSuccess()
        #expect(outcome.stdout.contains("No Outlook keys, profiles or Office identities in this hive."), "\(outcome)")
        let json = try CLI.jsonObject(try CLI.run("outlook", "--format", "json", path).stdout)
        #expect((json["dataFiles"] as? [Any])?.isEmpty == true)
    }

    @Test func aDirtyHiveIsReadWithItsLogReplayedAndWithoutItUnderNoLogs() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let dirty = try DirtyHiveTests.fixture(in: folder)
        let before = [try FileSnapshot(dirty.hive), try FileSnapshot(dirty.log)]
        let replayed = try CLI.run("outlook", dirty.hive)
        replayed.expectQuietSuccess()
        #expect(replayed.stdout.contains("Logs applied: "), "\(replayed)")
        #expect(replayed.stdout.contains(DirtyHiveTests.pst), "the log's PST is a data file: \(replayed)")
        let stale = try CLI.run("outlook", "--no-logs", dirty.hive)
        #expect(stale.status == 0 && stale.stderr.contains("dirty"), "\(stale)")
        #expect(!stale.stdout.contains(DirtyHiveTests.pst))
        #expect([try FileSnapshot(dirty.hive), try FileSnapshot(dirty.log)] == before)
    }

    @Test func aDamagedProfileIsReportedAsPartialWithExit65() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let hive = try folder.copy(Fixtures.sample("NTUSER-outlook-history.DAT"))
        try HiveSurgery.damage(.subkeyListOutsideBins, path: hive, keyPath: #"Software\Microsoft\Office\16.0\Outlook\Profiles\Outlook"#)
        let outcome = try CLI.run("outlook", hive)
        outcome.expectError(65, containing: [hive, "incomplete"])
        #expect(outcome.stdout.contains("PROBLEM: "), "\(outcome)")
        #expect(outcome.stdout.contains(#"\\fileserver\archive\jdoe-2019.pst"#), "the rest is still read: \(outcome)")
    }

    @Test(.enabled(if: Fixtures.hasSharedHives, "needs ../shared/hives"))
    func theOutlook2010HiveShowsItsRemovedAccountsAndDetachedStores() throws {
        let outcome = try CLI.run("outlook", Fixtures.shared("real/NTUSER-outlook2010.DAT"))
        outcome.expectQuietSuccess()
        #expect(outcome.stdout.contains("NextAccountID 14 (0xE), 3 account keys, 10 removed"), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("no longer attached"))
        let csv = try CLI.run("outlook", "--format", "csv", Fixtures.shared("real/NTUSER-outlook2010.DAT"))
        #expect(csv.stdout.split(separator: "\n").filter { $0.hasPrefix("data-file,") }.count == 28, "\(csv.stdout)")
    }
}

extension OutlookCommandTests {
    @Test func theReadmeShowsTheSampleOutputAsItIs() throws {
        let readme = try String(contentsOfFile: Fixtures.projectRoot.appendingPathComponent("README.md").path, encoding: .utf8)
        let outcome = try CLI.run("outlook", Self.sample)
        outcome.expectQuietSuccess()
        #expect(readme.contains("$ hivetool outlook \(Self.sample)\n" + outcome.stdout + "```"), "README's outlook example is stale")
    }
}

extension OutlookCommandTests {
    @Test func scanRecordsCarryTheOutlookSummaryUnlessNoOutlook() throws {
        let outcome = try CLI.run("scan", "--format", "jsonl", Self.sample)
        #expect(outcome.status == 0, "\(outcome)")
        let record = try CLI.jsonObject(String(outcome.stdout.split(separator: "\n")[0]))
        let outlook = try #require(record["outlook"] as? [String: Any], "\(outcome.stdout)")
        #expect(outlook["removedAccounts"] as? Int == 1)
        #expect(outlook["detachedDataFiles"] as? [String] == [#"\\fileserver\archive\jdoe-2019.pst"#, #"C:\Users\jdoe\OneDrive - Example\Mail\shared.pst"#,
                                                               #"E:\Backup\old-mail.pst"#])
        #expect(outlook["identities"] as? [String] == ["john.doe@outlook.com", "jdoe@example.com"])
        #expect(outlook["addinsSetToLoadAtStartup"] as? [String] == ["Example.Connect"])
        #expect((record["profiles"] as? [Any])?.count == 1)

        let without = try CLI.run("scan", "--format", "jsonl", "--no-outlook", Self.sample)
        let plain = try CLI.jsonObject(String(without.stdout.split(separator: "\n")[0]))
        #expect(plain["outlook"] is NSNull)
        #expect((plain["profiles"] as? [Any])?.count == 1)
    }
}

extension OutlookCommandTests {
    @Test func aLoopInsideAProfileIsOneProblemAndTheRestIsRead() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try LoopingSubkeyListTests.loopingCopy(at: LoopingSubkeyListTests.workKey, in: directory)
        let before = try FileSnapshot(path)
        let outcome = try CLI.run("outlook", "--format", "json", path)
        outcome.expectError(65, containing: [path, "1 part(s) could not be read"])
        let json = try CLI.jsonObject(outcome.stdout)
        #expect(json["problems"] as? [String]
            == [LoopingSubkeyListTests.workKey + ": its subkey list loops back to an enclosing key; not followed"])
        let files = try #require(json["dataFiles"] as? [[String: Any]])
        #expect(files.contains { $0["path"] as? String == #"D:\Mail\archive 2019.pst"# })
        #expect(try FileSnapshot(path) == before)
    }
}
