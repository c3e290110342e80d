import Foundation
import Hivex
import Testing
import TestSupport
@testable import HivetoolKit

/// Deleted MAPI profiles and marks recovered from free space, read by the live profile reader.
@Suite struct DeletedProfileRecoveryTests {
    static let wms = #"Software\Microsoft\Windows NT\CurrentVersion\Windows Messaging Subsystem\Profiles"#
    static let office16 = #"Software\Microsoft\Office\16.0\Outlook"#
    static let outlookPST = #"C:\Users\jdoe\Documents\Outlook Files\jdoe@example.com.pst"#

    /// A copy of samples/NTUSER.DAT in `folder` with `keyPath` deleted by hivex (hivetool's way) or like Windows.
    static func sample(in folder: TemporaryDirectory, deleting keyPaths: [String], likeWindows: Bool) throws -> String {
        let path = try folder.copy(Fixtures.sample("NTUSER.DAT"))
        for keyPath in keyPaths {
            if likeWindows {
                try WindowsLikeDeletion.deleteKey(keyPath, in: path)
            } else {
                let hive = try Hive(path: path, options: .writable)
                try hive.deleteKey(hive.requireKey(at: keyPath))
                try hive.commit(to: path + ".new")
                #expect(rename(path + ".new", path) == 0)
            }
        }
        return path
    }

    static func inventory(_ path: String) throws -> ReadProfiles {
        try ReadProfiles(Hive(path: path), includingDeleted: true)
    }

    @Test func sampleHasNoDeletedProfilesAndTheListsAreNilWhenNotAskedFor() throws {
        let found = try Self.inventory(Fixtures.sample("NTUSER.DAT"))
        #expect(found.deletedProfiles == [] && found.recoveredMarks == [])
        let plain = try ProfileInventory(hive: Hive(path: Fixtures.sample("NTUSER.DAT")))
        #expect(plain.deletedProfiles == nil && plain.recoveredMarks == nil)
        #expect(plain.profiles == found.profiles && plain.warnings == found.warnings)
    }

