/// What a repair plan left alone on purpose, and why; reported as a warning of the edit.
public enum RepairNote: Hashable, Sendable {
    /// `purge` left a marked profile alone because it is its root's default.
    case defaultProfileKept(name: String, layout: ProfileLayout)
    /// `purge` left an item (`what`: `marked profile`, `stale mark`) alone: its age is unknown.
    case ageUnknown(what: String, name: String)
    /// `unmark` with a container: other containers still mark the profile.
    case stillMarked(name: String, containers: [String])
    /// `delete-profile`: the new default profile is itself marked for deletion.
    case newDefaultMarked(name: String, containers: [String])

    /// The options that would have changed what was left alone.
    public var remedies: [Remedy] {
        switch self {
        case .defaultProfileKept: [Remedy(.forceDefault, cost: "DefaultProfile is deleted too")]
        case .ageUnknown, .stillMarked, .newDefaultMarked: []
        }
    }

    /// The note in words, options spelled by `s`.
    public func text(spelling s: OptionSpelling) -> String {
        switch self {
        case .defaultProfileKept(let name, let layout):
            "left the marked profile \(Self.quoted(name)) alone: it is the default profile of the \(layout.rawValue) root (pass \(s(.forceDefault)) to delete it and clear DefaultProfile)"
        case .ageUnknown(let what, let name):
            "left the \(what) \(Self.quoted(name)) alone: its last-write time is unknown, so \(s(.olderThan)) cannot tell its age"
        case .stillMarked(let name, let containers):
            "profile \(Self.quoted(name)) is still marked for deletion in \(containers.joined(separator: ", ")) (not named by \(s(.container)))"
        case .newDefaultMarked(let name, let containers):
            "the new default profile \(Self.quoted(name)) is itself marked for deletion in \(containers.joined(separator: ", ")); MAPI will delete it (run unmark to keep it)"
        }
    }

    /// A profile name in quotes, control characters escaped.
    private static func quoted(_ name: String) -> String {
        "\"\(Printable.text(name))\""
    }
}
