/// Names of `Deleted Profiles` containers.
///
/// Any key whose name starts with `Deleted Profiles` (any case) is a container. Per-account
/// containers carry a suffix derived from a CRC of the SID MAPI runs under; its spelling is not
/// publicly known, so hivetool reports it verbatim and never computes one.
public enum DeletedProfilesContainer {
    public static let prefix = "Deleted Profiles"

    /// Whether a key called `name` is a container.
    public static func isContainer(_ name: String) -> Bool {
        name.count >= prefix.count && name.prefix(prefix.count).uppercased() == prefix.uppercased()
    }

    /// The SID CRC suffix of a container name: the rest after `Deleted Profiles`, with one leading
    /// separator (space, `-`, `_`) removed and the case kept; nil for the plain container.
    public static func sidCRC(ofContainer name: String) -> String? {
        guard isContainer(name) else { return nil }
        var rest = Substring(name.dropFirst(prefix.count))
        if let first = rest.first, [" ", "-", "_"].contains(first) { rest = rest.dropFirst() }
        return rest.isEmpty ? nil : String(rest)
    }
}
