import Foundation
import Testing
import TestSupport

/// JSON outputs on the samples, parsed and checked field by field (the golden tests cover the text).
@Suite("Sample outputs")
struct SampleOutputTests {
    @Test("get --format json gives ProfileExpire as a REG_DWORD 3")
    func getJSON() throws {
        let outcome = try CLI.run("get", "--format", "json", "samples/SOFTWARE", #"Wow6432Node\KVS\Enterprise Vault\Agents"#, "ProfileExpire")
        outcome.expectQuietSuccess()
        let json = try CLI.jsonObject(outcome.stdout)
        #expect(json["schemaVersion"] as? Int == 2)
        #expect(json["key"] as? String == #"Wow6432Node\KVS\Enterprise Vault\Agents"#)
        let values = try #require(json["values"] as? [[String: Any]])
        #expect(values.count == 1)
        #expect(values.first?["name"] as? String == "ProfileExpire")
        #expect(values.first?["type"] as? String == "REG_DWORD")
        #expect(values.first?["data"] as? Int == 3)
        #expect(values.first?["hex"] as? String == "03000000")
    }

    @Test("Key and value names are matched in any letter case")
    func caseInsensitiveGet() throws {
        let outcome = try CLI.run("get", "samples/SOFTWARE", #"wow6432node\KVS\ENTERPRISE VAULT\agents"#, "profileexpire")
        outcome.expectQuietSuccess()
        #expect(outcome.stdout == "3\n")
    }

    @Test("info --format json on samples/SOFTWARE")
    func infoJSON() throws {
        let outcome = try CLI.run("info", "--format", "json", "samples/SOFTWARE")
        outcome.expectQuietSuccess()
        let json = try CLI.jsonObject(outcome.stdout)
        #expect(json["schemaVersion"] as? Int == 2)
        #expect(json["keyCount"] as? Int == 16)
        #expect(json["valueCount"] as? Int == 22)
        #expect(json["rootName"] as? String == "ROOT")
        #expect((json["problems"] as? [Any])?.isEmpty == true)
        let hive = try #require(json["hive"] as? [String: Any])
        #expect(hive["path"] as? String == "samples/SOFTWARE")
        #expect(hive["dirty"] as? Bool == false)
        #expect(hive["size"] as? Int == 20480)
        let header = try #require(json["header"] as? [String: Any])
        #expect(header["fileType"] as? String == "primary")
        #expect(header["checksumValid"] as? Bool == true)
        #expect(header["truncated"] as? Bool == false)
        #expect(header["embeddedFileName"] as? String == "SOFTWARE")
    }

    @Test("ls --format json lists Control Panel\\Desktop's values")
    func lsJSON() throws {
        let outcome = try CLI.run("ls", "--format", "json", "samples/NTUSER.DAT", #"Control Panel\Desktop"#)
        outcome.expectQuietSuccess()
        let json = try CLI.jsonObject(outcome.stdout)
        #expect((json["subkeys"] as? [Any])?.isEmpty == true)
        let values = try #require(json["values"] as? [[String: Any]])
        #expect(values.compactMap { $0["name"] as? String }
            == ["MenuShowDelay", "PreferredUILanguages", "ScreenSaveTimeOut", "Wallpaper", "WallpaperStyle"])
        let languages = try #require(values.first { $0["name"] as? String == "PreferredUILanguages" })
        #expect(languages["type"] as? String == "REG_MULTI_SZ")
        #expect(languages["data"] as? [String] == ["en-US", "de-DE"])
    }

    @Test("The jsonl output has one parseable record per profile and per deletion mark")
    func jsonlRecords() throws {
        let outcome = try CLI.run("list-profiles", "--format", "jsonl", "samples/NTUSER.DAT")
        outcome.expectQuietSuccess()
        let lines = outcome.stdout.split(separator: "\n")
        #expect(lines.count == 1 + 6 + 5)
        let all = try lines.map { try CLI.jsonObject(String($0)) }
        // The hive record first, then the profiles and marks, each naming the hive and its hash.
        let hive = try #require(all.first)
        #expect(hive["record"] as? String == "hive" && hive["path"] as? String == "samples/NTUSER.DAT" && hive["kind"] as? String == "user")
        #expect(hive["sha256"] as? String == "38a4eeeb670fb605b9b5108d76fac305b6199f89a6e9f9c3c3c6c8a6bc744bcb")
        let records = Array(all.dropFirst())
        #expect(records.map { $0["record"] as? String } == Array(repeating: "profile", count: 6) + Array(repeating: "mark", count: 5))
        #expect(records.allSatisfy { $0["hive"] as? String == "samples/NTUSER.DAT" && $0["hiveSha256"] as? String == hive["sha256"] as? String })
        #expect(records.prefix(6).compactMap { $0["name"] as? String }
            == ["EVTemp-0001", "Exchange Service", "Outlook", "Old Profile", "Work", "Ünïcode Prófile"])
        #expect(records.suffix(5).compactMap { $0["profile"] as? String }
            == ["Exchange Service", "EVTemp-0001", "Gone Profile", "Old Profile", "Retired 2019"])
    }

    @Test("Reading the samples leaves them unchanged", arguments: [
        ["list-profiles", "samples/NTUSER.DAT"], ["info", "samples/NTUSER.DAT"], ["ls", "samples/NTUSER.DAT"],
        ["get", "samples/SOFTWARE", #"Wow6432Node\KVS\Enterprise Vault\Agents"#],
    ])
    func samplesUnchanged(_ arguments: [String]) throws {
        let sample = Fixtures.projectRoot.appendingPathComponent(arguments[1]).path
        let before = try FileSnapshot(sample)
        let outcome = try CLI.run(arguments)
        outcome.expectQuietSuccess()
        #expect(!outcome.stdout.isEmpty)
        #expect(try FileSnapshot(sample) == before)
    }
}
