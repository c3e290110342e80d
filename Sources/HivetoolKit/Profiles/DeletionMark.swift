import FoundationEssentials
import Hivex

/// One subkey of a `Deleted Profiles` container: a profile marked for deletion. A mark recovered
/// from free space has a ``recovery``: MAPI removes the mark after it deleted the profile, so a freed
/// mark is evidence that the deletion it asked for was carried out.
public struct DeletionMark: Codable, Hashable, Sendable {
    /// The profile name the mark carries.
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
    @NullEncoded public var lastWrite: Date?
    /// False for a stale mark: no profile of that name in the same root. For a recovered mark: a live
    /// profile of that name exists (deleted and created again, or never deleted).
    public var profileExists: Bool
    /// How the mark was recovered from free space; nil for a live mark.
    @NullEncoded public var recovery: Recovery?

    /// Whether the mark was recovered from free space.
    public var isRecovered: Bool { recovery != nil }

    public init(
        profile: String,
        layout: ProfileLayout,
        container: String,
        containerPath: String,
        placement: ContainerPlacement,
        sidCRC: String? = nil,
        keyPath: String,
        lastWrite: Date? = nil,
        profileExists: Bool,
        recovery: Recovery? = nil
    ) {
        self.profile = profile
        self.layout = layout
        self.container = container
        self.containerPath = containerPath
        self.placement = placement
        self.sidCRC = sidCRC
        self.keyPath = keyPath
        self.lastWrite = lastWrite
        self.profileExists = profileExists
        self.recovery = recovery
    }
}
