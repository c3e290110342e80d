import FoundationEssentials
import Hivex

/// A `Deleted Profiles*` key of one profile root: where MAPI writes the names of profiles it must
/// delete later. Found once by the profile reader, empty containers included.
public struct DeletionContainer: Codable, Hashable, Sendable {
    /// The key's exact name (`Deleted Profiles`, `Deleted Profiles 0c0ffee0`, ...).
    public var name: String
    /// Its path as stored.
    public var path: String
    public var layout: ProfileLayout
    public var placement: ContainerPlacement
    /// The per-account suffix after `Deleted Profiles` (one separator removed); nil for the plain container.
    @NullEncoded public var sidCRC: String?
    @NullEncoded public var lastWrite: Date?

    public init(name: String, path: String, layout: ProfileLayout, placement: ContainerPlacement, lastWrite: Date?) {
        self.name = name
        self.path = path
        self.layout = layout
        self.placement = placement
        self.sidCRC = DeletedProfilesContainer.sidCRC(ofContainer: name)
        self.lastWrite = lastWrite
    }

    /// Whether `wanted` (a container's exact key name or its path, any case) names this container.
    public func matches(_ wanted: String) -> Bool {
        RegistryPath.namesEqual(name, wanted) || RegistryPath.namesEqual(path, RegistryPath.join(RegistryPath.components(wanted)))
    }
}
