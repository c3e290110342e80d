import FoundationEssentials
import Hivex

/// Who a hive file is, as every JSON document reports it: path, size, hash and dirty state.
public struct HiveIdentity: Codable, Hashable, Sendable {
    public var path: String
    public var size: UInt64
    public var sha256: String
    /// The file on disk is dirty: its sequence numbers differ (or its base block is invalid), so
    /// recent changes sit in its transaction logs. See ``logs`` for whether they were applied.
    public var dirty: Bool
    public var transactionLogs: [TransactionLog]
    /// What was done with the logs: applied (what was read is the replayed hive) or skipped, with
    /// reasons; null when the hive has no logs or they were not looked at (`--no-logs`).
    @NullEncoded public var logs: HiveLogsReport?

    /// What every report says about a dirty hive whose logs were not applied.
    public static let dirtyNote = "hive is dirty: pending transaction-log data was not applied; recent changes may be missing"

    /// Whether what was read is the hive with its logs applied.
    public var logsApplied: Bool { logs?.applied.isEmpty == false }

    /// What reports say about a dirty hive: ``dirtyNote`` when its logs were not applied, and for a
    /// dirty hive each log that was not applied (and why) and what the replay noticed.
    public var dirtyNotes: [String] {
        guard dirty else { return [] }
        // A log older than the one applied is normal (Windows alternates them): say why only when
        // nothing could be applied.
        var notes = logsApplied ? [] : [Self.dirtyNote]
        if !logsApplied {
            for log in logs?.skipped ?? [] { notes.append("\(PathName.last(log.path)) not applied: \(log.reason)") }
        }
        notes += logs?.warnings ?? []
        return notes
    }

    /// The warning printed on stderr for a dirty hive whose logs were not applied, or nil.
    public var dirtyWarning: String? {
        dirty && !logsApplied ? "\(path): \(Self.dirtyNote)" : nil
    }

    /// Every line printed on stderr about the hive's dirty state and its logs (`FILE: ...`).
    public var dirtyWarnings: [String] {
        guard dirty else { return [] }
        return dirtyNotes.map { "\(path): \($0)" }
    }

    /// `NTUSER.DAT.LOG1 (entries 1624-1629), ...; sequence 1702`, when logs were applied.
    public var logsSummary: String? {
        guard let logs, logsApplied else { return nil }
        return LogReplayReport.summary(logs.applied.map { ($0.path, $0.firstSequence, $0.lastSequence) }, sequenceAfter: logs.sequenceAfter)
    }

    /// `Logs applied: ...`, the line text reports print, when logs were applied.
    public var logsLine: String? { logsSummary.map { "Logs applied: " + $0 } }

    /// An identity built by hand (a hive's facts as another tool found them).
    public init(path: String, size: UInt64, sha256: String, dirty: Bool, transactionLogs: [TransactionLog] = [], logs: HiveLogsReport? = nil) {
        self.path = path
        self.size = size
        self.sha256 = sha256
        self.dirty = dirty
        self.transactionLogs = transactionLogs
        self.logs = logs
    }

    /// Identifies an open hive, hashing its file (as mapped when it was opened).
    public init(hive: Hive) throws {
        self.init(hive: hive, sha256: try PendingDigest.of(hive).wait())  // started when the file was mapped, if it was
    }

    /// Identifies an open hive whose file's SHA-256 is already known, and its logs' when
    /// `logDigests` (by path) is given (else they are hashed now).
    public init(hive: Hive, sha256: String, logDigests: [String: String]? = nil) {
        path = hive.path
        size = hive.baseBlock.fileSize
        self.sha256 = sha256
        transactionLogs = TransactionLog.siblings(of: hive.path)
        logs = hive.logReplay.map { HiveLogsReport($0, digests: logDigests) }
        // With --no-logs nothing says whether the logs would apply: non-empty ones count as dirty.
        dirty = hive.baseBlock.isDirty || !hive.baseBlock.checksumIsValid
            || (hive.logReplay == nil && transactionLogs.contains { !$0.isEmpty })
    }
}
