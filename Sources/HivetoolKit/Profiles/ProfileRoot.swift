import FoundationEssentials
import Hivex

/// A `Profiles` key of one layout.
public struct ProfileRoot: Codable, Hashable, Sendable {
    public var layout: ProfileLayout
    /// The `Profiles` key's path as stored (letter case of the hive).
    public var path: String
    /// The `DefaultProfile` value, from `Profiles` or from the `Outlook` key per layout.
    @NullEncoded public var defaultProfile: String?
    @NullEncoded public var lastWrite: Date?

    public init(layout: ProfileLayout, path: String, defaultProfile: String? = nil, lastWrite: Date? = nil) {
        self.layout = layout
        self.path = path
        self.defaultProfile = defaultProfile
        self.lastWrite = lastWrite
    }
}
