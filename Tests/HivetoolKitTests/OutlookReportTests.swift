import Foundation
import Hivex
import Testing
import TestSupport
@testable import HivetoolKit

/// `hivetool outlook`'s reader on the Outlook history sample and on the shared real hives, checked
/// against reglookup where it can read the same facts.
@Suite struct OutlookReportTests {
    static let sample = Fixtures.sample("NTUSER-outlook-history.DAT")
    static let outlook2010 = "real/NTUSER-outlook2010.DAT"
    static let outlook2016 = "real/NTUSER-outlook2016.DAT"
    static let office14 = #"Software\Microsoft\Office\14.0\Outlook"#

    func report(_ path: String, includingDeleted: Bool = true) throws -> OutlookReport {
        try OutlookReport(hashing: Hive(path: path), includingDeleted: includingDeleted)
    }

    @Test func theSampleHoldsOneOfEachFact() throws {
        let before = try FileSnapshot(Self.sample)
        let report = try report(Self.sample)
        #expect(try FileSnapshot(Self.sample) == before)
        #expect(report.problems.isEmpty && report.warnings.isEmpty)
        #expect(report.officeVersions.map(\.version) == ["16.0", nil])

        let manager = try #require(report.accountManagers.first)
        #expect(report.accountManagers.count == 1)
        #expect(manager.nextAccountID == 4)
        #expect(manager.accounts.compactMap(\.id) == [1, 3])
        let removed = try #require(manager.removedAccounts.first)
        #expect(manager.removedAccounts.count == 1 && removed.id == 2 && removed.keyName == "00000002")
        let recovered = try #require(removed.recovered, "the removed account's key is in free space")
        #expect(recovered.keyPath.hasSuffix(#"9375CFF0413111d3B88A00104B2A6676\00000002"#))
        #expect(recovered.account == nil, "hivex detached its values before freeing the key")
        #expect(removed.settingsSection != nil)

        #expect(report.orphanSections.count == 2)
        #expect(Set(report.orphanSections.compactMap(\.displayName)) == ["AcctSettings0002", "Archive 2019"])
        #expect(report.orphanSections.compactMap(\.storePath) == [OutlookHistorySampleFacts.uncPST])

        let files = Dictionary(uniqueKeysWithValues: report.dataFiles.map { ($0.path.lowercased(), $0) })
        #expect(files.count == 4)
        let unc = try #require(files[OutlookHistorySampleFacts.uncPST.lowercased()])
        #expect(unc.location == .unc && unc.attachment == .none)
        #expect(Set(unc.sightings.map(\.source)) == [.orphanSection, .search, .searchCatalog])
        let local = try #require(files[OutlookHistorySampleFacts.localPST.lowercased()])
        #expect(local.location == .local && local.attachment == .live)
        let removable = try #require(files[OutlookHistorySampleFacts.removablePST.lowercased()])
        #expect(removable.location == .removableLooking && Set(removable.sightings.map(\.source)) == [.searchCatalog, .lastCorruptStore])
        #expect(files.values.filter { $0.location == .oneDrive }.count == 1)

        #expect(report.identities.count == 2)
        #expect(report.identities.map(\.authHistory.count).sorted() == [1, 2])
        #expect(Set(report.identities.compactMap(\.provider)) == ["organisation", "Microsoft account"])
        #expect(report.identities.allSatisfy { $0.authHistoryHex == nil })

        #expect(report.addins.map(\.progID) == ["Example.Connect", "Legacy.Addin"])
        #expect(report.addins.first?.loadBehavior == 3)
        let categories = report.settings.map(\.category)
        #expect(categories.filter { $0 == .homePage }.count == 1)
        #expect(categories.filter { $0 == .homePagePolicy }.count == 1)
        #expect(categories.filter { $0 == .vba }.count == 2)
        #expect(categories.filter { $0 == .disabledItem }.count == 1)
        #expect(report.settings.contains { $0.statement == "home page of folder Inbox set to https://intranet.example.com/inbox.html" })
    }

