import Hivex

/// The one error type of HivetoolKit: what failed (the file, the key, the step of an edit) and why,
/// as a typed ``Reason``. A refusal names the ``Remedy`` that gets past it; a `HiveError` met on
/// the way is wrapped (``Reason/hive(_:)``), never re-thrown as a refusal. Whenever an edit
/// throws this, the original hive is unchanged.
public struct HivetoolError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The steps of the safe-edit path, in order.
    public enum Step: String, Hashable, Sendable, CaseIterable {
        case preflight, lock, plan, backup, commit, verify, replace, journal
    }

    /// The step of the safe-edit path that failed; nil outside an edit.
    public var step: Step?
    /// The file the error is about; nil for a bad argument, which names no file.
    public var path: String?
    /// The key the error is about, when there is one (backslash path).
    public var keyPath: String?
    /// Why, with the data the message is built from.
    public var reason: Reason

    public init(_ reason: Reason, path: String?, keyPath: String? = nil, step: Step? = nil) {
        self.reason = reason
        self.path = path
        self.keyPath = keyPath
        self.step = step
    }

    /// Wraps a `HiveError` met during `step` (or outside an edit).
    public init(_ error: HiveError, step: Step? = nil) {
        self.init(.hive(error), path: error.path, keyPath: error.keyPath, step: step)
    }

    /// A bad argument (a number of days, a time span, a name pattern), in words the user understands.
    public static func invalidArgument(_ message: String) -> HivetoolError {
        HivetoolError(.invalidArgument(message), path: nil)
    }

    /// The Hivex layer's error this one wraps, if any.
    public var hiveError: HiveError? {
        if case .hive(let error) = reason { error } else { nil }
    }

    /// The options that get past the error, and what each costs; empty when none does.
    public var remedies: [Remedy] { reason.remedies }

    /// The exit status (see ``ExitStatus/init(_:)-(HivetoolError)``).
    public var exitStatus: ExitStatus { ExitStatus(self) }

    /// One line, options spelled by `spelling`: `FILE: MESSAGE (key KEY)`; a failed step other
    /// than planning reads `FILE: STEP failed: MESSAGE`, since planning errors (a missing profile,
    /// a refused change) are the request's, not a failure.
    public func description(spelling: OptionSpelling) -> String {
        var line = path.map { "\($0): " } ?? ""
        if let step, step != .plan { line += "\(step.rawValue) failed: " }
        line += reason.text(spelling: spelling)
        if let keyPath, !reason.isHiveError { line += " (key \(keyPath))" }
        return line
    }

    /// The line with options named as HivetoolKit's API spells them (never a command-line flag).
    public var description: String { description(spelling: \.name) }
}

extension String {
    func dropPrefix(_ prefix: String) -> String {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
    }
}
