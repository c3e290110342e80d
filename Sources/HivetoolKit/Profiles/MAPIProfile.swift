import FoundationEssentials
import Hivex

/// One profile key.
public struct MAPIProfile: Codable, Hashable, Sendable {
    public enum Status: String, Codable, Hashable, Sendable {
        case active
        /// A `Deleted Profiles` container of the same root names it: MAPI deletes it at the next
        /// `MAPIInitialize` that finds it unused.
        case markedForDeletion = "marked-for-deletion"
    }

    public var name: String
    public var layout: ProfileLayout
    public var keyPath: String
    @NullEncoded public var lastWrite: Date?
    public var status: Status
    public var isDefault: Bool
    /// The containers marking the profile (exact key names).
    public var markedIn: [String]
    public var sectionCount: Int
    public var services: [MAPIService]
    public var accounts: [MAPIAccount]
    public var dataFiles: [DataFile]
    @NullEncoded public var exchange: ExchangeMailbox?
    /// Values that exist but could not be decoded as text.
    public var undecodableValues: [UndecodableValue]

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
        undecodableValues: [UndecodableValue]
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
    }
}
