/// The timeline formats of `list-profiles` and `scan`: one line per ``TimelineEvent``.
public enum TimelineFormat: String, CaseIterable, Sendable {
    /// RegRipper's TLN: `time|source|system|user|description` (``TLNRenderer``).
    case tln
    /// The Sleuth Kit's mactime body file, 3.x (``BodyfileRenderer``).
    case bodyfile
    /// Timesketch JSON Lines (``TimesketchRenderer``).
    case timesketch

    /// Writes one line per event.
    public func write(_ events: [TimelineEvent], to output: inout some TextOutputStream) throws {
        for event in events {
            switch self {
            case .tln: output.write(TLNRenderer.line(event))
            case .bodyfile: output.write(BodyfileRenderer.line(event))
            case .timesketch: output.write(try TimesketchRenderer.line(event))
            }
        }
    }
}

/// Fields of the `|`-separated formats (TLN, bodyfile), whose readers split on every `|`.
public enum PipeSeparatedField {
    /// `field` with control characters as `\xNN` (as text output shows them) and `|` as `\x7c`, so
    /// the line keeps its field count and stays one line.
    public static func escaped(_ field: String) -> String {
        Printable.text(field).replacingOccurrences(of: "|", with: "\\x7c")
    }
}
