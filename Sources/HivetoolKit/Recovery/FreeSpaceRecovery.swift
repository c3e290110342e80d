import FoundationEssentials
import Hivex

/// The deleted keys and values of one hive, recovered from its free space: the same image hivex
/// reads (the replayed hive when its transaction logs were applied in memory, the file as it is
/// with `--no-logs`); nothing is written. What `hivetool deleted` lists and where list-profiles
/// looks for deleted profiles.
public struct FreeSpaceRecovery: Sendable {
    /// What the scan found.
    public var records: DeletedRecords
    /// The transaction logs applied before the scan, in the order applied; empty when the file was
    /// scanned as it is.
    public var appliedLogs: [String]

    /// Creates a result.
    public init(records: DeletedRecords, appliedLogs: [String]) {
        self.records = records
        self.appliedLogs = appliedLogs
    }

    /// Scans the free space of the open `hive` (its replayed image when logs were applied), in the
    /// bytes hivex reads: nothing is copied.
    /// - Throws: `HiveError` when the image cannot be read or its hive bins cannot be parsed.
    public init(hive: Hive) throws {
        try self.init(bytes: hive.bytes, path: hive.path, appliedLogs: hive.logReplay?.applied.map(\.path) ?? [])
    }

    /// Scans `bytes`, the image of the hive at `path` (what ``init(hive:)`` reads), so the search can
    /// run on another thread than the one using the hive's hivex handle.
    init(bytes: HiveBytes, path: String, appliedLogs: [String]) throws {
        do {
            records = try FreeSpaceScanner.scan(bytes: bytes)
        } catch {
            let kind: HiveError.Kind = error == .notAHive ? .notAHive : .corrupt
            throw HiveError(kind, operation: "scan free space", path: path, message: "cannot scan free space: \(error)")
        }
        self.appliedLogs = appliedLogs
    }

    /// Starts the search of `hive`'s free space on another thread (it reads the mapped image, never
    /// the hivex handle), so the live tree can be read meanwhile.
    static func start(hive: Hive) -> BackgroundWork<FreeSpaceRecovery> {
        let bytes = hive.bytes, path = hive.path, applied = hive.logReplay?.applied.map(\.path) ?? []
        return BackgroundWork { try FreeSpaceRecovery(bytes: bytes, path: path, appliedLogs: applied) }
    }
}
