import FoundationEssentials
import Glibc
import Hivex

/// The one path every hivetool edit takes (README "Edit guarantees"):
/// preflight -> lock -> plan in memory -> verified backup -> commit to a temporary file ->
/// verify the whole tree -> atomic rename -> journal. Until the rename the original is never written.
///
/// Each step is one function of `SafeEditRun`; what differs between kinds of edit (an hivex
/// change, a restore) is an `EditTransformation`.
public enum SafeEditor {
    /// Edits the hive at `hivePath` with `change`, which works on the in-memory hive through a
    /// ``HiveEditSession``. When it records no change, nothing is written.
    public static func edit(hivePath: String, options: SafeEditOptions, change: @escaping (HiveEditSession) throws -> Void) throws -> SafeEditResult {
        try run(hivePath: hivePath, options: options, transformation: HivexEdit(change: change, applyLogs: options.applyLogs))
    }

    /// Puts `backupPath` (whose SHA-256 is `backupSHA256`) back as the hive at `hivePath`.
    static func replace(hivePath: String, withBackup backupPath: String, backupSHA256: String, options: SafeEditOptions) throws -> SafeEditResult {
        try run(hivePath: hivePath, options: options, transformation: BackupReplacement(source: backupPath, sha256: backupSHA256))
    }

    /// Runs every step for `transformation`.
    static func run(hivePath: String, options: SafeEditOptions, transformation: some EditTransformation) throws -> SafeEditResult {
        let run = SafeEditRun(hivePath: hivePath, options: options)
        defer { run.cleanUp() }
        let warnings = try run.preflight(requireUsableHive: transformation.requiresUsableHive)
        let lock = try run.lock()
        defer { withExtendedLifetime(lock) {} }
        var transformation = transformation
        var result = try run.plan(&transformation, warnings: warnings)
        if result.changes.isEmpty || options.dryRun { return result }
        try run.startBackup(of: transformation, into: &result)
        // The new hive is written and verified while the backup is copied; the backup's failure
        // is reported first, as when it came first.
        let written = Result { try run.commit(transformation); try run.verify(transformation) }
        try run.finishBackup(of: transformation, into: &result)
        try written.get()
        try run.journalVerified()
        try run.replace()
        try run.journal(into: &result)
        return result
    }

    /// Refuses what must not be edited; returns warnings for what `force` lets through, options
    /// spelled by `spelling`. A restore may replace a damaged hive, so `requireUsableHive` is false for it.
    static func preflight(_ path: String, force: Bool, applyLogs: Bool = false, requireUsableHive: Bool = true,
                          spelling: OptionSpelling = { $0.name }) throws -> [String] {
        guard let status = FileOperations.linkStatus(path) else {
            let block = Result { try BaseBlock.read(path: path) }
            if case .failure(let error as HiveError) = block { throw HivetoolError(error, step: .preflight) }
            throw HivetoolError(.unreadable, path: path, step: .preflight)
        }
        if (status.st_mode & S_IFMT) == S_IFLNK {
            throw HivetoolError(.symbolicLink, path: path, step: .preflight)
        }
        guard let block = requireUsableHive ? try step(.preflight, { try BaseBlock.read(path: path) }) : try? BaseBlock.read(path: path) else {
            return []  // a restore may replace a file that is not a hive at all
        }
        if requireUsableHive, let problem = block.problem {
            throw HivetoolError(.damagedHive(problem: problem), path: path, step: .preflight)
        }
        let state = HivetoolError.DirtyState(isDirty: block.isDirty, primarySequence: block.primarySequenceNumber,
                                             secondarySequence: block.secondarySequenceNumber,
                                             logsHoldingData: TransactionLog.siblings(of: path).filter { !$0.isEmpty }.map(\.path))
        guard !state.isClean else { return [] }
        let reason = state.text
        if applyLogs {
            return ["\(reason); editing the hive with its logs applied (\(spelling(.applyLogs))): the edited hive is written clean and the logs are left in place, backed up"]
        }
        if !force {
            let advice = requireUsableHive ? editAdvice(path, isDirty: block.isDirty) : .forceReplace
            throw HivetoolError(.dirtyHive(state, advice: advice), path: path, step: .preflight)
        }
        return ["\(reason); editing anyway (\(spelling(.force))): the pending log data will be lost"]
    }

    /// The one option that gets an edit past a dirty hive or logs holding data: applying the logs
    /// when one applies, else forcing the edit (never advice that fails in turn).
    static func editAdvice(_ path: String, isDirty: Bool) -> HivetoolError.DirtyAdvice {
        let replay = (try? Hive(path: path))?.logReplay
        if replay?.didApply == true { return .applyLogs }
        guard isDirty else { return .forceCleanHive }
        return .forcePrimary(skipped: replay?.skipped ?? [])
    }

    /// Removes temporary hives left beside `hivePath` by an editor that was killed (its process is gone).
    static func removeStaleTemporaries(of hivePath: String) {
        let folder = FileOperations.folder(of: hivePath)
        let prefix = ".\(PathName.last(hivePath)).hivetool-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            let pidText = name.dropFirst(prefix.count).prefix { $0 != "-" }
            guard let pid = Int32(pidText), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            FileOperations.remove(PathName.join(folder, name))
        }
    }

    /// The absolute form of `path`, for the journal.
    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// Runs `body`, wrapping a `HiveError` in a ``HivetoolError`` of `step`, and giving a
    /// ``HivetoolError`` thrown outside any step this one.
    static func step<T>(_ step: HivetoolError.Step, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as HiveError {
            throw HivetoolError(error, step: step)
        } catch var error as HivetoolError where error.step == nil {
            error.step = step
            throw error
        }
    }
}
