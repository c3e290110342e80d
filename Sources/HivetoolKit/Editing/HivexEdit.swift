import FoundationEssentials
import Glibc
import Hivex

/// An edit made through hivex on the in-memory hive (set-expire, unmark, purge, delete-profile):
/// verified by walking the written hive against the original's tree with the plan applied.
struct HivexEdit: EditTransformation {
    let change: (HiveEditSession) throws -> Void
    /// Edit the hive with its transaction logs applied (``SafeEditOptions/applyLogs``); else the primary as it is.
    let applyLogs: Bool
    private(set) var appliedLogs: [String] = []
    private var before = TreeSnapshot()
    private var session: HiveEditSession?

    init(change: @escaping (HiveEditSession) throws -> Void, applyLogs: Bool) {
        self.change = change
        self.applyLogs = applyLogs
    }

    var requiresUsableHive: Bool { true }
    var restoredFrom: String? { nil }
    private var openOptions: Hive.OpenOptions { applyLogs ? [] : [.ignoreLogs] }

    mutating func plan(hivePath: String) throws -> [EditChange] {
        // The whole original is read first: a damaged hive is refused before anything is planned.
        let (snapshot, logs) = try SafeEditor.step(.preflight) { () throws -> (TreeSnapshot, [String]) in
            let hive = try HiveFileImage(path: hivePath, options: openOptions)
            if applyLogs, hive.baseBlock.isDirty, hive.logReplay?.didApply != true {
                throw HivetoolError(.noLogApplies(hive.logReplay?.skipped.first), path: hivePath, step: .preflight)
            }
            return (try TreeSnapshot(hive: hive), hive.logReplay?.applied.map(\.path) ?? [])
        }
        before = snapshot
        appliedLogs = logs
        let planned = HiveEditSession(hive: try SafeEditor.step(.plan) { try Hive(path: hivePath, options: openOptions.union(.writable)) })
        try SafeEditor.step(.plan) { try change(planned) }
        if let disagreement = before.readingDisagreement(with: planned.plan) {
            throw HivetoolError(.unverifiableHive(detail: disagreement), path: hivePath, step: .plan)
        }
        session = planned
        return planned.changes
    }

    func commit(to temporary: String, descriptor: Int32, editTime: Date) throws {
        close(descriptor)
        guard let session else { return }
        try session.hive.commit(to: temporary)
        session.close()
        try HiveTimestamps.stamp(file: temporary, keys: session.touchedKeys, time: editTime)
        try FileOperations.sync(path: temporary)
    }

    func verify(_ temporary: String, digest: PendingDigest, editTime: Date, hivePath: String) throws {
        guard let session else { return }
        let expected = before.applying(session.plan)
        if let difference = try expected.firstDifference(from: HiveFileImage(path: temporary, options: .ignoreLogs), touched: session.touchedPaths,
                                                         editTime: editTime) {
            throw HivetoolError(.editedHiveDiffers(difference: difference), path: hivePath, step: .verify)
        }
        let header = try BaseBlock.read(path: temporary)
        if let problem = header.problem ?? (header.isDirty ? "is dirty" : nil) {
            throw HivetoolError(.editedHiveDamaged(problem: problem), path: hivePath, step: .verify)
        }
    }
}
