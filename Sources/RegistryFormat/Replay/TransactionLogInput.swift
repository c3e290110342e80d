/// A transaction log handed to ``LogReplay``: its path (for reports only; logs are never ordered by
/// name) and its whole content (mapped, or copied from an array).
public struct TransactionLogInput: Sendable {
    /// Where the log came from, as the caller wants it reported.
    public var path: String
    /// The log file's bytes.
    public var bytes: HiveBytes

    /// A log named `path` holding `bytes` (a mapped log file: see ``MappedFile/bytes``).
    public init(path: String, bytes: HiveBytes) {
        self.path = path
        self.bytes = bytes
    }

    /// A log named `path` holding a copy of `bytes`.
    public init(path: String, bytes: [UInt8]) {
        self.init(path: path, bytes: HiveBytes(copying: bytes))
    }
}
