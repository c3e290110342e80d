import FoundationEssentials

/// Writes scan records as they come, in one of the list formats.
public struct ScanOutput {
    public let format: ListFormat
    private var first = true

    public init(format: ListFormat) { self.format = format }

    /// What comes before the first record.
    public mutating func begin(to output: inout some TextOutputStream) {
        switch format {
        case .json:
            let tool = (try? JSONOutput.string(ToolInfo(), pretty: false)) ?? "null"
            output.write("{\n\"schemaVersion\" : \(JSONOutput.schemaVersion),\n\"tool\" : \(tool),\n\"records\" : [\n")
        case .csv: output.write(CSV.line(Self.csvColumns))
        case .text, .jsonl, .tln, .bodyfile, .timesketch: break
        }
    }

    /// One record. In JSON Lines each file is one line: its hive record with the profiles and marks
    /// read from it, so the line count is the file count.
    public mutating func write(_ record: ScanRecord, to output: inout some TextOutputStream) throws {
        write(try ScanReply(records: [record], format: format), to: &output)
    }

    /// The records of one path, rendered by a scan worker in this format (``ScanReply``).
    public mutating func write(_ reply: ScanReply, to output: inout some TextOutputStream) {
        guard reply.count > 0 else { return }
        if format == .json && !first { output.write(",\n") }
        output.write(String(decoding: reply.rendered, as: UTF8.self))
        first = false
    }

    /// `records` as the scan writes them one after the other (in JSON, without
    /// the separator before the first).
    public static func render(_ records: [ScanRecord], format: ListFormat) throws -> String {
        var output = ""
        for (index, record) in records.enumerated() {
            switch format {
            case .jsonl:
                output += try JSONOutput.string(record, pretty: false) + "\n"
            case .json:
                output += (index == 0 ? "" : ",\n") + (try JSONOutput.string(record))
            case .csv:
                output += CSV.line(Self.csvRow(record))
            case .text:
                output += Self.textLine(record) + "\n"
            case .tln, .bodyfile, .timesketch:
                try format.timeline?.write(TimelineEvent.events(of: record), to: &output)
            }
        }
        return output
    }

    /// What comes after the last record.
    public func end(_ summary: ScanSummary, to output: inout some TextOutputStream) throws {
        switch format {
        case .json: output.write("\n],\n\"summary\" : \(try JSONOutput.string(summary, pretty: false))\n}\n")
        case .text: output.write(summary.line + "\n")
        case .csv, .jsonl, .tln, .bodyfile, .timesketch: break
        }
    }

    public static let csvColumns = [
        "record", "path", "status", "kind", "user", "size", "sha256", "dirty", "profiles", "markedProfiles", "marks",
        "staleMarks", "defaultProfiles", "effectiveDays", "error", "deletedProfiles",
    ]

    static func csvRow(_ record: ScanRecord) -> [String] {
        [
            record.hive.record, record.path, record.status.rawValue, record.kind?.rawValue ?? "", record.user ?? "",
            record.hive.size.map(String.init) ?? "", record.hive.sha256 ?? "", record.hive.dirty.map(String.init) ?? "",
            record.profiles.map { String($0.count) } ?? "",
            record.profiles.map { String($0.filter { $0.status == .markedForDeletion }.count) } ?? "",
            record.deletedProfileMarks.map { String($0.count) } ?? "",
            record.deletedProfileMarks.map { String($0.filter { !$0.profileExists }.count) } ?? "",
            record.roots?.compactMap(\.defaultProfile).joined(separator: "; ") ?? "",
            record.effectiveDays.map(String.init) ?? "", record.error ?? "",
            record.deletedProfiles.map { String($0.count) } ?? "",
        ]
    }

    /// `ok     user      alice  3 profiles (1 marked), 2 marks (1 stale)  PATH`.
    static func textLine(_ record: ScanRecord) -> String {
        let status = record.status.rawValue.padded(to: 7)
        guard record.wasRead else { return "\(status)\(record.error ?? record.path)" }
        let kind = (record.kind?.rawValue ?? "-").padded(to: 9)
        var facts: [String] = []
        if let profiles = record.profiles, let marks = record.deletedProfileMarks {
            let marked = profiles.filter { $0.status == .markedForDeletion }.count
            let stale = marks.filter { !$0.profileExists }.count
            facts.append("\(profiles.count) profiles (\(marked) marked), \(marks.count) marks (\(stale) stale)")
        }
        if let deleted = record.deletedProfiles, !deleted.isEmpty {
            facts.append("\(deleted.count) deleted profile\(deleted.count == 1 ? "" : "s") recovered")
        }
        if record.kind == .software {
            facts.append("ProfileExpire: \(record.effectiveDays.map { "\($0) days" } ?? "unknown")")
        }
        if record.hive.dirty == true { facts.append("DIRTY") }
        if record.hive.unsafe { facts.append("UNSAFE") }
        if record.source?.deleted == true { facts.append("DELETED FILE (recovered from the image)") }
        if !record.problems.isEmpty { facts.append("\(record.problems.count) problem(s)") }
        let user = record.user.map { "[\(Printable.text($0))] " } ?? ""
        return "\(status)\(kind)\(Printable.text(record.path)) \(user)- \(facts.joined(separator: "; "))"
    }
}
