import Foundation
import Glibc
import Hivex

/// One line of the edit journal (`hivetool-journal.jsonl` beside the backups).
public struct JournalRecord: Codable, Hashable, Sendable {
    public var time: Date
    /// The command line that made the edit, e.g. `set-expire 1 SOFTWARE`.
    public var command: String
    public var hive: String
    public var changes: [EditChange]
    public var sha256Before: String
    public var sha256After: String
    public var backup: String
    /// For a restore: the backup put back.
    @NullEncoded public var restoredFrom: String?
}

/// The append-only journal of edits.
public enum EditJournal {
    public static let fileName = "hivetool-journal.jsonl"

    /// The journal in `folder`.
    public static func path(inFolder folder: String) -> String {
        (folder as NSString).appendingPathComponent(fileName)
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

    /// Every record of the journal at `path` (unreadable lines are skipped); empty when there is none.
    public static func records(at path: String) -> [JournalRecord] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            if let date = formatter.date(from: text) { return date }
            formatter.formatOptions = [.withInternetDateTime]
            return formatter.date(from: text) ?? Date(timeIntervalSince1970: 0)
        }
        return data.split(separator: UInt8(ascii: "\n")).compactMap { try? decoder.decode(JournalRecord.self, from: Data($0)) }
    }
}
