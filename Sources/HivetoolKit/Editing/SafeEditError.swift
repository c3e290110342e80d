import Hivex

/// A failed step of the safe-edit path. The original hive is unchanged whenever this is thrown.
public struct SafeEditError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The steps of the safe-edit path, in order.
    public enum Step: String, Hashable, Sendable, CaseIterable {
        case preflight, lock, plan, backup, commit, verify, replace, journal
    }

    public var step: Step
    public var path: String
    public var message: String
    /// The underlying hive error's kind, when there is one.
    public var kind: HiveError.Kind?

    public init(_ step: Step, path: String, message: String, kind: HiveError.Kind? = nil) {
        self.step = step
        self.path = path
        self.message = message
        self.kind = kind
    }

    /// Wraps a `HiveError` met during `step`.
    public init(_ step: Step, _ error: HiveError) {
        self.init(step, path: error.path, message: error.description.dropPrefix(error.path + ": "), kind: error.kind)
    }

    /// `FILE: backup failed: ...`; planning errors (a missing profile, a refused change) read as
    /// plain errors, since nothing failed but the request.
    public var description: String {
        step == .plan ? "\(path): \(message)" : "\(path): \(step.rawValue) failed: \(message)"
    }
}

extension String {
    func dropPrefix(_ prefix: String) -> String {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
    }
}
