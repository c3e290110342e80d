import FoundationEssentials
import Hivex

/// What one kind of edit does at the steps of the safe-edit path where kinds differ: how it plans,
/// how it writes the new hive, and how the written hive is proven right. ``SafeEditRun`` does the
/// rest (preflight, lock, backup, replace, journal) the same for every kind.
protocol EditTransformation {
    /// Whether the hive must be a usable, undamaged primary hive: a restore may replace a broken one.
    var requiresUsableHive: Bool { get }

    /// Reads the original at `hivePath` and makes the change in memory, refusing unsafe changes.
    /// - Returns: what will change (empty: nothing to do).
    mutating func plan(hivePath: String) throws -> [EditChange]

    /// The transaction logs whose data the plan includes (backed up with the hive).
    var appliedLogs: [String] { get }

    /// The file the new hive is copied from, for the journal (a restore's backup).
    var restoredFrom: String? { get }

    /// Writes the new hive into the new, empty file `temporary` (open as `descriptor`) and flushes it.
    func commit(to temporary: String, descriptor: Int32, editTime: Date) throws

    /// Proves that `temporary` holds what was intended; `digest` is its SHA-256, being computed.
    func verify(_ temporary: String, digest: PendingDigest, editTime: Date, hivePath: String) throws
}
