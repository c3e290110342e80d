import Foundation
import Hivex
import Testing
import TestSupport
@testable import HivetoolKit

/// SID-CRC containers in every plausible spelling, inside and beside `Profiles`, in every layout.
@Suite struct DeletedProfilesTests {
    @Test(arguments: [
        ("Deleted Profiles", nil), ("Deleted Profiles1A2B3C4D", "1A2B3C4D"), ("Deleted Profiles 0badf00d", "0badf00d"),
        ("Deleted Profiles-12345678", "12345678"), ("deleted profiles_AbC", "AbC"), ("DELETED PROFILES  x", " x"),
    ] as [(String, String?)])
    func sidCRCIsTheRestOfTheNameWithOneSeparatorRemoved(name: String, crc: String?) {
        #expect(DeletedProfilesContainer.isContainer(name))
        #expect(DeletedProfilesContainer.sidCRC(ofContainer: name) == crc)
    }

    @Test func otherNamesAreNotContainers() {
        for name in ["Deleted Profile", "Outlook", "My Deleted Profiles", ""] {
            #expect(!DeletedProfilesContainer.isContainer(name))
        }
    }

    /// A hive with marks in all three spellings inside and beside `Profiles` for three layouts.
    func makeHive(in folder: TemporaryDirectory) throws -> String {
        let base = folder.file("base")
        try EmptyHive.write(to: base)
        let hive = try Hive(path: base, options: .writable)
        let wms = ProfileLayout.windowsMessagingSubsystem
        try hive.setValue(.string("DefaultProfile", "P1"), in: hive.addKeys(at: wms.profilesPath))
        for name in ["P1", "P2", "P3"] { try hive.addKeys(at: wms.profilesPath + "\\" + name + "\\0a0d020000000000c000000000000046") }
        try hive.addKeys(at: wms.profilesPath + #"\Deleted Profiles1A2B3C4D\P1"#)
        try hive.addKeys(at: wms.profilesPath + #"\Deleted Profiles 0badf00d\P2"#)
        try hive.addKeys(at: wms.parentPath + #"\Deleted Profiles-12345678\P3"#)
        try hive.addKeys(at: wms.parentPath + #"\DELETED PROFILES\Gone"#)

        let office15 = ProfileLayout.office15
        try hive.addKeys(at: office15.profilesPath + #"\A"#)
        try hive.setValue(.string("DefaultProfile", "A"), in: hive.requireKey(at: office15.parentPath))
        try hive.addKeys(at: office15.parentPath + #"\Deleted Profiles1A2B3C4D\A"#)
        try hive.addKeys(at: office15.profilesPath + #"\Deleted Profiles-12345678\B"#)
        try hive.addKeys(at: office15.profilesPath + #"\Deleted Profiles 0badf00d\a"#)

        let old9x = ProfileLayout.windows9x.profilesPath
        try hive.addKeys(at: old9x + #"\Old9x"#)
        try hive.setValue(.string("DefaultProfile", "Old9x"), in: hive.requireKey(at: old9x))
        try hive.commit(to: folder.file("NTUSER.DAT"))
        return folder.file("NTUSER.DAT")
    }

    @Test func marksInEverySpellingAndPlacementAreFound() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let result = try ProfileInventory(hive: Hive(path: makeHive(in: folder)))
        #expect(result.roots.map(\.layout) == [.windowsMessagingSubsystem, .office15, .windows9x])
        #expect(result.roots.map(\.defaultProfile) == ["P1", "A", "Old9x"])
        #expect(result.profiles.map(\.name) == ["P1", "P2", "P3", "A", "Old9x"])
        #expect(result.profiles.map(\.status) == [.markedForDeletion, .markedForDeletion, .markedForDeletion, .markedForDeletion, .active])
        #expect(result.profiles.map(\.isDefault) == [true, false, false, true, true])
        #expect(result.profiles.first { $0.name == "A" }?.markedIn == ["Deleted Profiles 0badf00d", "Deleted Profiles1A2B3C4D"])
        let marks = result.deletedProfileMarks.map { "\($0.layout.rawValue) \($0.placement) \($0.container) [\($0.sidCRC ?? "-")] \($0.profile) \($0.profileExists)" }
        #expect(marks == [
            "windows-messaging-subsystem inside-profiles Deleted Profiles 0badf00d [0badf00d] P2 true",
            "windows-messaging-subsystem inside-profiles Deleted Profiles1A2B3C4D [1A2B3C4D] P1 true",
            "windows-messaging-subsystem beside-profiles DELETED PROFILES [-] Gone false",
            "windows-messaging-subsystem beside-profiles Deleted Profiles-12345678 [12345678] P3 true",
            "office-15.0 inside-profiles Deleted Profiles 0badf00d [0badf00d] a true",
            "office-15.0 inside-profiles Deleted Profiles-12345678 [12345678] B false",
            "office-15.0 beside-profiles Deleted Profiles1A2B3C4D [1A2B3C4D] A true",
        ])
        #expect(result.profiles.first?.sectionCount == 1)
    }
}
