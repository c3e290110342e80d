import FoundationEssentials
import Hivex

/// One subkey of a `Deleted Profiles` container: a profile marked for deletion.
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
    /// False for a stale mark: no profile of that name in the same root.
    public var profileExists: Bool

    public init(
        profile: String,
        layout: ProfileLayout,
        container: String,
        containerPath: String,
        placement: ContainerPlacement,
        sidCRC: String? = nil,
        keyPath: String,
        lastWrite: Date? = nil,
        profileExists: Bool
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
    }
}
