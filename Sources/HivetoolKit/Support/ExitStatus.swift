import Hivex

/// The exit codes of hivetool, one per kind of outcome (sysexits.h numbers where one fits).
public enum ExitStatus: Int32, CaseIterable, Sendable {
    /// Success (a hive without profiles is a success too; so is an edit with nothing to change).
    case success = 0
    /// The key, value or profile asked for does not exist.
    case notFound = 1
    /// scan: some hives could be read, others not.
    case partial = 2
    /// An edit was refused as unsafe or unwanted (dirty hive, other value type, ...); nothing was written.
    case refused = 3
    /// The edited copy failed verification; the original is unchanged.
    case verificationFailed = 4
    /// Bad command line: unknown option, missing or invalid argument.
    case usage = 64
    /// The input is not a usable hive: not a hive, a transaction log, truncated, corrupt.
    case badHive = 65
    /// The input cannot be opened: missing, a directory, permission denied.
    case noInput = 66
    /// An unexpected internal error.
    case internalError = 70
    /// An output file (a backup, a recovered hive) could not be created or verified; an edit left the
    /// original unchanged.
    case backupFailed = 73
    /// Reading or writing failed (I/O error, disk full); an edit left the original unchanged.
    case ioError = 74
    /// Another hivetool is editing the hive (retry, or use --wait).
    case locked = 75

    /// What the code means, for `--help` and the README.
    public var meaning: String {
        switch self {
        case .success: "success"
        case .notFound: "the key, value or profile asked for does not exist"
        case .partial: "scan: some hives were read, some not"
        case .refused: "edit refused (dirty hive, other value type, ...)"
        case .verificationFailed: "edited copy failed verification; original unchanged"
        case .usage: "invalid command line"
        case .badHive: "not a usable hive: not a hive, a log, truncated, corrupt"
        case .noInput: "cannot open the input: missing, a directory, no permission"
        case .internalError: "internal error"
        case .backupFailed: "an output file (backup, recovered hive) could not be created or verified; original unchanged"
        case .ioError: "I/O error (disk full, read-only folder); original unchanged"
        case .locked: "another hivetool is editing the hive"
        }
    }

    /// The exit status for an error kind.
    public init(_ kind: HiveError.Kind) {
        switch kind {
        case .keyNotFound, .valueNotFound: self = .notFound
        case .fileNotFound, .notAFile, .permissionDenied: self = .noInput
        case .notAHive, .corrupt, .limitExceeded: self = .badHive
        case .ioError: self = .ioError
        case .invalidArgument: self = .usage
        case .refused, .keyExists: self = .refused
        case .fileExists: self = .backupFailed
        case .readOnly: self = .internalError
        }
    }

    /// The exit status for a failed step of the safe-edit path.
    public init(_ error: SafeEditError) {
        switch error.step {
        case .preflight, .plan: self = error.kind.map(ExitStatus.init) ?? .refused
        case .lock: self = error.kind.map(ExitStatus.init) ?? .locked
        case .backup: self = .backupFailed
        case .commit, .replace, .journal: self = .ioError
        case .verify: self = .verificationFailed
        }
    }

    /// The table shown in `--help`.
    public static var helpText: String {
        "Exit codes:\n" + allCases.map { "  \(String($0.rawValue).padded(to: 4)) \($0.meaning)" }.joined(separator: "\n")
    }
}
