import FoundationEssentials
import Hivex

/// A profile section that no service, provider, account or the service index points to: a
/// leftover of a removed service or account.
public struct OrphanSection: Codable, Hashable, Sendable {
    public var profile: String
    public var layout: ProfileLayout
    /// Whether the profile is live or was recovered from free space.
    public var profileState: ProfileState
    /// The section's key name (32 hex digits) and key.
    public var section: String
    public var key: OutlookKey
    public var valueCount: Int
    /// What it holds: a display name (`001f3001`), a store path (`001f6700`, `001f6610`), a
    /// service name (`001f3d09`).
    @NullEncoded public var displayName: String?
    @NullEncoded public var storePath: String?
    @NullEncoded public var serviceName: String?
}
