import FoundationEssentials
import Hivex

/// How a profile or a deletion mark was recovered from the hive's free space: what makes a
/// ``MAPIProfile`` a deleted profile and a ``DeletionMark`` a recovered mark. Live records have none.
public struct Recovery: Codable, Hashable, Sendable {
    /// Where the key's record was found: `free-cell`, `unreferenced-cell` or `slack`.
    public var source: RecoverySource
    /// File offset of the key's cell.
    public var offset: Int
    /// False when a parent above the key could not be read: the key path then starts at the oldest
    /// ancestor that could, and the layout was recognised from what remains.
    public var pathComplete: Bool
    /// Profiles: whether the sections' values could be tied to the profile. False when they were
    /// detached before the keys were freed (hivex's delete does that, so hivetool's `delete-profile`)
    /// or a value list was reused: the values may still be in free space (`hivetool deleted`), but
    /// which section they belonged to is unknown, so nothing is guessed. Null for marks (no values).
    @NullEncoded public var valuesRecoverable: Bool?
    /// Profiles: key paths of deletion marks naming the profile that were themselves recovered from
    /// free space, evidence that MAPI finished deleting the profile. Empty for marks.
    public var recoveredMarks: [String]
    /// Marks: a deleted profile of that name was recovered in the same root. Null for profiles.
    @NullEncoded public var deletedProfileRecovered: Bool?
    /// What to know when reading this entry (a partial path, values not recoverable, loops).
    public var notes: [String]

    public init(source: RecoverySource, offset: Int, pathComplete: Bool, valuesRecoverable: Bool? = nil,
                recoveredMarks: [String] = [], deletedProfileRecovered: Bool? = nil, notes: [String] = []) {
        self.source = source
        self.offset = offset
        self.pathComplete = pathComplete
        self.valuesRecoverable = valuesRecoverable
        self.recoveredMarks = recoveredMarks
        self.deletedProfileRecovered = deletedProfileRecovered
        self.notes = notes
    }
}
