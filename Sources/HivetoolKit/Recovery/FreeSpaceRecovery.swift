import Foundation
import Hivex

/// The deleted keys and values of one hive file, recovered from its free space: the file as it is,
/// or, when the hive is dirty and its transaction logs apply, the image Windows would load (the
/// logs replayed in memory; nothing is written). What `hivetool deleted` lists and where
/// list-profiles looks for deleted profiles.
public struct FreeSpaceRecovery: Sendable {
    /// What the scan found.
    public var records: DeletedRecords
    /// The transaction logs replayed before the scan, in the order applied; empty when the file was
    /// scanned as it is.
    public var appliedLogs: [String]
    /// Plain-language notes: the logs applied, replay warnings.
    public var notes: [String]

    /// Creates a result.
    public init(records: DeletedRecords, appliedLogs: [String], notes: [String]) {
        self.records = records
        self.appliedLogs = appliedLogs
        self.notes = notes
    }

    /// Reads the hive file at `path` (already checked to be a primary hive, e.g. opened as a ``Hive``)
    /// and scans its free space, after replaying its sibling transaction logs when `applyingLogs`
    /// and they apply.
    /// - Throws: ``HiveError`` when the file cannot be read or its hive bins cannot be parsed.
    public init(path: String, applyingLogs: Bool = true) throws {
        let primary = try Self.read(path, what: "the hive")
        var image = primary
        var applied: [String] = []
        var notes: [String] = []
        let logs = applyingLogs ? TransactionLog.siblings(of: path).filter { !$0.isEmpty } : []
        if !logs.isEmpty {
            let inputs = try logs.map { TransactionLogInput(path: $0.path, bytes: try Self.read($0.path, what: "a transaction log")) }
            let replay = LogReplay.replay(primary: primary, logs: inputs)
            if let replayed = replay.image {
                image = replayed
                applied = replay.applied.map(\.path)
                notes.append("free space scanned in the hive with its transaction logs applied in memory (\(applied.joined(separator: ", "))); the file was not changed")
            }
            notes += replay.warnings
        }
        do {
            records = try FreeSpaceScanner.scan(image: image)
        } catch {
            let kind: HiveError.Kind = error == .notAHive ? .notAHive : .corrupt
            throw HiveError(kind, operation: "scan free space", path: path, message: "cannot scan free space: \(error)")
        }
        appliedLogs = applied
        self.notes = notes
    }

    /// The whole file at `path`, read-only.
    static func read(_ path: String, what: String) throws -> [UInt8] {
        do {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe))
        } catch {
            throw HiveError(.ioError, operation: "read", path: path, message: "cannot read \(what): \(error.localizedDescription)")
        }
    }
}
