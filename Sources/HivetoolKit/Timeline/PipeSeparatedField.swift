/// Fields of the `|`-separated formats (TLN, bodyfile), whose readers split on every `|`.
public enum PipeSeparatedField {
    /// `field` with control characters as `\xNN` (as text output shows them) and `|` as `\x7c`, so
    /// the line keeps its field count and stays one line.
    public static func escaped(_ field: String) -> String {
        Printable.text(field).replacingEvery("|", with: "\\x7c")
    }
}
