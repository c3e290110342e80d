/// RegRipper's TLN format: `time|source|system|user|description`, five fields, time in whole
/// seconds since 1970 UTC, source `REG`, system the hive file, user from the hive's path (empty when
/// unknown), and a description naming the fact, the key and the hive's SHA-256.
public enum TLNRenderer {
    /// The source field of every event.
    public static let source = "REG"

    /// One line, ending with a newline.
    public static func line(_ event: TimelineEvent) -> String {
        let description = "\(event.summary) - \(event.keyPath) - SHA-256 \(event.hiveSHA256)"
        return [String(event.epochSeconds), source, event.hive, event.user ?? "", description]
            .map(PipeSeparatedField.escaped).joined(separator: "|") + "\n"
    }
}
