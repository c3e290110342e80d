/// A transaction log that was not applied, and why ("hive is clean", "the log is empty", ...).
public struct SkippedLog: Sendable, Hashable, Codable {
    /// The log's path as the caller gave it.
    public var path: String
    /// One sentence for users.
    public var reason: String

    /// Creates a record of a skipped log.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}
