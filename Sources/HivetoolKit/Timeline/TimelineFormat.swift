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
