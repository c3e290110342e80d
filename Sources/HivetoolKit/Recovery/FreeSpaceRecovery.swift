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

    /// Scans the free space of the open `hive` (its replayed image when logs were applied).
    /// - Throws: `HiveError` when the image cannot be read or its hive bins cannot be parsed.
    public init(hive: Hive) throws {
        let image = try hive.imageBytes()
        do {
            records = try FreeSpaceScanner.scan(image: image)
        } catch {
            let kind: HiveError.Kind = error == .notAHive ? .notAHive : .corrupt
            throw HiveError(kind, operation: "scan free space", path: hive.path, message: "cannot scan free space: \(error)")
        }
        appliedLogs = hive.logReplay?.applied.map(\.path) ?? []
    }
}
