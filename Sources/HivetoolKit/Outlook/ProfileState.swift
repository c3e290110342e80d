/// Whether a profile's facts come from the live tree or from a profile recovered from free space.
public enum ProfileState: String, Codable, Hashable, Sendable {
    case live
    case deleted
}
