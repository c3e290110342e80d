import Foundation
import Hivex

/// Who a hive file is, as every JSON document reports it: path, size, hash and dirty state.
public struct HiveIdentity: Codable, Hashable, Sendable {
    public var path: String
    public var size: UInt64
    public var sha256: String
    /// The sequence numbers differ, or a sibling transaction log holds data: hivex reads the hive
    /// without applying the logs, so recent changes may be missing.
    public var dirty: Bool
    public var transactionLogs: [TransactionLog]

    /// What every report says about a dirty hive.
    public static let dirtyNote = "hive is dirty: pending transaction-log data was not applied; recent changes may be missing"

    /// ``dirtyNote`` in a list of warnings, when the hive is dirty.
    public var dirtyNotes: [String] { dirty ? [Self.dirtyNote] : [] }

    /// The warning printed on stderr for a dirty hive, or nil.
    public var dirtyWarning: String? {
        dirty ? "\(path): \(Self.dirtyNote)" : nil
    }

    /// Identifies an open hive, hashing its file.
    public init(hive: Hive) throws {
        try self.init(hive: hive, sha256: FileDigest.sha256(path: hive.path))
    }

    /// Identifies an open hive whose file's SHA-256 is already known.
    public init(hive: Hive, sha256: String) {
        path = hive.path
        size = hive.baseBlock.fileSize
        self.sha256 = sha256
        transactionLogs = TransactionLog.siblings(of: hive.path)
        dirty = hive.baseBlock.isDirty || transactionLogs.contains { !$0.isEmpty }
    }
}
