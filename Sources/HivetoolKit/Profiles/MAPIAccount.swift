import FoundationEssentials
import Hivex

/// An account from the account manager section (`9375CFF0...\0000000N`).
public struct MAPIAccount: Codable, Hashable, Sendable {
    @NullEncoded public var name: String?
    @NullEncoded public var email: String?
    @NullEncoded public var displayName: String?
    /// Servers by protocol: `pop3`, `imap`, `smtp`, `http`, ...
    public var servers: [String: String]
    @NullEncoded public var userName: String?
    @NullEncoded public var serviceName: String?
    /// Names of password values: present and DPAPI-encrypted; their data is never shown.
    public var encryptedPasswords: [String]
    public var keyPath: String

    public init(
        name: String? = nil,
        email: String? = nil,
        displayName: String? = nil,
        servers: [String: String],
        userName: String? = nil,
        serviceName: String? = nil,
        encryptedPasswords: [String],
        keyPath: String
    ) {
        self.name = name
        self.email = email
        self.displayName = displayName
        self.servers = servers
        self.userName = userName
        self.serviceName = serviceName
        self.encryptedPasswords = encryptedPasswords
        self.keyPath = keyPath
    }
}
