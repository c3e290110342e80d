import FoundationEssentials
import Hivex

/// A message service of a profile (a section holding a service name).
public struct MAPIService: Codable, Hashable, Sendable {
    /// `MSEMS`, `MSUPST MS`, `CONTAB`, ...
    public var name: String
    public var section: String
    @NullEncoded public var displayName: String?

    public init(name: String, section: String, displayName: String? = nil) {
        self.name = name
        self.section = section
        self.displayName = displayName
    }
}
