import Foundation
import Testing
import TestSupport

/// Copies of samples/NTUSER.DAT in which one key's subkey list is its parent's, so the key is its own
/// subkey. Nothing may hang; `info` must stop at the loop and say so.
@Suite("Looping subkey lists")
struct LoopingSubkeyListTests {
    static let workKey = #"Software\Microsoft\Office\16.0\Outlook\Profiles\Work"#
    static let profiles16 = #"Software\Microsoft\Office\16.0\Outlook\Profiles"#

    /// A copy of samples/NTUSER.DAT with a loop at `keyPath`.
    static func loopingCopy(at keyPath: String, in directory: TemporaryDirectory) throws -> String {
        let path = try directory.copy(Fixtures.sample("NTUSER.DAT"))
        try HiveSurgery.makeSubkeyListLoop(path: path, keyPath: keyPath)
        return path
    }

    // MARK: A loop inside a profile (Office 16.0 profile Work)

    @Test("The surgery makes Work its own subkey")
    func workLoopIsReal() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try Self.loopingCopy(at: Self.workKey, in: directory)
        let outcome = try CLI.run(["ls", "--format", "json", path, Self.workKey + #"\Work\Work\Work"#])
        outcome.expectQuietSuccess()
        let json = try CLI.jsonObject(outcome.stdout)
        let subkeys = try #require(json["subkeys"] as? [[String: Any]])
        #expect(subkeys.compactMap { $0["name"] as? String } == ["Old Profile", "Work", "Ünïcode Prófile"])
    }

    @Test("list-profiles stops at a loop inside a profile, reports it, and exits 65")
    func listProfilesWorkLoop() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try Self.loopingCopy(at: Self.workKey, in: directory)
        let before = try FileSnapshot(path)

        let outcome = try CLI.run("list-profiles", "--format", "json", path)
        outcome.expectError(65, containing: [path, "1 part(s) could not be read"])
        let json = try CLI.jsonObject(outcome.stdout)
        #expect(json["problems"] as? [String] == [Self.workKey + ": its subkey list loops back to an enclosing key; not followed"])
        let profiles = try #require(json["profiles"] as? [[String: Any]])
        #expect(profiles.compactMap { $0["name"] as? String }
            == ["EVTemp-0001", "Exchange Service", "Outlook", "Old Profile", "Work", "Ünïcode Prófile"])
        // Work's own sections are unreachable through the looped list, so it reads as empty.
        let work = try #require(profiles.first { $0["name"] as? String == "Work" })
        #expect(work["sectionCount"] as? Int == 0)
        #expect(work["isDefault"] as? Bool == true)
        // The profiles beside it are read in full.
        let unicode = try #require(profiles.first { $0["name"] as? String == "Ünïcode Prófile" })
        #expect((unicode["dataFiles"] as? [[String: Any]])?.first?["path"] as? String == #"D:\Mail\archive 2019.pst"#)
        #expect((json["deletedProfileMarks"] as? [Any])?.count == 5)
        #expect(try FileSnapshot(path) == before)

