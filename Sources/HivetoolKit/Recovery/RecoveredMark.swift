import FoundationEssentials
import Hivex

/// A deletion mark (a subkey of a `Deleted Profiles*` container) recovered from free space. MAPI
/// removes the mark after it deleted the profile, so a freed mark is evidence that the deletion
/// it asked for was carried out.
public struct RecoveredMark: Codable, Hashable, Sendable {
    /// The profile name the mark carried.
    public var profile: String
    public var layout: ProfileLayout
    /// The container's exact key name.
    public var container: String
    public var containerPath: String
    /// `inside-profiles` or `beside-profiles`.
    public var placement: ContainerPlacement
    /// The suffix after `Deleted Profiles` (one separator removed), or nil for the plain container.
    @NullEncoded public var sidCRC: String?
    public var keyPath: String
    public var pathComplete: Bool
    @NullEncoded public var lastWrite: Date?
    public var source: RecoverySource
    /// File offset of the mark key's cell.
    public var offset: Int
    /// A live profile of that name exists in the same root (deleted and created again, or never deleted).
    public var profileExists: Bool
    /// A deleted profile of that name was recovered in the same root.
    public var deletedProfileRecovered: Bool
}
