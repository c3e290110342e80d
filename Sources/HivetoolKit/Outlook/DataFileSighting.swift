import FoundationEssentials
import Hivex

/// One place a data file's path was seen, with that key's last-write time.
public struct DataFileSighting: Codable, Hashable, Sendable {
    /// Where the path was read.
    public enum Source: String, Codable, CaseIterable, Hashable, Sendable {
        /// A section of a live profile that a service, provider, account or index points to.
        case profileSection = "profile-section"
        /// The OST path of a live profile's global section (`13dbb0c8...`, `001f6610`).
        case globalSection = "global-section"
        /// A section of a live profile that nothing points to (see ``OrphanSection``).
        case orphanSection = "orphan-section"
        /// A section of a profile recovered from free space.
        case deletedProfileSection = "deleted-profile-section"
        /// A value name of `Outlook\Search`.
        case search
        /// A value name of `Outlook\Search\Catalog`.
        case searchCatalog = "search-catalog"
        /// `Outlook\PST\LastCorruptStore`.
        case lastCorruptStore = "last-corrupt-store"
    }

    public var source: Source
    public var key: OutlookKey
    /// The value holding the path (its name, or for Search and Catalog the path itself).
    public var value: String
    /// The profile, for profile sections.
    @NullEncoded public var profile: String?
    /// The path as spelled there (paths merge case-insensitively).
    public var spelledAs: String
}
