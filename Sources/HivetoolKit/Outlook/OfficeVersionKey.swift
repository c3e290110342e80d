import FoundationEssentials
import Hivex

/// One Outlook settings key of the hive: `Software\Microsoft\Office\<n>.0\Outlook` of an Office
/// version, or the version-less `Software\Microsoft\Office\Outlook`.
public struct OfficeVersionKey: Codable, Hashable, Sendable {
    /// `14.0`, `16.0`...; nil for the version-less key.
    @NullEncoded public var version: String?
    public var keyPath: String
    @NullEncoded public var lastWrite: Date?

    public init(version: String?, keyPath: String, lastWrite: Date?) {
        self.version = version
        self.keyPath = keyPath
        self.lastWrite = lastWrite
    }

    /// `Office 14.0`, or `Office (no version)`.
    public var title: String { version.map { "Office \($0)" } ?? "Office (no version)" }
}
