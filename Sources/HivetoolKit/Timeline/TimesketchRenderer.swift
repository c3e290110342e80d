import FoundationEssentials

/// Timesketch's JSON Lines import format: one object per event with the three fields Timesketch
/// requires (`message`, `datetime` in ISO 8601 UTC, `timestamp_desc`) and hivetool's own (`hive`,
/// `hiveSha256`, `user`, `keyPath`, `profile`, `layout`, `event`); absent values are `null`.
public enum TimesketchRenderer {
    /// One event as Timesketch reads it.
    struct Record: Encodable {
        var message: String
        var datetime: String
        var timestampDescription: String
        var hive: String
        var hiveSha256: String
        @NullEncoded var user: String?
        var keyPath: String
        @NullEncoded var profile: String?
        @NullEncoded var layout: String?
        var event: String

        enum CodingKeys: String, CodingKey {
            case message, datetime, timestampDescription = "timestamp_desc", hive, hiveSha256, user, keyPath, profile, layout, event
        }
    }

    /// One line of JSON, ending with a newline.
    public static func line(_ event: TimelineEvent) throws -> String {
        let record = Record(
            message: "\(event.summary) - \(event.keyPath)", datetime: Timestamp.iso8601(event.time),
            timestampDescription: event.kind.timestampDescription, hive: event.hive, hiveSha256: event.hiveSHA256, user: event.user,
            keyPath: event.keyPath, profile: event.profile, layout: event.layout, event: event.kind.rawValue)
        return try JSONOutput.string(record, pretty: false) + "\n"
    }
}
