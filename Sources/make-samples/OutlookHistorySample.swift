import Hivex

/// `samples/NTUSER-outlook-history.DAT`: a user hive holding one of each fact `hivetool outlook`
/// reports: a removed account (its key deleted, so recoverable from free space), an orphan
/// section, a detached PST on a UNC path, LastCorruptStore, two Office identities with
/// AuthHistory, a folder home page, an add-in and VBA settings.
enum OutlookHistorySample {
    static let office = #"Software\Microsoft\Office"#
    static let outlook = office + #"\16.0\Outlook"#
    static let profiles = outlook + #"\Profiles"#
    static let localPST = #"C:\Users\jdoe\Documents\Outlook Files\jdoe@example.com.pst"#
    static let uncPST = #"\\fileserver\archive\jdoe-2019.pst"#
    static let removablePST = #"E:\Backup\old-mail.pst"#
    static let oneDrivePST = #"C:\Users\jdoe\OneDrive - Example\Mail\shared.pst"#

    static func build(_ hive: Hive) throws {
        try hive.put(outlook, [.string("DefaultProfile", "Outlook"), .dword("LoadMacroProviderOnBoot", 1)])
        try profile(hive)
        try dataFilePaths(hive)
        try identities(hive)
        try runSettings(hive)
    }

    /// Profile `Outlook`: an address book and a PST; account 2 (an IMAP account) was removed and
    /// left its settings section and an old PST service's section behind.
    static func profile(_ hive: Hive) throws {
        let profile = try MAPIProfileBuilder(hive: hive, profilesPath: profiles, name: "Outlook")
        let contacts = MAPIService.contacts(label: "History/Outlook/contab")
        let dataFile = MAPIService.unicodePST(label: "History/Outlook/pst", displayName: "jdoe@example.com", path: localPST)
        try profile.addService(contacts)
        try profile.addService(dataFile)
        try profile.addGlobalSection()
        try profile.addAccount([AccountValue.text("Account Name", "Outlook Address Book", .outlook2016)]
            + AccountValue.service(contacts, provider: 2, .outlook2016))
        try profile.addAccount([
            AccountValue.text("Account Name", "jdoe@imap.example.net", .outlook2016),
            AccountValue.text("Email", "jdoe@imap.example.net", .outlook2016),
            AccountValue.text("IMAP Server", "imap.example.net", .outlook2016),
            AccountValue.text("IMAP User", "jdoe", .outlook2016),
        ])
        try profile.addAccount([AccountValue.text("Account Name", "jdoe@example.com", .outlook2016)]
            + AccountValue.service(dataFile, provider: 4, .outlook2016))
        // Leftovers of the removed account: its settings section and its old PST's store section.
        try profile.addSubkey(MAPIUID(derivedFrom: "History/Outlook/acctsettings2").sectionName,
                              [MAPIProperty.string(.displayName, "AcctSettings0002")])
        try profile.addSubkey(MAPIUID(derivedFrom: "History/Outlook/old-pst").sectionName, [
            MAPIProperty.string(.serviceName, "MSUPST MS"),
            MAPIProperty.string(.displayName, "Archive 2019"),
            MAPIProperty.string(.storePath, uncPST),
        ])
        try profile.finish()
        try hive.deleteKey(try hive.requireKey(at: profile.path + #"\9375CFF0413111d3B88A00104B2A6676\00000002"#))
    }

    /// Search (DWORD data), Search\Catalog (binary data) and PST\LastCorruptStore.
    static func dataFilePaths(_ hive: Hive) throws {
        try hive.put(outlook + #"\Search"#, [
            .dword("IndexAvailableBody", 0),
            .dword(localPST, 0x0038_5C92),
            .dword(uncPST, 0x0037_34E6),
        ])
        try hive.put(outlook + #"\Search\Catalog"#, [
            .binary(localPST, [0x58, 0x16, 0, 0, 0, 0, 0, 0]),
            .binary(uncPST, [0x2C, 0x17, 0x6D, 0x07, 0, 0, 0, 0]),
            .binary(removablePST, [0x0C, 0x96, 0x12, 0, 0, 0, 0, 0]),
            .binary(oneDrivePST, [0x84, 0x7C, 0xAA, 0x04, 0, 0, 0, 0]),
        ])
        try hive.put(outlook + #"\PST"#, [.string("LastCorruptStore", removablePST)])
    }

    /// A work (ADAL) and a personal (LiveId) identity, each with AuthHistory FILETIMEs.
    static func identities(_ hive: Hive) throws {
        let identities = office + #"\16.0\Common\Identity\Identities"#
        try hive.put(identities + #"\6f1c2a9e-5b7d-4c3e-9a10-2b3c4d5e6f70_ADAL"#, [
            .string("EmailAddress", "jdoe@example.com"),
            .string("FriendlyName", "John Doe"),
            .string("ProviderId", "AD"),
            .string("SignInName", "jdoe@example.com"),
            .binary("AuthHistory", fileTimes([1_709_280_000, 1_714_550_400])),  // 2024-03-01, 2024-05-01 08:00
        ])
        try hive.put(identities + #"\0a1b2c3d4e5f6071_LiveId"#, [
            .string("EmailAddress", "john.doe@outlook.com"),
            .string("FriendlyName", "John"),
            .string("ProviderId", "LiveId"),
            .string("SignInName", "john.doe@outlook.com"),
            .binary("AuthHistory", fileTimes([1_711_962_000])),  // 2024-04-01 09:00
        ])
    }

    /// A folder home page with the setting that re-enables it, an add-in loaded at start-up, one
    /// in the version-less key, a disabled item and the VBA security level.
    static func runSettings(_ hive: Hive) throws {
        try hive.put(outlook + #"\WebView\Inbox"#, [.string("URL", "https://intranet.example.com/inbox.html")])
        try hive.put(outlook + #"\Security"#, [.dword("EnableRoamingFolderHomepages", 1), .dword("Level", 1)])
        try hive.put(outlook + #"\Addins\Example.Connect"#, [
            .dword("LoadBehavior", 3),
            .string("FriendlyName", "Example Add-in"),
            .string("Description", "Files mail into the Example DMS"),
        ])
        try hive.put(office + #"\Outlook\Addins\Legacy.Addin"#, [.dword("LoadBehavior", 8), .string("FriendlyName", "Legacy Add-in")])
        try hive.put(outlook + #"\Resiliency\DisabledItems"#, [
            .binary("5A1E2D", [0x01, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00] + UTF16LE.encode("example.dll")),
        ])
    }

    /// Seconds since 1970 as consecutive little-endian FILETIMEs.
    static func fileTimes(_ seconds: [Int64]) -> [UInt8] {
        seconds.flatMap { second -> [UInt8] in
            let ticks = UInt64(second + 11_644_473_600) * 10_000_000
            return (0..<8).map { UInt8(truncatingIfNeeded: ticks >> (8 * $0)) }
        }
    }
}
