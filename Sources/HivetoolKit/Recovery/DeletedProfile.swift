import FoundationEssentials
import Hivex

/// A MAPI profile key recovered from the hive's free space: a profile that existed and was deleted
/// (by MAPI, an administrator, or hivetool), decoded by the same reader as live profiles.
public struct DeletedProfile: Codable, Hashable, Sendable {
    public var name: String
    public var layout: ProfileLayout
    /// The key's path as far as it could be rebuilt (see ``pathComplete``).
    public var keyPath: String
    /// False when a parent above the key could not be read: ``keyPath`` then starts at the oldest
    /// ancestor that could, and the layout was recognised from what remains.
    public var pathComplete: Bool
    @NullEncoded public var lastWrite: Date?
    /// Where the key's record was found: `free-cell`, `unreferenced-cell` or `slack`.
    public var source: RecoverySource
    /// File offset of the key's cell.
    public var offset: Int
    /// `DefaultProfile` of the layout's root names this profile.
    public var isDefault: Bool
    /// Live `Deleted Profiles*` containers still marking the profile (their marks are stale).
    public var markedIn: [String]
    /// Key paths of deletion marks naming the profile that were themselves recovered from free space:
    /// evidence that MAPI finished deleting the profile.
    public var recoveredMarks: [String]
    /// Whether the sections' values could be tied to the profile. False when they were detached
    /// before the keys were freed (hivex's delete does that, so hivetool's `delete-profile`) or a value
    /// list was reused: the values may still be in free space (`hivetool deleted`), but which
    /// section they belonged to is unknown, so nothing is guessed.
    public var valuesRecoverable: Bool
    public var sectionCount: Int
    public var services: [MAPIService]
    public var accounts: [MAPIAccount]
    public var dataFiles: [DataFile]
    @NullEncoded public var exchange: ExchangeMailbox?
    /// Values that exist but could not be decoded, or whose data is lost.
    public var undecodableValues: [UndecodableValue]
    /// What to know when reading this entry (a partial path, values not recoverable, loops).
    public var notes: [String]
}