    @Test func profileDeletedLikeWindowsIsDecodedExactlyAsItWasWhenLive() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let live = try #require(try Self.inventory(Fixtures.sample("NTUSER.DAT")).profiles
            .first { $0.layout == .windowsMessagingSubsystem && $0.name == "Outlook" })
        let path = try Self.sample(in: folder, deleting: [Self.wms + #"\Outlook"#], likeWindows: true)

        let inventory = try Self.inventory(path)
        #expect(!inventory.profiles.contains { $0.layout == .windowsMessagingSubsystem && $0.name == "Outlook" })
        let deleted = try #require(inventory.deletedProfiles?.first { $0.name == "Outlook" }, "\(String(describing: inventory.deletedProfiles))")
        #expect(deleted.layout == .windowsMessagingSubsystem)
        #expect(deleted.keyPath == Self.wms + #"\Outlook"# && deleted.recovery?.pathComplete == true)
        #expect(deleted.status == .deleted && deleted.recordName == "deleted-profile")
        #expect(deleted.recovery?.valuesRecoverable == true && deleted.recovery?.notes == [])
        #expect(deleted.recovery?.source == .freeCell)
        #expect(deleted.dataFiles.map(\.path) == [Self.outlookPST])
        #expect(deleted.accounts.contains { $0.email == "jdoe@example.com" && $0.servers["pop3"] == "pop.example.com" })
        // One reader over two sources: the recovered profile decodes to what the live one was.
        #expect(deleted.services == live.services && deleted.accounts == live.accounts && deleted.dataFiles == live.dataFiles)
        #expect(deleted.exchange == live.exchange && deleted.sectionCount == live.sectionCount)
        #expect(deleted.undecodableValues == live.undecodableValues && deleted.lastWrite == live.lastWrite)
        // DefaultProfile still names it: said plainly.
        #expect(deleted.isDefault)
        #expect(inventory.warnings.contains { $0.contains("\"Outlook\"") && $0.contains("exists only as a deleted profile") })
    }

    @Test func profileDeletedByHivexComesBackWithItsKeysButNoGuessedValues() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try Self.sample(in: folder, deleting: [Self.wms + #"\Outlook"#], likeWindows: false)
        let inventory = try Self.inventory(path)
        let deleted = try #require(inventory.deletedProfiles?.first { $0.name == "Outlook" })
        #expect(deleted.recovery?.pathComplete == true && deleted.sectionCount == 8)
        #expect(deleted.recovery?.valuesRecoverable == false)
        #expect(deleted.recovery?.notes.contains { $0.hasPrefix("values not recoverable") } == true)
        #expect(deleted.dataFiles.isEmpty && deleted.services.isEmpty)
    }

    @Test func wholeDeletedSubtreeGivesEveryProfileAndMarkOfTheLayout() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try Self.sample(in: folder, deleting: [#"Software\Microsoft\Office\16.0"#], likeWindows: true)
        let inventory = try Self.inventory(path)
        #expect(!inventory.roots.contains { $0.layout == .office16 })
        let deleted = (inventory.deletedProfiles ?? []).filter { $0.layout == .office16 }
        #expect(Set(deleted.map(\.name)) == ["Old Profile", "Work", "Ünïcode Prófile"])
        #expect(deleted.allSatisfy { $0.recovery?.pathComplete == true && $0.keyPath.hasPrefix(Self.office16 + #"\Profiles\"#) })
        let work = try #require(deleted.first { $0.name == "Work" })
        #expect(work.dataFiles.map(\.kind) == ["ost"])
        #expect(work.accounts.contains { $0.email == "work@example.org" && $0.servers["imap"] == "imap.example.org" })
        let unicode = try #require(deleted.first { $0.name == "Ünïcode Prófile" })
        #expect(unicode.dataFiles.map(\.path) == [#"D:\Mail\archive 2019.pst"#])
        // The marks beside Profiles went with the subtree: recovered, SID CRC reported verbatim.
        let marks = (inventory.recoveredMarks ?? []).filter { $0.layout == .office16 }
        #expect(Set(marks.map(\.profile)) == ["Old Profile", "Retired 2019"])
        let old = try #require(marks.first { $0.profile == "Old Profile" })
        #expect(old.container == "Deleted Profiles 0badf00d" && old.sidCRC == "0badf00d" && old.placement == .besideProfiles)
        #expect(old.recovery?.deletedProfileRecovered == true && !old.profileExists && old.recordName == "recovered-mark")
        #expect(deleted.first { $0.name == "Old Profile" }?.recovery?.recoveredMarks == [old.keyPath])
        // Containers are never profiles.
        #expect(!(inventory.deletedProfiles ?? []).contains { DeletedProfilesContainer.isContainer($0.name) })
    }

    @Test func deletedMarkIsRecoveredAsEvidenceAndIsNoProfile() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let markPath = Self.wms + #"\Deleted Profiles1A2B3C4D\Gone Profile"#
        let path = try Self.sample(in: folder, deleting: [markPath], likeWindows: false)
        let inventory = try Self.inventory(path)
        #expect(!inventory.deletedProfileMarks.contains { $0.profile == "Gone Profile" })
        let mark = try #require(inventory.recoveredMarks?.first)
        #expect(inventory.recoveredMarks?.count == 1)
        #expect(mark.profile == "Gone Profile" && mark.keyPath == markPath && mark.recovery?.pathComplete == true)
        #expect(mark.container == "Deleted Profiles1A2B3C4D" && mark.sidCRC == "1A2B3C4D" && mark.placement == .insideProfiles)
        #expect(mark.layout == .windowsMessagingSubsystem && !mark.profileExists && mark.recovery?.deletedProfileRecovered == false)
        #expect(inventory.deletedProfiles == [])
    }

    @Test func textJSONLinesAndCSVCarryTheDeletedProfiles() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try Self.sample(in: folder, deleting: [Self.wms + #"\Outlook"#], likeWindows: true)
        let inventory = try Self.inventory(path)
        var text = ""
        inventory.writeText(to: &text)
        #expect(text.contains("Deleted profiles (recovered from free space) (1):"))
        #expect(text.contains("data file: " + Self.outlookPST + " (pst)"))
        var lines = ""
        try inventory.writeJSONLines(to: &lines)
        #expect(lines.contains(#""record":"deleted-profile""#))
        var csv = ""
        inventory.writeCSV(to: &csv, header: true)
        #expect(csv.split(separator: "\n").contains { $0.hasPrefix("deleted-profile,") && $0.contains(",Outlook,") })
    }

    @Test(arguments: [
        ([#"Software"#, "Microsoft", "Office", "16.0", "Outlook", "Profiles", "Gone"], true, DeletedProfileFinder.Place.profile(.office16)),
        (["16.0", "Outlook", "Profiles", "Gone"], false, .profile(.office16)),
        (["CurrentVersion", "Windows Messaging Subsystem", "Profiles", "X"], false, .profile(.windowsMessagingSubsystem)),
        (["Outlook", "Profiles", "X"], false, nil),  // Office 15.0 or 16.0: not recognisable
        (["Profiles", "X"], false, nil),
        (["Software", "Microsoft", "Office", "16.0", "Outlook", "Profiles", "Deleted Profiles"], true, nil),
        (["Software", "Microsoft", "Office", "16.0", "Outlook", "Deleted Profiles 1", "X"], true,
         .mark(.office16, container: "Deleted Profiles 1", placement: .besideProfiles)),
        (["SOFTWARE", "Microsoft", "Windows NT", "CurrentVersion", "Windows Messaging Subsystem", "Profiles", "Deleted Profiles", "X"], true,
         .mark(.windowsMessagingSubsystem, container: "Deleted Profiles", placement: .insideProfiles)),
        (["Software", "Microsoft", "Office", "16.0", "Outlook", "Profiles", "Work", "9375CFF0413111d3B88A00104B2A6676"], true, nil),
    ] as [([String], Bool, DeletedProfileFinder.Place?)])
    func recoveredPathsArePlacedInALayoutOnlyWhenUnambiguous(components: [String], complete: Bool, expected: DeletedProfileFinder.Place?) {
        #expect(DeletedProfileFinder.place(of: components, complete: complete) == expected)
    }
}
