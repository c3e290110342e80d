import FoundationEssentials
import Hivex

/// One profile's account manager section (`9375CFF0...`): the next id it would hand out, the
/// accounts that exist, and the ids below it that no longer do.
public struct AccountManagerHistory: Codable, Hashable, Sendable {
    public var profile: String
    public var layout: ProfileLayout
    /// Whether the profile is live or was recovered from free space.
    public var profileState: ProfileState
    /// The account manager section's key.
    public var key: OutlookKey
    /// `NextAccountID` (DWORD); nil when absent or not a DWORD.
    @NullEncoded public var nextAccountID: Int?
    /// The account subkeys that exist, each with its key's last-write time.
    public var accounts: [AccountKey]
    public var removedAccounts: [RemovedAccount]

    /// One `0000000N` account subkey.
    public struct AccountKey: Codable, Hashable, Sendable {
        /// The id the name gives (hex), or nil for a name that is not 8 hex digits.
        @NullEncoded public var id: Int?
        public var key: OutlookKey
        /// `Account Name` (or `Display Name`) and `Service Name`.
        @NullEncoded public var name: String?
        @NullEncoded public var serviceName: String?
    }
}
