/// A transaction log whose data went into the replayed image.
public struct AppliedLog: Sendable, Hashable, Codable {
    /// The log's path as the caller gave it.
    public var path: String
    /// Old (`DIRT`) or new (`HvLE`) format.
    public var format: LogFormat
    /// Sequence number of the first entry applied (old format: the log's sequence number).
    public var firstSequence: UInt32
    /// Sequence number of the last entry applied (old format: the log's sequence number).
    public var lastSequence: UInt32
    /// Log entries applied (old format: 1, the dirty vector).
    public var entries: Int
    /// Dirty pages written into the image.
    public var pages: Int
    /// Why reading the log stopped before its end, if it did: normally an older, already applied entry
    /// or leftover bytes; a damaged entry also adds a warning to the result.
    public var stoppedBecause: String?

    /// Creates a record of an applied log.
    public init(path: String, format: LogFormat, firstSequence: UInt32, lastSequence: UInt32,
                entries: Int, pages: Int, stoppedBecause: String? = nil) {
        self.path = path
        self.format = format
        self.firstSequence = firstSequence
        self.lastSequence = lastSequence
        self.entries = entries
        self.pages = pages
        self.stoppedBecause = stoppedBecause
    }
}
