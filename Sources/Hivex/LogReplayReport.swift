import FoundationEssentials
import RegistryFormat

/// What opening a hive did with its transaction logs (``Hive/logReplay``).
public struct LogReplayReport: Hashable, Sendable {
    /// The logs whose entries were applied, in the order applied.
    public var applied: [AppliedLog]
    /// The logs not applied, each with the reason.
    public var skipped: [SkippedLog]
    /// The hive's sequence number after replay, when anything was applied.
    public var sequenceAfter: UInt32?
    /// Warnings of the replay (e.g. where a log's entries stopped being valid).
    public var warnings: [String]

    public init(applied: [AppliedLog], skipped: [SkippedLog], sequenceAfter: UInt32?, warnings: [String]) {
        self.applied = applied
        self.skipped = skipped
        self.sequenceAfter = sequenceAfter
        self.warnings = warnings
    }

    /// Whether the hive read is the replayed one.
    public var didApply: Bool { !applied.isEmpty }

    /// `Logs applied: NTUSER.DAT.LOG1 (entries 1624-1629), NTUSER.DAT.LOG2 (1630-1702); sequence 1702`,
    /// or nil when nothing was applied.
    public var appliedLine: String? {
        guard didApply else { return nil }
        return "Logs applied: " + Self.summary(applied.map { ($0.path, $0.firstSequence, $0.lastSequence) }, sequenceAfter: sequenceAfter)
    }

    /// `NTUSER.DAT.LOG1 (entries 1624-1629), NTUSER.DAT.LOG2 (1630-1702); sequence 1702`: the logs
    /// applied, by file name, with their sequence ranges.
    public static func summary(_ logs: [(path: String, first: UInt32, last: UInt32)], sequenceAfter: UInt32?) -> String {
        let parts = logs.enumerated().map { index, log in
            "\(PathName.last(log.path)) (\(index == 0 ? "entries " : "")\(log.first)-\(log.last))"
        }
        return parts.joined(separator: ", ") + (sequenceAfter.map { "; sequence \($0)" } ?? "")
    }
}