    @Test func withoutTheFreeSpaceSearchRemovedAccountsAreStillListed() throws {
        let report = try report(Self.sample, includingDeleted: false)
        #expect(report.deletedProfiles == nil)
        #expect(report.removedAccounts.map(\.account.id) == [2])
        #expect(report.removedAccounts.allSatisfy { $0.account.recovered == nil })
    }

    @Test(.enabled(if: Fixtures.hasSharedHives && ExternalTool.isInstalled("reglookup"), "needs ../shared/hives and reglookup"))
    func outlook2010RemovedAccountsMatchReglookup() throws {
        let path = Fixtures.shared(Self.outlook2010)
        let report = try report(path)
        let managerPath = #"Software\Microsoft\Windows NT\CurrentVersion\Windows Messaging Subsystem\Profiles\Outlook\9375CFF0413111d3B88A00104B2A6676"#
        let reference = try Reglookup(hive: path, keyPath: managerPath)
        let next = try #require(reference.value("NextAccountID", of: managerPath))
        #expect(next.value == "0x0000000E")
        let ids = reference.subkeys(of: managerPath).compactMap { Int($0, radix: 16) }.sorted()
        #expect(ids == [1, 2, 4])

        let manager = try #require(report.accountManagers.first { $0.profile == "Outlook" })
        #expect(manager.nextAccountID == 14)
        #expect(manager.accounts.compactMap(\.id) == ids)
        #expect(manager.removedAccounts.map(\.id) == Array(1..<14).filter { !ids.contains($0) })
        #expect(manager.removedAccounts.count == 10)
        // Outlook named each account's settings section AcctSettings<id>: those of removed ids are orphans.
        #expect(manager.removedAccounts.filter { $0.settingsSection != nil }.count == 10)
    }

