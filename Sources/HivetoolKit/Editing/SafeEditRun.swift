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
    /// The hive's SHA-256 after the edit: the verified temporary file's.
    private var sha256After: String?
    /// The backup's copy and proof, running while the new hive is written (``startBackup(of:into:)``).
    private var backupCopy: BackgroundWork<Void>?
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

    /// 4. Starts the backup of the hive: its file is created and journalled as pending now (a kill
    /// from then on leaves a record the next edit settles), and the hive is copied into it and the
    /// copy proved on another thread, while the new hive is written and verified (steps 5 and 6).
    /// ``finishBackup(of:into:)`` waits for it before anything is journalled as verified.
    func startBackup(of transformation: some EditTransformation, into result: inout SafeEditResult) throws {
        var record = JournalRecord(id: UUID().uuidString, state: .pending, time: editTime, command: options.command,
                                   hive: SafeEditor.absolute(hivePath), changes: result.changes, sha256Before: result.sha256Before,
                                   sha256After: nil, backup: "", restoredFrom: transformation.restoredFrom.map(SafeEditor.absolute))
        let reserved = try Backup.reserve(of: hivePath, in: backupFolder, time: editTime)
        backups.append(reserved.path)
        record.backup = SafeEditor.absolute(reserved.path)
        do {
            try SafeEditor.step(.backup) { try EditJournal.append(record, to: journalPath) }
        } catch {
            reserved.discard()
            throw error
        }
        self.record = record
        result.backup = reserved.path
        let hive = hivePath, expected = result.sha256Before
        backupCopy = BackgroundWork { try reserved.fill(from: hive, expectedSHA256: expected) }
    }

    /// Waits for the backup's copy and proof (``startBackup(of:into:)``), then backs up the logs applied.
    func finishBackup(of transformation: some EditTransformation, into result: inout SafeEditResult) throws {
        if let backupCopy {
            self.backupCopy = nil
            try backupCopy.wait().get()
        }
        guard var record else { return }
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
    /// meanwhile).
    func verify(_ transformation: some EditTransformation) throws {
        guard let temporary else { return }
        let digest = PendingDigest(path: temporary)
        digestAfter = digest
        try SafeEditor.step(.verify) { try transformation.verify(temporary, digest: digest, editTime: editTime, hivePath: hivePath) }
        sha256After = try SafeEditor.step(.verify) { try digest.wait() }
    }

    /// 6b. Once the backup is proved too (``finishBackup(of:into:)``), journals the verified hive's
    /// expected hash: a kill from then on leaves a record that tells a replaced hive from the original.
    func journalVerified() throws {
        guard var record, let sha256After else { return }
        record.sha256After = sha256After
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
        if let backupCopy { _ = backupCopy.wait() }  // never leave the copy running into a removed file
        if replaced { return }
        if let temporary { FileOperations.remove(temporary) }
        for backup in backups { FileOperations.remove(backup) }
        if var record {
            record.state = .abandoned
            try? EditJournal.append(record, to: journalPath)
        }
    }
}
