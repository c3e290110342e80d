import FoundationEssentials
import Hivex

extension DeletedReport {
    /// Writes the report in `format`; JSON Lines and CSV start with `record`, the hive record, when
    /// given (`hivetool deleted` gives it, as list-profiles and scan do).
    public func write(_ format: ListFormat, record: HiveRecord? = nil, to output: inout some TextOutputStream) throws {
        switch format {
        case .text: writeText(to: &output)
        case .json: output.write(try JSONOutput.string(self) + "\n")
        case .jsonl: try writeJSONLines(record: record, to: &output)
        case .csv: writeCSV(record: record, to: &output)
        case .tln, .bodyfile, .timesketch:
            try TimelineFormat(rawValue: format.rawValue)?.write(TimelineEvent.events(of: self), to: &output)
        }
    }

    /// The hive record (when given), then one line per key and per value found alone, each with
    /// `record` (`key`, `value`), `hive` and `hiveSha256`.
    public func writeJSONLines(record: HiveRecord? = nil, to output: inout some TextOutputStream) throws {
        if let record { output.write(try JSONOutput.string(record, pretty: false) + "\n") }
        for entry in keys + values {
            output.write(try JSONOutput.string(JSONLRecord(record: entry.kind.rawValue, hive: HiveReference(path: hive.path, sha256: hive.sha256), body: entry), pretty: false) + "\n")
        }
    }

    /// The CSV columns: the hive's row, then one row per key and per value found alone.
    public static let csvColumns = [
        "kind", "hive", "hiveSha256", "offset", "source", "path", "pathComplete", "name", "lastWrite", "valueCount", "values", "dataRecoverable",
        "status", "error",
    ]

    /// A header, the hive's row (when given: `kind` `hive`, its status and error), then one row per
    /// record; a key's values share one cell (`NAME (TYPE): DATA; ...`).
    public func writeCSV(record: HiveRecord? = nil, to output: inout some TextOutputStream) {
        output.write(CSV.line(Self.csvColumns))
        if let record { output.write(CSV.line(Self.csvRow(record))) }
        for entry in keys + values {
            output.write(CSV.line([
                entry.kind.rawValue, hive.path, hive.sha256, Self.hex(entry.offset), entry.source.rawValue, entry.path ?? "",
                String(entry.pathComplete), entry.name, entry.lastWrite.map(Timestamp.iso8601) ?? "", String(entry.values.count),
                entry.values.map { "\($0.displayName) (\($0.type)): \($0.summary)" }.joined(separator: "; "),
                String(entry.values.allSatisfy(\.dataRecoverable)), "", "",
            ]))
        }
    }

    /// The CSV row of a hive record (also for a hive that could not be read: then only this row).
    public static func csvRow(_ record: HiveRecord) -> [String] {
        [record.record, record.path, record.sha256 ?? "", "", "", "", "", "", "", "", "", "", record.status.rawValue, record.error ?? ""]
    }

    /// The keys with their values, then the values found alone, then notes.
    public func writeText(to output: inout some TextOutputStream) {
        output.write("Hive: \(Printable.text(hive.path))\n")
        output.write("SHA-256: \(hive.sha256)\n")
        if let key { output.write("Key: \(Printable.text(key))\n") }
        if isEmpty {
            output.write("\nNo deleted keys or values found in free space\(key.map { " under \(Printable.text($0))" } ?? "").\n")
        }
        if !keys.isEmpty {
            output.write("\nDeleted keys (\(counts.keys), \(counts.keysWithCompletePath) with a complete path):\n")
            for entry in keys {
                let path = (entry.path ?? entry.name) + (entry.pathComplete ? "" : "  [partial path]")
                output.write(TextTable.render([[Self.hex(entry.offset), entry.source.rawValue, Timestamp.text(entry.lastWrite), path]]))
                if entry.values.isEmpty { continue }
                output.write(TextTable.render(entry.values.map { [$0.displayName, $0.type, $0.summary] }, indent: "      "))
            }
        }
        if !values.isEmpty {
            output.write("\nDeleted values found alone (\(counts.values)):\n")
            var rows = [["OFFSET", "SOURCE", "NAME", "TYPE", "DATA"]]
            for entry in values {
                for value in entry.values { rows.append([Self.hex(value.offset), value.source.rawValue, value.displayName, value.type, value.summary]) }
            }
            output.write(TextTable.render(rows))
        }
        if !isEmpty {
            output.write("\n\(counts.keys) key\(counts.keys == 1 ? "" : "s") (\(counts.keyValues) value\(counts.keyValues == 1 ? "" : "s")), "
                         + "\(counts.values) value\(counts.values == 1 ? "" : "s") alone, \(counts.unrecoverableData) with data not recoverable\n")
        }
        for note in notes { output.write("NOTE: \(note)\n") }
    }

    static func hex(_ offset: Int) -> String { "0x" + String(offset, radix: 16) }
}
