import Foundation
import Hivex
import Testing
import TestSupport
@testable import HivetoolKit

@Suite struct ProfileInventoryTests {
    func inventory(_ path: String) throws -> ReadProfiles {
        try ReadProfiles(Hive(path: path))
    }

    @Test func sampleNTUSERHasBothLayoutsMarksAndAccounts() throws {
        let path = Fixtures.sample("NTUSER.DAT")
        let before = try FileSnapshot(path)
        let result = try inventory(path)
        #expect(try FileSnapshot(path) == before)

        #expect(result.roots.map(\.layout) == [.windowsMessagingSubsystem, .office16])
        #expect(result.roots.map(\.defaultProfile) == ["Outlook", "Work"])
        #expect(result.hive.dirty == false)
        #expect(result.warnings.isEmpty)
        #expect(result.problems.isEmpty)

        let byName = Dictionary(uniqueKeysWithValues: result.profiles.map { ($0.name, $0) })
        #expect(Set(byName.keys) == ["Outlook", "Exchange Service", "EVTemp-0001", "Work", "Ünïcode Prófile", "Old Profile"])
        #expect(!result.profiles.contains { DeletedProfilesContainer.isContainer($0.name) })

        let outlook = try #require(byName["Outlook"])
        #expect(outlook.layout == .windowsMessagingSubsystem)
        #expect(outlook.isDefault && outlook.status == .active)
        #expect(outlook.services.map(\.name) == ["CONTAB", "MSUPST MS"])
        #expect(outlook.dataFiles.map(\.path) == [#"C:\Users\jdoe\Documents\Outlook Files\jdoe@example.com.pst"#])
        let pop = try #require(outlook.accounts.first { $0.email == "jdoe@example.com" })
        #expect(pop.name == "jdoe@example.com")
        #expect(pop.servers == ["pop3": "pop.example.com", "smtp": "smtp.example.com"])
        #expect(pop.userName == "jdoe")
        #expect(pop.encryptedPasswords == ["POP3 Password2"])
        #expect(outlook.accounts.map(\.name) == ["jdoe@example.com", "Outlook Data File"])

        let exchange = try #require(byName["Exchange Service"])
        #expect(exchange.status == .markedForDeletion && exchange.markedIn == ["Deleted Profiles"])
        #expect(exchange.services.map(\.name) == ["MSEMS"])
        #expect(exchange.exchange?.server == "EXCH01.example.local")
        #expect(exchange.exchange?.mailbox == "/o=Example/ou=Exchange Administrative Group/cn=Recipients/cn=evservice")
        #expect(exchange.accounts.first?.name == "Microsoft Exchange")
        #expect(exchange.accounts.first?.email == "evservice@example.com")
        #expect(exchange.dataFiles.map(\.kind) == ["ost"])

        #expect(byName["EVTemp-0001"]?.markedIn == ["Deleted Profiles1A2B3C4D"])

        let work = try #require(byName["Work"])
        #expect(work.layout == .office16 && work.isDefault)
        #expect(work.accounts.contains { $0.email == "work@example.org" && $0.servers["imap"] == "imap.example.org" })
        #expect(work.dataFiles.map(\.path) == [#"C:\Users\jdoe\AppData\Local\Microsoft\Outlook\work@example.org.ost"#])
        #expect(byName["Ünïcode Prófile"]?.dataFiles.map(\.path) == [#"D:\Mail\archive 2019.pst"#])
        #expect(byName["Old Profile"]?.status == .markedForDeletion)

        let marks = result.deletedProfileMarks.map { [$0.profile, $0.container, $0.sidCRC ?? "nil", $0.placement.rawValue, String($0.profileExists)] }
        #expect(marks == [
            ["Exchange Service", "Deleted Profiles", "nil", "inside-profiles", "true"],
            ["EVTemp-0001", "Deleted Profiles1A2B3C4D", "1A2B3C4D", "inside-profiles", "true"],
            ["Gone Profile", "Deleted Profiles1A2B3C4D", "1A2B3C4D", "inside-profiles", "false"],
            ["Old Profile", "Deleted Profiles 0badf00d", "0badf00d", "beside-profiles", "true"],
            ["Retired 2019", "Deleted Profiles-12345678", "12345678", "beside-profiles", "false"],
        ])
        #expect(result.deletedProfileMarks[3].containerPath == #"Software\Microsoft\Office\16.0\Outlook\Deleted Profiles 0badf00d"#)
    }

    @Test func passwordBytesNeverReachTheOutput() throws {
        let path = Fixtures.sample("NTUSER.DAT")
        let hive = try Hive(path: path)
        let account = try hive.requireKey(at: #"Software\Microsoft\Windows NT\CurrentVersion\Windows Messaging Subsystem\Profiles\Outlook\9375CFF0413111d3B88A00104B2A6676\00000001"#)
        let password = try #require(try hive.value(named: "POP3 Password2", of: account))
        let secret = Hex.string(Array(password.data.dropFirst().prefix(8)))
        let result = try ReadProfiles(hive)
        for format in ListFormat.allCases {
            var text = ""
            try result.write(format, to: &text)
            #expect(!text.lowercased().contains(secret), "format \(format.rawValue) leaks password bytes")
            #expect(text.contains("POP3 Password2") || format == .csv || format == .text || format.timeline != nil)
        }
    }

    @Test(.enabled(if: Fixtures.hasSharedHives, "../shared/hives is absent"))
    func outlook2010Profile() throws {
        let result = try inventory(Fixtures.shared("real/NTUSER-outlook2010.DAT"))
        #expect(result.roots.map(\.layout) == [.windowsMessagingSubsystem])
        #expect(result.roots.first?.defaultProfile == "Outlook")
        let profile = try #require(result.profiles.first)
        #expect(result.profiles.count == 1)
        #expect(profile.name == "Outlook" && profile.isDefault && profile.status == .active)
        #expect(profile.services.map(\.name) == ["CONTAB", "OMSAB", "MSUPST MS"])
        #expect(profile.dataFiles.map(\.path) == [#"C:\Users\jmroberts\Documents\Outlook Files\Outlook.pst"#])
        #expect(profile.accounts.map(\.name) == ["Mobile Address Book", "Outlook Address Book", "Outlook Data File"])
        #expect(profile.sectionCount == 41)
        #expect(profile.lastWrite.map(Timestamp.iso8601) == "2015-01-06T16:05:48.232Z")
        #expect(result.deletedProfileMarks.isEmpty)
        #expect(result.hive.dirty == false)
    }

    @Test(.enabled(if: Fixtures.hasSharedHives, "../shared/hives is absent"))
    func outlook2016ProfileUnderUpperCaseSoftwareIsDirty() throws {
        let result = try inventory(Fixtures.shared("real/NTUSER-outlook2016.DAT"))
        #expect(result.roots.map(\.path) == [#"SOFTWARE\Microsoft\Office\16.0\Outlook\Profiles"#])
        #expect(result.roots.first?.layout == .office16)
        let profile = try #require(result.profiles.first)
        #expect(profile.name == "Outlook" && profile.isDefault)
        #expect(profile.dataFiles.map(\.path) == [#"C:\Users\tony\Documents\Outlook Files\Outlook.pst"#])
        #expect(profile.accounts.map(\.name) == ["Outlook Address Book", "Outlook Data File"])
        #expect(result.hive.dirty == true)
        #expect(result.warnings == ["hive is dirty: pending transaction-log data was not applied; recent changes may be missing"])
    }

    @Test(.enabled(if: Fixtures.hasSharedHives, "../shared/hives is absent"))
    func hiveWithoutOutlookHasEmptyLists() throws {
        let result = try inventory(Fixtures.shared("real/NTUSER-no-outlook.DAT"))
        #expect(result.roots.isEmpty && result.profiles.isEmpty && result.deletedProfileMarks.isEmpty && result.problems.isEmpty)
    }
}
