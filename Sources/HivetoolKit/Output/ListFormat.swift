/// Output formats of the commands that list records (profiles, marks, scanned hives).
public enum ListFormat: String, CaseIterable, Sendable {
    /// A readable table.
    case text
    /// One JSON document.
    case json
    /// One JSON object per line and per record, each carrying the hive path.
    case jsonl
    /// CSV with a `record` column.
    case csv
    /// Timeline: RegRipper TLN, one `time|REG|hive|user|description` line per timestamped key.
    case tln
    /// Timeline: The Sleuth Kit's mactime body file (3.x), the key's last-write time as mtime.
    case bodyfile
    /// Timeline: Timesketch JSON Lines (`message`, `datetime`, `timestamp_desc`, hivetool's fields).
    case timesketch

    /// The timeline format this is, or nil for the record formats.
    public var timeline: TimelineFormat? {
        TimelineFormat(rawValue: rawValue)
    }
}

/// Wraps a record for JSON Lines: the record's own fields plus `record` (its kind), `hive` (the
/// hive file's path) and `hiveSha256` (its SHA-256), so every line says which evidence it comes from.
public struct JSONLRecord<Record: Encodable>: Encodable {
    public var record: String
    public var hive: HiveReference
    public var body: Record

    public init(record: String, hive: HiveReference, body: Record) {
        self.record = record
        self.hive = hive
        self.body = body
    }

    enum CodingKeys: String, CodingKey { case record, hive, hiveSha256 }

    public func encode(to encoder: any Encoder) throws {
        try body.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(record, forKey: .record)
        try container.encode(hive.path, forKey: .hive)
        try container.encode(NullEncoded(wrappedValue: hive.sha256), forKey: .hiveSha256)
    }
}
