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
    /// Reading or writing failed (I/O error, disk full, a page of the hive the medium cannot deliver);
    /// an edit left the original unchanged.
    case ioError = 74
    /// Another hivetool is editing the hive (retry, or wait for it).
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
        case .ioError: "I/O error: disk full or read-only folder (original unchanged), or a bad sector in the hive"
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

    /// The exit status of a HivetoolKit error: from the failed step for a backup, write or verify
    /// step (the original is unchanged whatever went wrong there), else from its reason.
    public init(_ error: HivetoolError) {
        switch error.step {
        case .backup: self = .backupFailed
        case .commit, .replace, .journal: self = .ioError
        case .verify: self = .verificationFailed
        case .preflight, .lock, .plan, nil: self.init(error.reason)
        }
    }

    /// The exit status of a HivetoolKit error's reason.
    public init(_ reason: HivetoolError.Reason) {
        switch reason {
        case .hive(let error): self.init(error.kind)
        case .unreadable, .noSoftwareHive: self = .noInput
        case .damagedHive, .unverifiableHive: self = .badHive
        case .lockedByAnother: self = .locked
        case .tooManyBackups, .backupHashDiffers: self = .backupFailed
        case .editedHiveDiffers, .editedHiveDamaged, .copyHashDiffers: self = .verificationFailed
        case .missingKey, .missingValue, .enterpriseVaultNotInstalled, .profileNotFound, .newDefaultNotFound,
             .containerNotFound, .nothingToRecover:
            self = .notFound
        case .ambiguousProfile, .notDefaultProfile, .newDefaultIsDeleted, .foreignMountPoint, .notAHiveRoot,
             .editSessionClosed, .rootKeyDeletion, .invalidArgument, .zeroDays:
            self = .usage
        case .symbolicLink, .dirtyHive, .noLogApplies, .hiveDisappeared, .backupChanged, .backupNotInJournal,
             .wrongHiveKind, .notAUserHive, .otherValueType, .defaultProfile:
            self = .refused
        }
    }

    /// The table shown in `--help`.
    public static var helpText: String {
        "Exit codes:\n" + allCases.map { "  \(String($0.rawValue).padded(to: 4)) \($0.meaning)" }.joined(separator: "\n")
    }
}

/// An error hivetool reports: one line, and the exit status it stands for. The error type of each
/// layer below the command line that hivetool reports conforms (`HiveError` for Hivex,
/// ``HivetoolError`` for HivetoolKit), so the command line decides the exit code in one place.
public protocol ExitStatusReporting: Error, CustomStringConvertible {
    /// The exit status this error stands for.
    var exitStatus: ExitStatus { get }
}

extension HiveError: ExitStatusReporting {
    /// From the error's kind (see ``ExitStatus/init(_:)-(HiveError.Kind)``).
    public var exitStatus: ExitStatus { ExitStatus(kind) }
}

extension HivetoolError: ExitStatusReporting {}
