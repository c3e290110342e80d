/// Where a `Deleted Profiles*` container sits: inside the `Profiles` key (as Microsoft's write-up
/// describes) or beside it (as admin scripts address it). hivetool reads both, for every layout.
public enum ContainerPlacement: String, Codable, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case insideProfiles = "inside-profiles"
    case besideProfiles = "beside-profiles"

    public var description: String { rawValue }
}
