import FoundationEssentials
import Hivex

/// An account id below a profile's `NextAccountID` with no `0000000N` subkey: an account that was
/// created and later removed.
public struct RemovedAccount: Codable, Hashable, Sendable {
    /// The account id (decimal) and the subkey name it had (`0000000N`, hex).
    public var id: Int
    public var keyName: String
    /// The account's key recovered from free space, when the deleted-key search found it.
    @NullEncoded public var recovered: RecoveredAccount?
    /// An orphan section of the same profile whose display name is `AcctSettings` + this id
    /// (4 decimal digits), as Outlook names an account's settings section.
    @NullEncoded public var settingsSection: String?

    public init(id: Int, keyName: String, recovered: RecoveredAccount? = nil, settingsSection: String? = nil) {
        self.id = id
        self.keyName = keyName
        self.recovered = recovered
        self.settingsSection = settingsSection
    }
}

/// A removed account's key found in the hive's free space.
public struct RecoveredAccount: Codable, Hashable, Sendable {
    public var keyPath: String
    @NullEncoded public var lastWrite: Date?
    /// File offset of the key's cell, and where it was found (`free-cell`, ...).
    public var offset: Int
    public var source: RecoverySource
    /// The account decoded from the recovered values; nil when its values were not recoverable.
    @NullEncoded public var account: MAPIAccount?
}
