import FoundationEssentials
import Glibc
import Hivex

/// One line of the edit journal (`hivetool-journal.jsonl` beside the backups).
///
/// An edit writes a `pending` line once its backup exists, another `pending` line with the expected
/// hash just before the rename, and a `completed` line after it. A killed edit leaves its last
/// line `pending`; the next edit or restore of that hive reconciles it from the hive's current
/// hash (see ``EditJournal/reconcile(hive:journal:)``). Lines without a state are completed edits.
public struct JournalRecord: Codable, Hashable, Sendable {
    /// Where an edit got to.
    public enum State: String, Codable, Hashable, Sendable {
        /// Started: the backup exists, the hive may or may not have been replaced.
        case pending
        /// The hive was replaced by the edited copy.
        case completed
        /// Found unfinished with the hive unchanged: the edit never happened and its backup was removed.
        case abandoned
    }

    /// Identifies the edit across its lines.
    @NullEncoded public var id: String?
    @NullEncoded public var state: State?
    public var time: Date
    /// The command line that made the edit, e.g. `set-expire 1 SOFTWARE`.
    public var command: String
    public var hive: String
    public var changes: [EditChange]
    public var sha256Before: String
    /// The edited hive's SHA-256; nil while an edit is pending and its copy not yet verified.
    @NullEncoded public var sha256After: String?
    public var backup: String
    /// For a restore: the backup put back.
    @NullEncoded public var restoredFrom: String?
    /// With `--apply-logs`: the transaction logs applied before the edit, and their backups.
    @NullEncoded public var logsApplied: [String]?
    @NullEncoded public var logBackups: [String]?
}

/// The append-only journal of edits.
public enum EditJournal {
    public static let fileName = "hivetool-journal.jsonl"

    /// The journal in `folder`.
    public static func path(inFolder folder: String) -> String {
        PathName.join(folder, fileName)
    }

    /// Appends one record as a JSON line and flushes it.
    static func append(_ record: JournalRecord, to path: String) throws {
        let line = try JSONOutput.string(record, pretty: false) + "\n"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileOperations.fileError(errno, operation: "open the journal", path: path) }
        defer { close(descriptor) }
        try FileOperations.writeAll(Array(line.utf8), to: descriptor, path: path)
        try FileOperations.sync(descriptor, path: path)
    }

    /// One record per edit, in the order the edits started, each in its latest state (unreadable
    /// lines are skipped); empty when there is no journal.
    public static func records(at path: String) -> [JournalRecord] {
        var order: [String] = []
        var latest: [String: JournalRecord] = [:]
        for (index, record) in lines(at: path).enumerated() {
            let id = record.id ?? "line-\(index)"
            if latest.updateValue(record, forKey: id) == nil { order.append(id) }
        }
        return order.compactMap { latest[$0] }
    }

    /// Settles the edits of `hive` that a killed hivetool left `pending` in `journal`, from the hive's
    /// current SHA-256: still the original's means the rename never happened (the edit is recorded
    /// `abandoned` and its orphan backup removed, when it still holds the original); the edited
    /// copy's means it did (recorded `completed`). Returns one note per settled edit.
    @discardableResult
    public static func reconcile(hive: String, journal: String) throws -> [String] {
        let hivePath = URL(fileURLWithPath: hive).standardizedFileURL.path
        let pending = records(at: journal).filter { $0.state == .pending && $0.hive == hivePath }
        guard !pending.isEmpty else { return [] }
        let current = try FileDigest.sha256(path: hive)
        var notes: [String] = []
        for var record in pending {
            if let after = record.sha256After, current == after, after != record.sha256Before {
                record.state = .completed
                notes.append("an interrupted edit of \(hive) (\(record.command)) had replaced the hive; recorded as completed")
            } else if current == record.sha256Before {
                // The hive is intact, so the backup (complete or cut short) holds nothing it lacks.
                if !record.backup.isEmpty { FileOperations.remove(record.backup) }
                record.state = .abandoned
                notes.append("an interrupted edit of \(hive) (\(record.command)) never replaced the hive; its backup \(record.backup) was removed")
            } else {
                continue  // changed since by something else: leave it pending for a person to look at
            }
            try append(record, to: journal)
        }
        return notes
    }

    /// Every line of the journal at `path` (unreadable lines are skipped).
    public static func lines(at path: String) -> [JournalRecord] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            return (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)) ?? Date(timeIntervalSince1970: 0)
        }
        return data.split(separator: UInt8(ascii: "\n")).compactMap { try? decoder.decode(JournalRecord.self, from: Data($0)) }
    }
}
