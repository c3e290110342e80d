import FoundationEssentials

/// How every JSON document of hivetool is written: sorted keys, ISO-8601 UTC dates, no escaped slashes.
public enum JSONOutput {
    /// The version of the JSON schemas; bumped on incompatible changes.
    public static let schemaVersion = 1

    public static func encoder(pretty: Bool = true) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.iso8601(date))
        }
        return encoder
    }

    /// Encodes `value` as a JSON string.
    public static func string<T: Encodable>(_ value: T, pretty: Bool = true) throws -> String {
        String(decoding: try encoder(pretty: pretty).encode(value), as: UTF8.self)
    }
}

/// The output formats of the read commands.
public enum OutputFormat: String, CaseIterable, Sendable {
    case text
    case json
}
