import Hivex

/// The exit codes of hivetool, one per kind of outcome (sysexits.h numbers where one fits).
public enum ExitStatus: Int32, CaseIterable, Sendable {
    /// Success (a hive without profiles is a success too).
    case success = 0
    /// The key, value or profile asked for does not exist.
    case notFound = 1
    /// Bad command line: unknown option, missing or invalid argument.
    case usage = 64
    /// The input is not a usable hive: not a hive, a transaction log, truncated, corrupt.
    case badHive = 65
    /// The input cannot be opened: missing, a directory, permission denied.
    case noInput = 66
    /// An unexpected internal error.
    case internalError = 70
    /// Reading or writing failed (I/O error, disk full).
    case ioError = 74

    /// What the code means, for `--help` and the README.
    public var meaning: String {
        switch self {
        case .success: "success"
        case .notFound: "the key, value or profile asked for does not exist"
        case .usage: "invalid command line"
        case .badHive: "not a usable hive: not a hive, a transaction log, truncated or corrupt"
        case .noInput: "input cannot be opened: missing file, a directory, permission denied"
        case .internalError: "internal error"
        case .ioError: "I/O error"
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
        case .keyExists, .readOnly, .refused: self = .internalError
        }
    }

    /// The table shown in `--help`.
    public static var helpText: String {
        "Exit codes:\n" + allCases.map { "  \(String($0.rawValue).padding(toLength: 4, withPad: " ", startingAt: 0)) \($0.meaning)" }.joined(separator: "\n")
    }
}
