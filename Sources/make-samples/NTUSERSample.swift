import Foundation
import Hivex

/// `samples/NTUSER.DAT`: a user hive holding MAPI profiles in both layouts, with every state of
/// a deletion mark (pending, stale, active), plus some ordinary user keys.
enum NTUSERSample {
    static let messagingProfiles = #"Software\Microsoft\Windows NT\CurrentVersion\Windows Messaging Subsystem\Profiles"#
    static let office16Outlook = #"Software\Microsoft\Office\16.0\Outlook"#
    static let office16Profiles = office16Outlook + #"\Profiles"#

    static func build(_ hive: Hive) throws {
        try messagingSubsystem(hive)
        try office16(hive)
        try userSettings(hive)
    }

    // MARK: - Windows Messaging Subsystem layout

    /// Profiles `Outlook` (default, active), `Exchange Service` (marked in `Deleted Profiles`) and
    /// `EVTemp-0001` (marked in `Deleted Profiles1A2B3C4D`, which also holds a stale mark).
    /// Both containers sit inside `Profiles`; `DefaultProfile` is on `Profiles` itself.
    static func messagingSubsystem(_ hive: Hive) throws {
        try hive.put(messagingProfiles, [.string("DefaultProfile", "Outlook")])
        try outlook2010Profile(hive)
        try exchangeServiceProfile(hive)
        try enterpriseVaultTemporaryProfile(hive)
        try hive.put(messagingProfiles + #"\Deleted Profiles\Exchange Service"#)
        try hive.put(messagingProfiles + #"\Deleted Profiles1A2B3C4D\EVTemp-0001"#)
        try hive.put(messagingProfiles + #"\Deleted Profiles1A2B3C4D\Gone Profile"#)
    }

    /// An Outlook 2010 POP3 profile: a Unicode PST, the contacts address book, and accounts stored
    /// as REG_BINARY UTF-16LE.
    static func outlook2010Profile(_ hive: Hive) throws {
        let profile = try MAPIProfileBuilder(hive: hive, profilesPath: messagingProfiles, name: "Outlook")
        let contacts = MAPIService.contacts(label: "WMS/Outlook/contab")
        let dataFile = MAPIService.unicodePST(
            label: "WMS/Outlook/pst", displayName: "jdoe@example.com",
            path: #"C:\Users\jdoe\Documents\Outlook Files\jdoe@example.com.pst"#)
        try profile.addService(contacts)
        try profile.addService(dataFile)
        try profile.addGlobalSection()
        // Outlook's own per-profile settings: a section that is not a service.
        try profile.addSubkey("0a0d020000000000c000000000000046", [
            .binary("000b0415", [0x01, 0x00]),
            .string("001e023d", "Outlook.FAV"),
        ])
        try profile.addAccount([
            AccountValue.text("Account Name", "jdoe@example.com", .outlook2010),
            AccountValue.text("Display Name", "John Doe", .outlook2010),
            AccountValue.text("Email", "jdoe@example.com", .outlook2010),
            AccountValue.text("POP3 Server", "pop.example.com", .outlook2010),
            AccountValue.text("POP3 User", "jdoe", .outlook2010),
            AccountValue.password("POP3 Password2", label: "jdoe@example.com"),
            AccountValue.text("SMTP Server", "smtp.example.com", .outlook2010),
        ])
        try profile.addAccount(
            [AccountValue.text("Account Name", "Outlook Data File", .outlook2010)]
                + AccountValue.service(dataFile, provider: 4, .outlook2010))
        try profile.finish()
    }

    /// An Exchange profile as Exchange MAPI/CDO writes it (PT_STRING8 strings, REG_SZ accounts),
    /// in cached mode with an OST.
    static func exchangeServiceProfile(_ hive: Hive) throws {
        let profile = try MAPIProfileBuilder(hive: hive, profilesPath: messagingProfiles, name: "Exchange Service")
        let mailboxDN = "/o=Example/ou=Exchange Administrative Group/cn=Recipients/cn=evservice"
        let exchange = MAPIService.exchange(
            label: "WMS/Exchange Service/msems", mailboxDN: mailboxDN,
            server: "EXCH01.example.local", storeName: "Mailbox - EV Service")
        try profile.addService(exchange)
        try profile.addGlobalSection([
            MAPIProperty.string(.homeServer, "EXCH01", .ansi),
            MAPIProperty.string(.profileUser, mailboxDN, .ansi),
            MAPIProperty.string(.smtpAddress, "SMTP:evservice@example.com"),
            MAPIProperty.string(.offlineStorePath, #"C:\Users\evservice\AppData\Local\Microsoft\Outlook\evservice.ost"#),
        ])
        try profile.addAccount([
            AccountValue.text("Account Name", "Microsoft Exchange", .outlook2016),
            AccountValue.text("Display Name", "EV Service", .outlook2016),
            AccountValue.text("Email", "evservice@example.com", .outlook2016),
        ] + AccountValue.service(exchange, provider: 5, .outlook2016))
        try profile.finish()
    }

    /// A temporary profile of the kind Enterprise Vault services create for each mailbox they
    /// open: Exchange only, no accounts, no OST.
    static func enterpriseVaultTemporaryProfile(_ hive: Hive) throws {
        let profile = try MAPIProfileBuilder(hive: hive, profilesPath: messagingProfiles, name: "EVTemp-0001")
        let mailboxDN = "/o=Example/ou=Exchange Administrative Group/cn=Recipients/cn=EVSystemMailbox"
        try profile.addService(MAPIService.exchange(
            label: "WMS/EVTemp-0001/msems", mailboxDN: mailboxDN,
            server: "EXCH01.example.local", storeName: "Mailbox - EV System Mailbox"))
        try profile.addGlobalSection([
            MAPIProperty.string(.homeServer, "EXCH01", .ansi),
            MAPIProperty.string(.profileUser, mailboxDN, .ansi),
        ])
        try profile.finish()
    }

    // MARK: - Office 16.0 layout

    /// Profiles `Work` (default), `Ünïcode Prófile` (active) and `Old Profile` (marked in
    /// `Deleted Profiles 0badf00d`); `Deleted Profiles-12345678` holds a stale mark. Both
    /// containers sit beside `Profiles`; `DefaultProfile` is on the `Outlook` key.
    static func office16(_ hive: Hive) throws {
        try hive.put(office16Outlook, [
            .string("DefaultProfile", "Work"),
            .dword("LastUILanguage", 0x409),
        ])
        try hive.put(office16Profiles)
        try workProfile(hive)

        let unicode = try MAPIProfileBuilder(hive: hive, profilesPath: office16Profiles, name: "Ünïcode Prófile")
        try unicode.addService(MAPIService.unicodePST(
            label: "Office16/Unicode/pst", displayName: "archive 2019", path: #"D:\Mail\archive 2019.pst"#))
        try unicode.finish()

        let old = try MAPIProfileBuilder(hive: hive, profilesPath: office16Profiles, name: "Old Profile")
        try old.addService(MAPIService.unicodePST(
            label: "Office16/Old/pst", displayName: "Outlook Data File",
            path: #"C:\Users\jdoe\Documents\Outlook Files\Outlook.pst"#))
        try old.finish()

        try hive.put(office16Outlook + #"\Deleted Profiles 0badf00d\Old Profile"#)
        try hive.put(office16Outlook + #"\Deleted Profiles-12345678\Retired 2019"#)
    }

    /// An Outlook 2016 IMAP profile: its data file (an OST, served by `MSUPST MS`), the contacts
    /// address book, accounts stored as REG_SZ, and one subkey that is not a section.
    static func workProfile(_ hive: Hive) throws {
        let profile = try MAPIProfileBuilder(hive: hive, profilesPath: office16Profiles, name: "Work")
        let contacts = MAPIService.contacts(label: "Office16/Work/contab")
        let dataFile = MAPIService.unicodePST(
            label: "Office16/Work/ost", displayName: "work@example.org",
            path: #"C:\Users\jdoe\AppData\Local\Microsoft\Outlook\work@example.org.ost"#)
        try profile.addService(contacts)
        try profile.addService(dataFile)
        try profile.addGlobalSection()
        try profile.addSubkey(#"{D9734F19-8CFB-411D-BC59-833E334FCB5E}\Calendar Summary"#)
        try profile.addAccount(
            [AccountValue.text("Account Name", "Outlook Address Book", .outlook2016)]
                + AccountValue.service(contacts, provider: 2, .outlook2016))
        try profile.addAccount([
            AccountValue.text("Account Name", "work@example.org", .outlook2016),
            AccountValue.text("Display Name", "Work Account", .outlook2016),
            AccountValue.text("Email", "work@example.org", .outlook2016),
            AccountValue.text("IMAP Server", "imap.example.org", .outlook2016),
            AccountValue.text("IMAP User", "work@example.org", .outlook2016),
            AccountValue.password("IMAP Password", label: "work@example.org"),
            AccountValue.text("SMTP Server", "smtp.example.org", .outlook2016),
            .binary("Service UID", dataFile.uid.bytes),
        ])
        try profile.finish()
    }

    // MARK: - Ordinary user settings

    /// Keys every user hive has, so that generic listing and value demos have something to show
    /// (REG_SZ, REG_EXPAND_SZ, REG_MULTI_SZ, REG_DWORD, REG_QWORD, REG_BINARY).
    static func userSettings(_ hive: Hive) throws {
        let explorer = #"Software\Microsoft\Windows\CurrentVersion\Explorer"#
        try hive.put(explorer, [
            .dword("GlobalAssocChangedCounter", 7),
            .binary("ShellState", [0x24, 0x00, 0x00, 0x00, 0x3E, 0x28, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                                   0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
                                   0x13, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x72, 0x00, 0x00, 0x00]),
        ])
        try hive.put(explorer + #"\Advanced"#, [
            .dword("Hidden", 2),
            .dword("HideFileExt", 0),
            .dword("ShowSuperHidden", 0),
            .dword("TaskbarSmallIcons", 1),
        ])
        try hive.put(explorer + #"\Shell Folders"#, [
            .string("AppData", #"C:\Users\jdoe\AppData\Roaming"#),
            .string("Local AppData", #"C:\Users\jdoe\AppData\Local"#),
            .string("Personal", #"C:\Users\jdoe\Documents"#),
        ])
        try hive.put(explorer + #"\User Shell Folders"#, [
            .string("AppData", #"%USERPROFILE%\AppData\Roaming"#, type: .expandString),
            .string("Local AppData", #"%USERPROFILE%\AppData\Local"#, type: .expandString),
            .string("Personal", #"%USERPROFILE%\Documents"#, type: .expandString),
        ])
        try hive.put("Environment", [
            .string("Path", #"%USERPROFILE%\AppData\Local\Microsoft\WindowsApps;"#, type: .expandString),
            .string("TEMP", #"%USERPROFILE%\AppData\Local\Temp"#, type: .expandString),
            .string("TMP", #"%USERPROFILE%\AppData\Local\Temp"#, type: .expandString),
        ])
        try hive.put(#"Control Panel\Desktop"#, [
            .string("MenuShowDelay", "400"),
            .multiString("PreferredUILanguages", ["en-US", "de-DE"]),
            .string("ScreenSaveTimeOut", "900"),
            .string("Wallpaper", #"C:\Windows\web\wallpaper\Windows\img0.jpg"#),
            .string("WallpaperStyle", "10"),
        ])
        try hive.put(#"Control Panel\International"#, [
            .string("LocaleName", "en-US"),
            .string("sShortDate", "M/d/yyyy"),
        ])
        try hive.put(#"Software\Microsoft\Office\16.0\Common\General"#, [
            .qword("LastUpdateCheckTime", FileTime.ticks(from: SampleFile.timestamp)),
            .dword("ShownFirstRunOptin", 1),
        ])
    }
}
