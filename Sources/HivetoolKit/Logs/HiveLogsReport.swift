import FoundationEssentials
import Hivex

/// What was done with a hive's transaction logs, as every JSON document reports it (`hive.logs`).
/// Each log is identified by its SHA-256, like the hive itself.
public struct HiveLogsReport: Codable, Hashable, Sendable {
    /// A log whose entries were applied.
    public struct Applied: Codable, Hashable, Sendable {
        public var path: String
        public var sha256: String
        /// `old` (DIRT, Windows XP to 8) or `new` (HvLE entries, Windows 8.1 and later).
        public var format: String
        public var firstSequence: UInt32
        public var lastSequence: UInt32
        public var entries: Int
    }

    /// A log that was not applied, and why.
    public struct Skipped: Codable, Hashable, Sendable {
        public var path: String
        @NullEncoded public var sha256: String?
        public var reason: String
    }

    public var applied: [Applied]
    public var skipped: [Skipped]
    /// The hive's sequence number after replay; null when nothing was applied.
    @NullEncoded public var sequenceAfter: UInt32?
    /// What the replay noticed (a log whose entries stop at a damaged one, a base block rebuilt
    /// from a log).
    public var warnings: [String]

    /// The report of `replay`, hashing each log file.
    public init(_ replay: LogReplayReport) {
        applied = replay.applied.map {
            Applied(path: $0.path, sha256: (try? FileDigest.sha256(path: $0.path)) ?? "", format: $0.format.rawValue,
                    firstSequence: $0.firstSequence, lastSequence: $0.lastSequence, entries: $0.entries)
        }
        skipped = replay.skipped.map { Skipped(path: $0.path, sha256: try? FileDigest.sha256(path: $0.path), reason: $0.reason) }
        sequenceAfter = replay.sequenceAfter
        warnings = replay.warnings
    }
}
