/// A transaction log handed to ``LogReplay``: its path (for reports only; logs are never ordered by
/// name) and its whole content.
public struct TransactionLogInput: Sendable, Hashable {
    /// Where the log came from, as the caller wants it reported.
    public var path: String
    /// The log file's bytes.
    public var bytes: [UInt8]

    /// A log named `path` holding `bytes`.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}
