import FoundationEssentials
import Hivex

/// One PST or OST path, merged case-insensitively from every place the hive names it.
public struct DataFileHistory: Codable, Hashable, Sendable {
    /// Whether a profile still uses the file.
    public enum Attachment: String, Codable, Hashable, Sendable {
        /// A live profile's service or account points to a section holding the path.
        case live
        /// Only a profile recovered from free space holds it.
        case deleted
        /// No profile holds it: seen only in Search, Catalog, LastCorruptStore or orphan sections.
        case none
    }

    /// The kind of place the path points to, from its spelling alone.
    public enum Location: String, Codable, Hashable, Sendable {
        /// `C:` or a drive letter a live profile's data file uses.
        case local
        /// `A:`, `B:`, or another drive letter no live profile uses.
        case removableLooking = "removable-looking"
        /// `\\server\share\...`.
        case unc
        /// A path with a folder named `OneDrive` or `OneDrive - ...`.
        case oneDrive = "onedrive"
        /// Anything else (a relative path, an odd spelling).
        case other
    }

    /// The path as first seen (profile sections first).
    public var path: String
    /// `pst`, `ost` or `other`, from the extension.
    public var kind: String
    public var location: Location
    public var attachment: Attachment
    /// Every place and time it was seen.
    public var sightings: [DataFileSighting]

    /// The earliest and latest last-write time among the sightings.
    public var firstSeen: Date? { sightings.compactMap(\.key.lastWrite).min() }
    public var lastSeen: Date? { sightings.compactMap(\.key.lastWrite).max() }

    /// `no longer attached` for ``Attachment/none``, the raw value otherwise.
    public var attachmentText: String {
        switch attachment {
        case .live: "attached to a live profile"
        case .deleted: "attached to a deleted profile only"
        case .none: "no longer attached"
        }
    }
}
