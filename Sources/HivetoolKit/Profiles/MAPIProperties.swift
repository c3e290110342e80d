/// The MAPI section names and property tags hivetool reads.
/// Value names are compared case-insensitively.
enum MAPIProperties {
    /// Account manager section; its subkeys `0000000N` are accounts.
    static let accountManagerSection = "9375CFF0413111d3B88A00104B2A6676"
    /// Global profile section (Exchange home server, mailbox DN, OST path, SMTP address).
    static let globalSection = "13dbb0c8aa05101a9bb000aa002fc45a"

    /// Service index section; its `01023d0e` lists every service UID of the profile.
    static let serviceIndexSection = "9207f3e0a3b11019908b08002b2a56c2"
    static let serviceUIDs = "01023d0e"
    /// In a provider section: the UID (= section name) of the service it belongs to.
    static let serviceUID = "01023d0c"

    /// Service name: PT_UNICODE then PT_STRING8.
    static let serviceName = ["001f3d09", "001e3d09"]
    /// PST/OST path of a store provider.
    static let storePath = ["001f6700", "001e6700"]
    /// OST path in cached Exchange mode.
    static let offlineStorePath = ["001f6610", "001e6610"]
    static let displayName = ["001f3001", "001e3001"]
    /// Exchange provider: mailbox and server.
    static let exchangeMailbox = ["001f660b", "001e660b"]
    static let exchangeServer = ["001f660c", "001e660c"]
    /// Global section: home server, mailbox DN, SMTP address.
    static let homeServer = ["001f6602", "001e6602"]
    static let mailboxDN = ["001f6603", "001e6603"]
    static let smtpAddress = ["001f6641", "001e6641"]

    /// Whether `name` is a profile section name: 32 hex digits.
    static func isSectionName(_ name: String) -> Bool {
        name.utf8.count == 32 && name.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 70) || ($0 >= 97 && $0 <= 102) }
    }

    /// Account values, by what they mean.
    enum Account {
        static let accountName = "Account Name"
        static let displayName = "Display Name"
        static let email = "Email"
        static let serviceName = "Service Name"
        /// Server values and the protocol each names.
        static let servers: [(value: String, protocolName: String)] = [
            ("POP3 Server", "pop3"), ("IMAP Server", "imap"), ("SMTP Server", "smtp"),
            ("HTTP Server URL", "http"), ("NNTP Server", "nntp"), ("LDAP Server", "ldap"),
        ]
        static let userNames = ["POP3 User", "IMAP User", "SMTP User", "HTTP User", "NNTP User", "LDAP User"]
    }
}
