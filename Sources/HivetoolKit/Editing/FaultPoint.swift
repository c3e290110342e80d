import FoundationEssentials
import Glibc

/// Test-only crash points of the safe-edit path: when the environment variable
/// `HIVETOOL_TEST_FAULT_POINT` names a point, the process kills itself with SIGKILL there, as a
/// power cut or `kill -9` would.
enum FaultPoint: String, CaseIterable {
    case afterLock = "after-lock"
    case duringBackup = "during-backup"
    case afterBackup = "after-backup"
    case afterCommit = "after-commit"
    case afterVerify = "after-verify"
    case afterReplace = "after-replace"
    case afterJournal = "after-journal"

    static let environmentVariable = "HIVETOOL_TEST_FAULT_POINT"

    /// Kills the process if the environment asks for this point.
    func reach() {
        if ProcessInfo.processInfo.environment[FaultPoint.environmentVariable] == rawValue {
            kill(getpid(), SIGKILL)
        }
    }
}
