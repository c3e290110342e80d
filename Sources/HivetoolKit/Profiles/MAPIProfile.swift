import FoundationEssentials
import Hivex

/// One profile key: live, or deleted and recovered from free space (then ``recovery`` says how).
public struct MAPIProfile: Codable, Hashable, Sendable {
    public enum Status: String, Codable, Hashable, Sendable {
        case active
        /// A `Deleted Profiles` container of the same root names it: MAPI deletes it at the next
        /// `MAPIInitialize` that finds it unused.
        case markedForDeletion = "marked-for-deletion"
        /// Recovered from the hive's free space: the key was deleted (see ``MAPIProfile/recovery``).
        case deleted
    }

    public var name: String
    public var layout: ProfileLayout
    public var keyPath: String
    @NullEncoded public var lastWrite: Date?
    public var status: Status
    public var isDefault: Bool
    /// The containers marking the profile (exact key names); for a deleted profile, the live
    /// containers still marking it (their marks are stale).
    public var markedIn: [String]
    public var sectionCount: Int
    public var services: [MAPIService]
    public var accounts: [MAPIAccount]
    public var dataFiles: [DataFile]
    @NullEncoded public var exchange: ExchangeMailbox?
    /// Values that exist but could not be decoded as text (for a deleted profile, or whose data is lost).
    public var undecodableValues: [UndecodableValue]
    /// How the profile was recovered from free space; nil for a live profile.
    @NullEncoded public var recovery: Recovery?

    /// Whether the profile was recovered from free space.
    public var isDeleted: Bool { recovery != nil }

    public init(
        name: String,
        layout: ProfileLayout,
        keyPath: String,
        lastWrite: Date? = nil,
        status: Status,
        isDefault: Bool,
        markedIn: [String],
        sectionCount: Int,
        services: [MAPIService],
        accounts: [MAPIAccount],
        dataFiles: [DataFile],
        exchange: ExchangeMailbox? = nil,
        undecodableValues: [UndecodableValue],
        recovery: Recovery? = nil
    ) {
        self.name = name
        self.layout = layout
        self.keyPath = keyPath
        self.lastWrite = lastWrite
        self.status = status
        self.isDefault = isDefault
        self.markedIn = markedIn
        self.sectionCount = sectionCount
        self.services = services
        self.accounts = accounts
        self.dataFiles = dataFiles
        self.exchange = exchange
        self.undecodableValues = undecodableValues
        self.recovery = recovery
    }
}
