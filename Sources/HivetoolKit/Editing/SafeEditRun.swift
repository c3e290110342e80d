import FoundationEssentials
import Glibc
import Hivex

/// One run of the safe-edit path, one function per step, called in order by ``SafeEditor``. It
/// holds what the steps hand on (hashes, the journal record, the backup and temporary paths) and
/// undoes what a failed run left: ``cleanUp()`` removes the temporary file and, before the rename,
/// the backups, and journals the edit as abandoned.
final class SafeEditRun {
    let hivePath: String
    let options: SafeEditOptions
    let editTime = Date()
    let backupFolder: String
    let journalPath: String

    private var originalStatus = stat()
    private var record: JournalRecord?
    private var backups: [String] = []
    private var temporary: String?
    private var digestAfter: PendingDigest?
    private var replaced = false

    init(hivePath: String, options: SafeEditOptions) {
        self.hivePath = hivePath
        self.options = options
        backupFolder = options.backupDirectory ?? FileOperations.folder(of: hivePath)
        journalPath = EditJournal.path(inFolder: backupFolder)
    }

    /// 1. Refuses what must not be edited (see ``SafeEditor/preflight(_:force:applyLogs:requireUsableHive:spelling:)``).
    func preflight(requireUsableHive: Bool) throws -> [String] {
        try SafeEditor.preflight(hivePath, force: options.force, applyLogs: options.applyLogs && requireUsableHive,
                                 requireUsableHive: requireUsableHive, spelling: options.spelling)
    }

    /// 2. Takes the hive's lock (none for a dry run).
    func lock() throws -> HiveLock? {
        let lock = options.dryRun ? nil : try HiveLock(path: hivePath, wait: options.wait)
        FaultPoint.afterLock.reach()
        return lock
    }

    /// 3. Settles what a killed edit left pending in the journal, then plans the change in memory
    /// while the original is hashed.
    func plan(_ transformation: inout some EditTransformation, warnings: [String]) throws -> SafeEditResult {
        var warnings = warnings
        if !options.dryRun {
            warnings += try SafeEditor.step(.preflight) { try EditJournal.reconcile(hive: hivePath, journal: journalPath) }
        }
        let digestBefore = PendingDigest(path: hivePath)
        guard let status = FileOperations.linkStatus(hivePath) else {
            throw HivetoolError(.hiveDisappeared, path: hivePath, step: .plan)
        }
        originalStatus = status
        if (status.st_mode & S_IFMT) == S_IFREG, status.st_nlink > 1 {
            // The edit replaces the file by a rename: the hive's other names keep the old content.
            let others = status.st_nlink - 1
            warnings.append("\(hivePath) has \(others) other name\(others == 1 ? "" : "s") (hard link\(others == 1 ? "" : "s")), which will keep "
                            + "the unedited hive: the edit replaces this name's file")
        }
        let changes = try transformation.plan(hivePath: hivePath)
        let shaBefore = try SafeEditor.step(.plan) { try digestBefore.wait() }
        return SafeEditResult(hive: hivePath, dryRun: options.dryRun, changes: changes, backup: nil, journal: nil,
                              sha256Before: shaBefore, sha256After: nil, editTime: editTime, warnings: warnings)
    }

    /// 4. Backs up the hive (and the logs applied), journalled as pending as soon as the backup's
    /// file exists: a kill from then on leaves a record the next edit settles.
    func backup(of transformation: some EditTransformation, into result: inout SafeEditResult) throws {
        var record = JournalRecord(id: UUID().uuidString, state: .pending, time: editTime, command: options.command,
                                   hive: SafeEditor.absolute(hivePath), changes: result.changes, sha256Before: result.sha256Before,
                                   sha256After: nil, backup: "", restoredFrom: transformation.restoredFrom.map(SafeEditor.absolute))
        let backup = try Backup.create(of: hivePath, in: backupFolder, time: editTime, expectedSHA256: result.sha256Before) { path in
            record.backup = SafeEditor.absolute(path)
            try SafeEditor.step(.backup) { try EditJournal.append(record, to: journalPath) }
            self.record = record
        }
        backups.append(backup)
        result.backup = backup
        for log in transformation.appliedLogs {
            let sha = try SafeEditor.step(.backup) { try FileDigest.sha256(path: log) }
            let logBackup = try Backup.create(of: log, in: backupFolder, time: editTime, expectedSHA256: sha)
            backups.append(logBackup)
            result.logBackups.append(logBackup)
        }
        if !transformation.appliedLogs.isEmpty {
            record.logsApplied = transformation.appliedLogs.map(SafeEditor.absolute)
            record.logBackups = result.logBackups.map(SafeEditor.absolute)
        }
        self.record = record
        FaultPoint.afterBackup.reach()
    }

    /// 5. Writes the new hive to a temporary file beside the hive.
    func commit(_ transformation: some EditTransformation) throws {
        let folder = FileOperations.folder(of: hivePath)
        let name = ".\(PathName.last(hivePath)).hivetool-\(getpid())-\(UUID().uuidString.prefix(8)).tmp"
        let temporary = PathName.join(folder, name)
        SafeEditor.removeStaleTemporaries(of: hivePath)
        self.temporary = temporary
        try SafeEditor.step(.commit) {
            let descriptor = try FileOperations.createExclusive(temporary, operation: "create the temporary hive")
            try transformation.commit(to: temporary, descriptor: descriptor, editTime: editTime)
        }
        FaultPoint.afterCommit.reach()
    }

    /// 6. Proves the temporary file right (its hash, the hive's after the rename, is computed
    /// meanwhile), then journals the expected hash.
    func verify(_ transformation: some EditTransformation) throws {
        guard let temporary, var record else { return }
        let digest = PendingDigest(path: temporary)
        digestAfter = digest
        try SafeEditor.step(.verify) { try transformation.verify(temporary, digest: digest, editTime: editTime, hivePath: hivePath) }
        record.sha256After = try SafeEditor.step(.verify) { try digest.wait() }
        try SafeEditor.step(.verify) { try EditJournal.append(record, to: journalPath) }
        self.record = record
        FaultPoint.afterVerify.reach()
    }

    /// 7. Replaces the hive atomically, keeping the original's permissions.
    func replace() throws {
        guard let temporary else { return }
        try SafeEditor.step(.replace) {
            try FileOperations.copyPermissions(from: originalStatus, to: temporary)
            try FileOperations.replace(hivePath, with: temporary)
        }
        replaced = true
        FaultPoint.afterReplace.reach()
    }

    /// 8. Journals the edit as completed.
    func journal(into result: inout SafeEditResult) throws {
        guard var record else { return }
        record.state = .completed
        try SafeEditor.step(.journal) { try EditJournal.append(record, to: journalPath) }
        result.sha256After = record.sha256After
        result.journal = journalPath
        FaultPoint.afterJournal.reach()
    }

    /// Undoes what a run that stopped before the rename left: the temporary file, the backups (the
    /// original is as it was) and a pending journal record, which becomes abandoned.
    func cleanUp() {
        if replaced { return }
        if let temporary { FileOperations.remove(temporary) }
        for backup in backups { FileOperations.remove(backup) }
        if var record {
            record.state = .abandoned
            try? EditJournal.append(record, to: journalPath)
        }
    }
}