    @Test(.enabled(if: Fixtures.hasSharedHives && ExternalTool.isInstalled("reglookup"), "needs ../shared/hives and reglookup"))
    func outlook2010DataFilesMatchReglookup() throws {
        let path = Fixtures.shared(Self.outlook2010)
        let report = try report(path)
        let reference = try Reglookup(hive: path, keyPath: Self.office14)
        let search = reference.valueNames(of: Self.office14 + #"\Search"#)
        let catalog = reference.valueNames(of: Self.office14 + #"\Search\Catalog"#)
        #expect(search.count == 26 && catalog.count == 28)
        let sightings = report.dataFiles.flatMap(\.sightings)
        #expect(Set(sightings.filter { $0.source == .search }.map(\.value)) == Set(search))
        #expect(sightings.filter { $0.source == .search }.count == 26)
        #expect(Set(sightings.filter { $0.source == .searchCatalog }.map(\.value)) == Set(catalog))
        #expect(sightings.filter { $0.source == .searchCatalog }.count == 28)
        let corrupt = try #require(reference.value("LastCorruptStore", of: Self.office14 + #"\PST"#))
        #expect(sightings.filter { $0.source == .lastCorruptStore }.map(\.spelledAs) == [corrupt.value])
        #expect(corrupt.value.hasPrefix(#"A:\"#))

        let merged = Set((search + catalog + [corrupt.value]).map { $0.lowercased() })
        let profilePaths = report.profiles.flatMap(\.dataFiles).map { $0.path.lowercased() }
        #expect(profilePaths == [#"c:\users\jmroberts\documents\outlook files\outlook.pst"#])
        #expect(report.dataFiles.count == merged.union(profilePaths).count)
        #expect(report.dataFiles.filter { $0.attachment == .live }.map { $0.path.lowercased() } == profilePaths)
        #expect(report.dataFiles.filter { $0.path.hasPrefix(#"A:\"#) }.allSatisfy { $0.location == .removableLooking && $0.attachment == .none })
        #expect(report.dataFiles.contains { $0.path.hasPrefix(#"F:\"#) && $0.location == .removableLooking })
    }

    @Test(.enabled(if: Fixtures.hasSharedHives && ExternalTool.isInstalled("reglookup"), "needs ../shared/hives and reglookup"))
    func outlook2010AddinsAndDisabledItemsMatchReglookup() throws {
        let path = Fixtures.shared(Self.outlook2010)
        let report = try report(path)
        let office = #"Software\Microsoft\Office"#
        let reference = try Reglookup(hive: path, keyPath: office)
        let addins = reference.subkeys(of: office + #"\14.0\Outlook\Addins"#) + reference.subkeys(of: office + #"\Outlook\Addins"#)
        #expect(addins.count == 2)
        #expect(report.addins.map(\.progID).sorted() == addins.sorted())
        for addin in report.addins {
            let keyPath = office + #"\Outlook\Addins\"# + addin.progID
            #expect(reference.value("LoadBehavior", of: keyPath)?.value == addin.loadBehavior.map { String(format: "0x%08X", $0) })
        }
        let disabled = reference.valueNames(of: Self.office14 + #"\Resiliency\DisabledItems"#)
        #expect(disabled.count == 1)
        #expect(report.settings.filter { $0.category == .disabledItem }.map(\.value) == disabled)
        #expect(report.settings.contains { $0.category == .vba && $0.value == "LoadMacroProviderOnBoot" && $0.data == "0" })
        #expect(report.officeVersions.compactMap(\.version) == ["8.0", "14.0"])
    }

    @Test(.enabled(if: Fixtures.hasSharedHives && ExternalTool.isInstalled("reglookup"), "needs ../shared/hives and reglookup"))
    func outlook2016MatchesReglookup() throws {
        let path = Fixtures.shared(Self.outlook2016)
        let report = try report(path)
        let office16 = #"SOFTWARE\Microsoft\Office\16.0\Outlook"#
        let reference = try Reglookup(hive: path, keyPath: office16)
        let search = reference.valueNames(of: office16 + #"\Search"#).filter { $0.contains("\\") }
        let catalog = reference.valueNames(of: office16 + #"\Search\Catalog"#)
        let sightings = report.dataFiles.flatMap(\.sightings)
        #expect(sightings.filter { $0.source == .search }.map(\.value) == search && search.count == 1)
        #expect(sightings.filter { $0.source == .searchCatalog }.map(\.value) == catalog && catalog.count == 1)
        #expect(report.dataFiles.count == 1 && report.dataFiles.first?.attachment == .live)
        let managerPath = office16 + #"\Profiles\Outlook\9375CFF0413111d3B88A00104B2A6676"#
        let manager = try #require(report.accountManagers.first)
        #expect(reference.value("NextAccountID", of: managerPath)?.value == "0x00000003")
        #expect(manager.nextAccountID == 3 && manager.removedAccounts.isEmpty)
        #expect(manager.accounts.count == reference.subkeys(of: managerPath).count)
        #expect(report.officeVersions.compactMap(\.version) == ["8.0", "12.0", "15.0", "16.0"])
        #expect(report.identities.isEmpty, "the 16.0 Identities key has no subkeys")
    }

    @Test func theGlobalSectionsOSTPathIsADataFileOfItsOwnSource() throws {
        let report = try report(Fixtures.sample("NTUSER.DAT"))
        let ost = try #require(report.dataFiles.first { $0.path.hasSuffix(#"\evservice.ost"#) })
        #expect(ost.sightings.map(\.source) == [.globalSection])
        #expect(ost.attachment == .live && ost.kind == "ost" && ost.location == .local)
        // Every path list-profiles reports is among the data files, in all four layouts' profiles.
        let listed = Set(report.profiles.flatMap(\.dataFiles).map { $0.path.lowercased() })
        #expect(listed.isSubset(of: Set(report.dataFiles.map { $0.path.lowercased() })))
        #expect(report.accountManagers.count == report.profiles.filter { !$0.accounts.isEmpty }.count)
    }

    @Test func locationsAreReadFromTheSpellingAlone() {
        let local: Set<Character> = ["C", "D"]
        #expect(DataFileHistory.location(of: #"\\server\share\a.pst"#, localLetters: local) == .unc)
        #expect(DataFileHistory.location(of: #"C:\Users\x\OneDrive\a.pst"#, localLetters: local) == .oneDrive)
        #expect(DataFileHistory.location(of: #"C:\Users\x\OneDrive - Contoso\a.pst"#, localLetters: local) == .oneDrive)
        #expect(DataFileHistory.location(of: #"D:\a.pst"#, localLetters: local) == .local)
        #expect(DataFileHistory.location(of: #"a:\a.pst"#, localLetters: local) == .removableLooking)
        #expect(DataFileHistory.location(of: #"F:\a.pst"#, localLetters: local) == .removableLooking)
        #expect(DataFileHistory.location(of: "a.pst", localLetters: local) == .other)
        #expect(!DataFileHistory.looksLikeStorePath("IndexAvailableBody"))
    }

    @Test func authHistoryThatIsNotWholeFileTimesIsKeptAsHex() {
        let odd = OutlookReader.authHistory(.binary("AuthHistory", [1, 2, 3]))
        #expect(odd.times.isEmpty && odd.hex == "010203")
        let one = OutlookReader.authHistory(.binary("AuthHistory", [0x00, 0x80, 0x3E, 0xD5, 0xDE, 0xB1, 0x9D, 0x01]))
        #expect(one.times.count == 1 && one.hex == nil)
    }
}

/// The paths `make-samples` writes into samples/NTUSER-outlook-history.DAT.
enum OutlookHistorySampleFacts {
    static let localPST = #"C:\Users\jdoe\Documents\Outlook Files\jdoe@example.com.pst"#
    static let uncPST = #"\\fileserver\archive\jdoe-2019.pst"#
    static let removablePST = #"E:\Backup\old-mail.pst"#
}

/// Keys Windows deleted (values kept with the freed key): removed accounts and deleted profiles come
/// back with their values.
@Suite struct OutlookDeletedKeyTests {
    static let outlookProfile = #"Software\Microsoft\Windows NT\CurrentVersion\Windows Messaging Subsystem\Profiles\Outlook"#

    @Test func aRemovedAccountDeletedLikeWindowsIsDecodedFromFreeSpace() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.copy(Fixtures.sample("NTUSER.DAT"))
        try WindowsLikeDeletion.deleteKey(Self.outlookProfile + #"\9375CFF0413111d3B88A00104B2A6676\00000001"#, in: path)
        let report = try OutlookReport(hashing: Hive(path: path))
        let manager = try #require(report.accountManagers.first { $0.profile == "Outlook" })
        #expect(manager.nextAccountID == 3 && manager.accounts.compactMap(\.id) == [2])
        let removed = try #require(manager.removedAccounts.first)
        #expect(removed.id == 1)
        let account = try #require(removed.recovered?.account)
        #expect(account.name == "jdoe@example.com" && account.servers["pop3"] == "pop.example.com")
        #expect(account.encryptedPasswords == ["POP3 Password2"])
    }

    @Test func aDeletedProfilesDataFileIsAttachedToADeletedProfileOnly() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.copy(Fixtures.sample("NTUSER.DAT"))
        try WindowsLikeDeletion.deleteKey(Self.outlookProfile, in: path)
        let report = try OutlookReport(hashing: Hive(path: path))
        #expect(report.deletedProfiles?.map(\.name).contains("Outlook") == true)
        let pst = try #require(report.dataFiles.first { $0.path == #"C:\Users\jdoe\Documents\Outlook Files\jdoe@example.com.pst"# })
        #expect(pst.attachment == .deleted)
        #expect(pst.sightings.map(\.source) == [.deletedProfileSection])
        #expect(report.accountManagers.contains { $0.profile == "Outlook" && $0.profileState == .deleted })
    }
}
