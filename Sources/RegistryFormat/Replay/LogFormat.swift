/// The two transaction log formats.
public enum LogFormat: String, Sendable, Hashable, Codable {
    /// Windows XP to 8.0 (`.LOG`, file type 1 or 2): a `DIRT` bitmap of dirty 512-byte pages.
    case old
    /// Windows 8.1 and later (`.LOG1`, `.LOG2`, file type 6): `HvLE` entries hashed with Marvin32.
    case new
}
