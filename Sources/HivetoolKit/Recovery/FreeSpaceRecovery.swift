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

    /// The search of `hive`'s free space on another thread (it reads the mapped image, never the
    /// hivex handle), so the live tree can be read meanwhile: the one started while the hive was
    /// opened (``startWhenImageReady(path:)``), else a new one.
    static func search(of hive: Hive) -> BackgroundWork<FreeSpaceRecovery> {
        if let started = hive.startedWhenImageReady as? BackgroundWork<FreeSpaceRecovery> { return started }
        return start(bytes: hive.bytes, path: hive.path, appliedLogs: hive.logReplay?.applied.map(\.path) ?? [])
    }

    /// Starts the search of the free space of the hive at `path` as soon as its image is ready, for
    /// ``Hive/init(path:options:whenMapped:whenImageReady:)``: it then runs while hivex parses the
    /// hive. ``ProfileInventory/init(hive:includingDeleted:)``, ``OutlookHistory``'s reader and
    /// ``init(started:)`` take it up.
    public static func startWhenImageReady(path: String) -> (HiveBytes, [String]) -> (any Sendable)? {
        { bytes, appliedLogs in start(bytes: bytes, path: path, appliedLogs: appliedLogs) }
    }

    /// Images up to this size are searched on a thread of their own, started at once; larger ones
    /// on the shared pool (Dispatch's global queue).
    ///
    /// Measured on two cores: on a 2.6 MB NTUSER.DAT the pool gave the search its thread only after
    /// the read of the live tree was done, so the search added 19–27% to `list-profiles` over
    /// `--no-deleted` (4–9% on a thread of its own). On the 190 MB benchmark hive the hash already
    /// keeps the second core busy for 120 ms: a search started at once took time from the main
    /// thread's parse (+21–22%), where the pool, which runs it when a worker frees, costs +12–16%.
    static let ownThreadLimit = 32 << 20

    /// The search of `bytes` (the image of the hive at `path`) on another thread.
    static func start(bytes: HiveBytes, path: String, appliedLogs: [String]) -> BackgroundWork<FreeSpaceRecovery> {
        let search: @Sendable () throws -> FreeSpaceRecovery = { try FreeSpaceRecovery(bytes: bytes, path: path, appliedLogs: appliedLogs) }
        return bytes.count <= ownThreadLimit ? BackgroundWork.onThreadOfItsOwn(search) : BackgroundWork(search)
    }

    /// The result of the search of `hive`'s free space: the one started while it was opened, else
    /// one run now (``init(hive:)``).
    /// - Throws: `HiveError` when the image cannot be read or its hive bins cannot be parsed.
    public init(started hive: Hive) throws {
        self = try Self.search(of: hive).wait().get()
    }
}
