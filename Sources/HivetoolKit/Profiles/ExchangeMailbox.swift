import FoundationEssentials
import Hivex

/// Exchange settings of a profile, where present.
public struct ExchangeMailbox: Codable, Hashable, Sendable {
    @NullEncoded public var mailbox: String?
    @NullEncoded public var server: String?
    @NullEncoded public var homeServer: String?
    @NullEncoded public var mailboxDN: String?
    @NullEncoded public var smtpAddress: String?

    public init(
        mailbox: String? = nil,
        server: String? = nil,
        homeServer: String? = nil,
        mailboxDN: String? = nil,
        smtpAddress: String? = nil
    ) {
        self.mailbox = mailbox
        self.server = server
        self.homeServer = homeServer
        self.mailboxDN = mailboxDN
        self.smtpAddress = smtpAddress
    }
}
