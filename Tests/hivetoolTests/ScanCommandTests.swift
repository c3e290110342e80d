import Foundation
import Testing
import TestSupport

/// `hivetool scan` over a fake mounted Windows volume, end to end.
@Suite struct ScanCommandTests {
    static let summary = "scan: 7 files, 5 hives read, 2 errors; 6 profiles (3 marked), 5 marks (2 stale); 0 dirty\n"

    @Test func jsonLinesOverAVolumeInStableOrderWithSummaryAndExit2() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let volume = try FakeVolume(in: folder)
        let before = try FileSnapshot(volume.root + "/users/alice/NTUSER.DAT")

        let outcome = try CLI.run(["scan", "volume"], in: folder.path)
        outcome.expectFinished()
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.stderr == Self.summary)
        let records = try outcome.stdout.split(separator: "\n").map { try CLI.jsonObject(String($0)) }
        #expect(records.map { $0["path"] as? String } == [
            "volume/Documents and Settings/olduser/NTUSER.DAT", "volume/Users/Bob/ntuser.dat", "volume/Users/broken/NTUSER.DAT",
            "volume/WINDOWS/ServiceProfiles/LocalService/NTUSER.DAT", "volume/WINDOWS/system32/CONFIG/Default",
            "volume/WINDOWS/system32/CONFIG/software", "volume/users/alice/NTUSER.DAT",
        ])
        #expect(records.map { $0["status"] as? String } == ["error", "ok", "error", "ok", "ok", "ok", "ok"])
        #expect(records.map { $0["kind"] as? String } == [nil, "user", nil, "user", "default", "software", "user"])
        #expect(records.map { $0["user"] as? String } == ["olduser", "Bob", "broken", "LocalService", ".DEFAULT", nil, "alice"])
        #expect(records.allSatisfy { $0["record"] as? String == "hive" })
        let alice = try #require(records.last)
        #expect((alice["profiles"] as? [[String: Any]])?.count == 6)
        #expect((alice["deletedProfileMarks"] as? [[String: Any]])?.filter { $0["profileExists"] as? Bool == false }.count == 2)
        #expect(alice["sha256"] as? String == "38a4eeeb670fb605b9b5108d76fac305b6199f89a6e9f9c3c3c6c8a6bc744bcb")
        #expect(records[5]["effectiveDays"] as? Int == 3)
        #expect((records[0]["error"] as? String)?.contains("transaction log (new format), not a primary hive") == true)
        #expect(try FileSnapshot(volume.root + "/users/alice/NTUSER.DAT") == before)

        // The same records whatever the parallelism.
        let serial = try CLI.run(["scan", "--jobs", "1", "volume"], in: folder.path)
        let parallel = try CLI.run(["scan", "--jobs", "2", "volume"], in: folder.path)
        #expect(serial.stdout == outcome.stdout && parallel.stdout == outcome.stdout)
    }

    @Test func otherFormats() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        _ = try FakeVolume(in: folder)

        let csv = try CLI.run(["scan", "--format", "csv", "volume"], in: folder.path)
        let rows = csv.stdout.split(separator: "\n")
        #expect(rows.first == "record,path,status,kind,user,size,sha256,dirty,profiles,markedProfiles,marks,staleMarks,defaultProfiles,effectiveDays,error,deletedProfiles")
        #expect(rows.count == 8)
        #expect(rows.last?.hasPrefix("hive,volume/users/alice/NTUSER.DAT,ok,user,alice,69632,38a4eeeb") == true)
        #expect(csv.status == 2 && csv.stderr == Self.summary)

        let json = try CLI.run(["scan", "--format", "json", "volume"], in: folder.path)
        let document = try CLI.jsonObject(json.stdout)
        #expect((document["records"] as? [Any])?.count == 7)
        #expect((document["summary"] as? [String: Any])?["errors"] as? Int == 2)
        #expect(document["schemaVersion"] as? Int == 2)

        let text = try CLI.run(["scan", "--format", "text", "volume"], in: folder.path)
        #expect(text.stdout.hasSuffix(Self.summary))
        #expect(text.stdout.contains("ok     software volume/WINDOWS/system32/CONFIG/software - ProfileExpire: 3 days\n"))
        #expect(text.stderr.isEmpty)
    }

    /// Issue 9: a hive that crashes its worker is one error record; every good hive is still
    /// reported, in order, and every format stays well-formed.
    @Test func aWorkerCrashCostsOnlyItsHive() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        for name in ["a.DAT", "b-crash.DAT", "c.DAT"] { _ = try folder.copy(Fixtures.sample("NTUSER.DAT"), as: name) }
        _ = try folder.copy(Fixtures.sample("SOFTWARE"), as: "d-SOFTWARE")
        let environment = ["HIVETOOL_TEST_WORKER_CRASH_ON": "crash"]
        for jobs in ["1", "2"] {
            let jsonl = try CLI.run(["scan", "--jobs", jobs, folder.path], environment: environment)
            jsonl.expectFinished()
            #expect(jsonl.status == 2, "\(jsonl)")
            #expect(jsonl.stderr == "scan: 4 files, 3 hives read, 1 error; 12 profiles (6 marked), 10 marks (4 stale); 0 dirty\n")
            let records = try jsonl.stdout.split(separator: "\n").map { try CLI.jsonObject(String($0)) }
            #expect(records.map { ($0["path"] as? String).map { ($0 as NSString).lastPathComponent } } == ["a.DAT", "b-crash.DAT", "c.DAT", "d-SOFTWARE"])
            #expect(records.map { $0["status"] as? String } == ["ok", "error", "ok", "ok"])
            #expect((records[1]["error"] as? String)?.hasSuffix("worker crashed (SIGSEGV) while reading this file; other files are unaffected") == true)
        }
        let json = try CLI.run(["scan", "--format", "json", folder.path], environment: environment)
        #expect((try CLI.jsonObject(json.stdout)["records"] as? [Any])?.count == 4)
        let csv = try CLI.run(["scan", "--format", "csv", folder.path], environment: environment)
        #expect(csv.stdout.split(separator: "\n").count == 5 && csv.status == 2)
    }

    @Test func aHangingHiveTimesOutAndTheScanGoesOn() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        for name in ["a.DAT", "b-hang.DAT", "c.DAT"] { _ = try folder.copy(Fixtures.sample("NTUSER.DAT"), as: name) }
        let outcome = try CLI.run(["scan", "--timeout", "1", folder.path], environment: ["HIVETOOL_TEST_WORKER_HANG_ON": "hang"])
        #expect(outcome.status == 2, "\(outcome)")
        let records = try outcome.stdout.split(separator: "\n").map { try CLI.jsonObject(String($0)) }
        #expect(records.map { $0["status"] as? String } == ["ok", "timeout", "ok"])
        #expect((records[1]["error"] as? String)?.hasSuffix("timed out after 1 s (the per-hive time limit); its worker was killed") == true)
    }

    @Test func exitCodesForAllNoneAndNothing() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let good = try CLI.run(["scan", Fixtures.sample("NTUSER.DAT"), Fixtures.sample("SOFTWARE")])
        #expect(good.status == 0)
        #expect(good.stdout.split(separator: "\n").count == 2)

        FileManager.default.createFile(atPath: folder.file("NTUSER.DAT"), contents: Data())
        let bad = try CLI.run(["scan", folder.file("NTUSER.DAT"), folder.file("missing")])
        #expect(bad.status == 65, "\(bad)")
        #expect(bad.stdout.contains("\"errorKind\":\"fileNotFound\"") && bad.stdout.contains("the file is empty"))

        try FileManager.default.createDirectory(atPath: folder.file("empty"), withIntermediateDirectories: true)
        let nothing = try CLI.run(["scan", folder.file("empty")])
        #expect(nothing.status == 1)
        #expect(nothing.stderr.contains("no hive found"))

        #expect(try CLI.run(["scan"]).status == 64)
        #expect(try CLI.run(["scan", "--jobs", "0", "x"]).status == 64)
    }

    /// Issue 17: in a terminal, the progress bar (stderr) is erased before each record (stdout), so
    /// no record line shows a fragment of it; --no-progress shows none at all. `script` gives the
    /// command a terminal for both.
    @Test(.enabled(if: ExternalTool.isInstalled("script"), "script (util-linux) is not installed"))
    func progressNeverEndsUpInsideARecordLine() throws {
        let command = "'\(Fixtures.hivetoolExecutable)' scan --jobs 2 --format text samples"
        let terminal = try ExternalTool.run("script", ["-qc", command, "/dev/null"], currentDirectory: Fixtures.projectRoot.path)
        #expect(terminal.status == 0, "\(terminal.stdout)")
        // What the terminal shows on each line: the text after the last erase-line sequence.
        let shown = terminal.stdout.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n").map { line in
            line.components(separatedBy: "\r\u{1B}[K").last ?? line
        }
        let records = shown.filter { $0.contains("samples/") }
        #expect(records.count >= 2, "\(shown)")
        for line in shown {
            let fragment = line.contains("[#") || line.contains("[.") || line.range(of: #"\d+/\d+ hives"#, options: .regularExpression) != nil
            #expect(!fragment, "progress inside a line: \(line.debugDescription)")
        }
        #expect(terminal.stdout.contains("\(records.count)/\(records.count) hives"), "no progress shown on a terminal")

        let quiet = try ExternalTool.run("script", ["-qc", command + " --no-progress", "/dev/null"], currentDirectory: Fixtures.projectRoot.path)
        #expect(quiet.status == 0 && !quiet.stdout.contains("[#") && quiet.stdout.contains("samples/NTUSER.DAT"), "\(quiet.stdout)")
    }
}