        let text = try CLI.run("list-profiles", path)
        text.expectError(65, containing: [path])
        #expect(text.stdout.contains("PROBLEM: \(Self.workKey): its subkey list loops back to an enclosing key; not followed\n"), "\(text)")
    }

    @Test("info stops at a loop inside a profile, lists it, and exits 65")
    func infoWorkLoop() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try Self.loopingCopy(at: Self.workKey, in: directory)
        let expectedProblems = [
            Self.workKey + #"\Old Profile: key already visited as "# + Self.profiles16 + #"\Old Profile (subkey lists loop); not descended"#,
            Self.workKey + #"\Work: key already visited as "# + Self.workKey + #" (subkey lists loop); not descended"#,
            Self.profiles16 + #"\Ünïcode Prófile: key already visited as "# + Self.workKey + #"\Ünïcode Prófile (subkey lists loop); not descended"#,
        ]
        let stderr = "hivetool: \(path): hive is corrupt: the walk stopped at 3 place(s); counts are incomplete\n"

        let text = try CLI.run("info", path)
        text.expectError(65, containing: [path])
        #expect(text.stderr == stderr)
        #expect(text.stdout.hasPrefix("File:            \(path)\n"), "\(text)")
        #expect(text.stdout.hasSuffix(expectedProblems.map { "Problem:         \($0)\n" }.joined()), "\(text)")
        #expect(text.stdout.contains("Keys:            66\nValues:          152\n"), "\(text)")

        let json = try CLI.run("info", "--format", "json", path)
        json.expectError(65, containing: [path])
        #expect(json.stderr == stderr)
        let object = try CLI.jsonObject(json.stdout)
        #expect(object["problems"] as? [String] == expectedProblems)
        #expect(object["keyCount"] as? Int == 66)
        #expect(object["valueCount"] as? Int == 152)
    }

    // MARK: A loop at Software

    @Test("list-profiles on a loop at Software says the profile roots are unreachable and exits 65, never \"No MAPI profiles\"")
    func listProfilesSoftwareLoop() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try Self.loopingCopy(at: "Software", in: directory)
        let before = try FileSnapshot(path)

        // Software's subkeys are now the root's (Control Panel, Environment, Software): the profile
        // roots below Software\Microsoft cannot be reached, which is not the same as absent.
        let outcome = try CLI.run("list-profiles", "--format", "json", path)
        outcome.expectError(65, containing: [path, "4 part(s) could not be read; the listing is incomplete"])
        let json = try CLI.jsonObject(outcome.stdout)
        let problems = try #require(json["problems"] as? [String])
        #expect(problems == [
            #"Software\Microsoft\Windows NT\CurrentVersion\Windows Messaging Subsystem\Profiles: cannot be read: hive is corrupt: cannot tell whether subkey "Microsoft" exists: its subkey list loops back to an enclosing key (at Software)"#,
            #"Software\Microsoft\Office\15.0\Outlook\Profiles: cannot be read: hive is corrupt: cannot tell whether subkey "Microsoft" exists: its subkey list loops back to an enclosing key (at Software)"#,
            #"Software\Microsoft\Office\16.0\Outlook\Profiles: cannot be read: hive is corrupt: cannot tell whether subkey "Microsoft" exists: its subkey list loops back to an enclosing key (at Software)"#,
            #"Software\Microsoft\Windows Messaging Subsystem\Profiles: cannot be read: hive is corrupt: cannot tell whether subkey "Microsoft" exists: its subkey list loops back to an enclosing key (at Software)"#,
        ], "\(outcome)")
        #expect((json["profiles"] as? [Any])?.isEmpty == true)

        let text = try CLI.run("list-profiles", path)
        text.expectError(65, containing: [path])
        #expect(!text.stdout.contains("No MAPI profiles"), "\(text)")
        #expect(text.stdout.contains("PROBLEM: " + problems[0] + "\n"), "\(text)")
        #expect(try FileSnapshot(path) == before)
    }

    @Test("info stops at a loop at Software, lists it, and exits 65")
    func infoSoftwareLoop() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try Self.loopingCopy(at: "Software", in: directory)
        let outcome = try CLI.run("info", "--format", "json", path)
        outcome.expectError(65, containing: [path, "hive is corrupt: the walk stopped at 3 place(s); counts are incomplete"])
        let json = try CLI.jsonObject(outcome.stdout)
        #expect(json["problems"] as? [String] == [
            #"Software\Control Panel: key already visited as Control Panel (subkey lists loop); not descended"#,
            #"Software\Environment: key already visited as Environment (subkey lists loop); not descended"#,
            #"Software\Software: key already visited as Software (subkey lists loop); not descended"#,
        ])
        #expect(json["keyCount"] as? Int == 6)
        #expect(json["valueCount"] as? Int == 10)

        let text = try CLI.run("info", path)
        text.expectError(65, containing: [path])
        #expect(text.stdout.contains("Problem:         Software\\Software: key already visited as Software (subkey lists loop); not descended\n"), "\(text)")
    }

    @Test("ls and get follow a looping path without hanging", arguments: [Self.workKey, "Software"])
    func lsAndGetOnLoop(_ keyPath: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try Self.loopingCopy(at: keyPath, in: directory)
        let deep = Array(repeating: keyPath.split(separator: "\\").last!, count: 50).joined(separator: "\\")
        let deepPath = keyPath + "\\" + deep
        let ls = try CLI.run("ls", path, deepPath)
        ls.expectQuietSuccess()
        // The listing is headed by the key's real path, however it was reached.
        #expect(ls.stdout.hasPrefix(keyPath + "  (last write 2024-05-01T09:30:00Z)\n"), "\(ls)")
        let get = try CLI.run("get", path, deepPath, "NoSuchValue")
        get.expectError(1, containing: [path, #"value "NoSuchValue" not found"#])
    }
}
