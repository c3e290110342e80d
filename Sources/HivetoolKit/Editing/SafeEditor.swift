import Foundation
import Glibc
import Hivex

/// How an edit is to be made.
public struct SafeEditOptions: Sendable {
    /// Where the backup and the journal go; the hive's folder when nil.
    public var backupDirectory: String?
    /// Edit a dirty hive or one with non-empty transaction logs anyway (with a warning).
    public var force = false
    /// Edit a dirty hive with its transaction logs applied (in memory): the edited hive is the
    /// replayed one plus the change, written clean; the logs are backed up and left in place.
    public var applyLogs = false
    /// Wait for another hivetool editing the same hive instead of failing.
    public var wait = false
    /// Show what would change; write nothing.
    public var dryRun = false
    /// The command line, for the journal.
    public var command: String

    public init(command: String, backupDirectory: String? = nil, force: Bool = false, applyLogs: Bool = false,
                wait: Bool = false, dryRun: Bool = false) {
        self.command = command
        self.backupDirectory = backupDirectory
        self.force = force
        self.applyLogs = applyLogs
        self.wait = wait
        self.dryRun = dryRun
    }
}

/// What an edit did (or, with `dryRun`, would do).
public struct SafeEditResult: Codable, Hashable, Sendable {
    public var schemaVersion = JSONOutput.schemaVersion
    public var hive: String
    public var dryRun: Bool
    public var changes: [EditChange]
    @NullEncoded public var backup: String?
    @NullEncoded public var journal: String?
    /// Backups of the transaction logs applied (`--apply-logs`).
    public var logBackups: [String] = []
    public var sha256Before: String
    @NullEncoded public var sha256After: String?
    public var editTime: Date
    public var warnings: [String]

    /// The text form: each change, then where the backup and journal are.
    public func writeText(to output: inout some TextOutputStream) {
        for warning in warnings { output.write("WARNING: \(warning)\n") }
        if changes.isEmpty {
            output.write("\(hive): nothing to change\n")
            return
        }
        output.write(dryRun ? "Would change \(hive):\n" : "Changed \(hive):\n")
        for change in changes { output.write("  \(Printable.text(change.summary))\n") }
        if dryRun {
            output.write("Dry run: nothing was written.\n")
            return
        }
        if let backup { output.write("Backup:  \(backup) (SHA-256 \(sha256Before), verified)\n") }
        if let sha256After { output.write("SHA-256: \(sha256Before) -> \(sha256After)\n") }
        if let journal { output.write("Journal: \(journal)\n") }
    }
}

/// The one path every hivetool edit takes (README "Edit guarantees"):
/// preflight -> lock -> plan in memory -> verified backup -> commit to a temporary file ->
/// verify the whole tree -> atomic rename -> journal. Until the rename the original is never written.
public enum SafeEditor {
    /// Edits the hive at `hivePath` with `change`, which works on the in-memory hive through a
    /// ``HiveEditSession``. When it records no change, nothing is written.
    public static func edit(hivePath: String, options: SafeEditOptions, change: @escaping (HiveEditSession) throws -> Void) throws -> SafeEditResult {
        try run(hivePath: hivePath, options: options, transformation: .hivex(change))
    }

    /// Puts `backupPath` (whose SHA-256 is `backupSHA256`) back as the hive at `hivePath`.
    static func replace(hivePath: String, withBackup backupPath: String, backupSHA256: String, options: SafeEditOptions) throws -> SafeEditResult {
        try run(hivePath: hivePath, options: options, transformation: .replaceContents(source: backupPath, sha256: backupSHA256))
    }

    enum Transformation {
        case hivex((HiveEditSession) throws -> Void)
        case replaceContents(source: String, sha256: String)
    }

    static func run(hivePath: String, options: SafeEditOptions, transformation: Transformation) throws -> SafeEditResult {
        let editTime = Date()
        var isRestore = false
        if case .replaceContents = transformation { isRestore = true }
        var warnings = try preflight(hivePath, force: options.force, applyLogs: options.applyLogs && !isRestore, requireUsableHive: !isRestore)
        // Without --apply-logs an edit works on the primary file as it is (what --force edits).
        let openOptions: Hive.OpenOptions = options.applyLogs && !isRestore ? [] : [.ignoreLogs]
        let lock = options.dryRun ? nil : try HiveLock(path: hivePath, wait: options.wait)
        defer { withExtendedLifetime(lock) {} }
        FaultPoint.afterLock.reach()
        let backupFolder = options.backupDirectory ?? FileOperations.folder(of: hivePath)
        let journal = EditJournal.path(inFolder: backupFolder)
        if !options.dryRun {
            warnings += try step(.preflight) { try EditJournal.reconcile(hive: hivePath, journal: journal) }
        }

        let digestBefore = PendingDigest(path: hivePath)
        guard let originalStatus = FileOperations.linkStatus(hivePath) else {
            throw SafeEditError(.plan, path: hivePath, message: "the hive disappeared")
        }

        // Plan: make the change in memory (this is where unsafe changes are refused).
        var session: HiveEditSession?
        var before: TreeSnapshot?
        var appliedLogs: [String] = []
        if case .hivex = transformation {
            before = try step(.preflight) { () throws -> TreeSnapshot in
                let hive = try Hive(path: hivePath, options: openOptions)
                if options.applyLogs, hive.baseBlock.isDirty, hive.logReplay?.didApply != true {
                    throw SafeEditError(.preflight, path: hivePath, message: "refusing to edit: --apply-logs, but no transaction log applies"
                                        + ((hive.logReplay?.skipped.first).map { " (\(($0.path as NSString).lastPathComponent): \($0.reason))" } ?? "")
                                        + "; use --force to edit the primary as it is", kind: .refused)
                }
                appliedLogs = hive.logReplay?.applied.map(\.path) ?? []
                return try TreeSnapshot(hive: hive)
            }
        }
        let shaBefore = try step(.plan) { try digestBefore.wait() }
        var result = SafeEditResult(hive: hivePath, dryRun: options.dryRun, changes: [], backup: nil, journal: nil,
                                    sha256Before: shaBefore, sha256After: nil, editTime: editTime, warnings: warnings)
        switch transformation {
        case .hivex(let change):
            let planned = HiveEditSession(hive: try step(.plan) { try Hive(path: hivePath, options: openOptions.union(.writable)) })
            try step(.plan) { try change(planned) }
            result.changes = planned.changes
            session = planned
        case .replaceContents(let source, _):
            result.changes = [EditChange(action: .replaceFile, key: "\\", value: nil, old: nil, new: nil)]
            _ = source
        }
        if result.changes.isEmpty || options.dryRun { return result }

        // Backup, journalled as pending as soon as its file exists: a kill from then on leaves a
        // record that the next edit or restore settles (see EditJournal.reconcile).
        var restoredFrom: String?
        if case .replaceContents(let source, _) = transformation { restoredFrom = source }
        var record = JournalRecord(id: UUID().uuidString, state: .pending, time: editTime, command: options.command, hive: absolute(hivePath),
                                   changes: result.changes, sha256Before: shaBefore, sha256After: nil, backup: "",
                                   restoredFrom: restoredFrom.map(absolute))
        let backup: String
        do {
            backup = try Backup.create(of: hivePath, in: backupFolder, time: editTime, expectedSHA256: shaBefore) { path in
                record.backup = absolute(path)
                try step(.backup) { try EditJournal.append(record, to: journal) }
            }
        } catch {
            if !record.backup.isEmpty {  // journalled, then failed: the backup was removed
                record.state = .abandoned
                try? EditJournal.append(record, to: journal)
            }
            throw error
        }
        result.backup = backup
        // Until the rename, a failure leaves the original as it was: its backup is then only clutter.
        var keepBackup = false
        defer { if !keepBackup { FileOperations.remove(backup) } }
        // With --apply-logs the logs stay in place (the new primary is clean, so Windows ignores them)
        // and are backed up beside the hive's backup.
        var logBackups: [String] = []
        defer { if !keepBackup { for logBackup in logBackups { FileOperations.remove(logBackup) } } }
        for log in appliedLogs {
            let sha = try step(.backup) { try FileDigest.sha256(path: log) }
            logBackups.append(try Backup.create(of: log, in: backupFolder, time: editTime, expectedSHA256: sha))
        }
        result.logBackups = logBackups
        record.logsApplied = appliedLogs.isEmpty ? nil : appliedLogs.map(absolute)
        record.logBackups = logBackups.isEmpty ? nil : logBackups.map(absolute)
        defer {
            if !keepBackup {  // failed before the rename: say so in the journal (best effort)
                var abandoned = record
                abandoned.state = .abandoned
                try? EditJournal.append(abandoned, to: journal)
            }
        }
        FaultPoint.afterBackup.reach()

        // Commit to a temporary file beside the hive.
        let folder = FileOperations.folder(of: hivePath)
        let temporary = (folder as NSString).appendingPathComponent(".\((hivePath as NSString).lastPathComponent).hivetool-\(getpid())-\(UUID().uuidString.prefix(8)).tmp")
        removeStaleTemporaries(of: hivePath)
        var keepTemporary = false
        defer { if !keepTemporary { FileOperations.remove(temporary) } }
        try step(.commit) {
            let descriptor = try FileOperations.createExclusive(temporary, operation: "create the temporary hive")
            switch transformation {
            case .hivex:
                close(descriptor)
                guard let session else { return }
                try session.hive.commit(to: temporary)
                try HiveTimestamps.stamp(file: temporary, keys: session.touchedKeys, time: editTime)
                try FileOperations.sync(path: temporary)
            case .replaceContents(let source, _):
                defer { close(descriptor) }
                try FileOperations.copy(from: source, to: descriptor, destination: temporary)
            }
        }
        FaultPoint.afterCommit.reach()

        // Verify the temporary file by reopening it (its hash, the hive's after the rename, is
        // computed meanwhile).
        let digestAfter = PendingDigest(path: temporary)
        try step(.verify) {
            switch transformation {
            case .hivex:
                guard let session, let before else { return }
                let touched = Set(try session.touchedKeys.map { try session.hive.path(of: $0) })
                let expected = before.applying(session.plan)
                if let difference = try expected.firstDifference(from: Hive(path: temporary, options: .ignoreLogs), touched: touched, editTime: editTime) {
                    throw SafeEditError(.verify, path: hivePath, message: "the edited hive is not as intended (\(difference)); the original is unchanged")
                }
                let header = try BaseBlock.read(path: temporary)
                if let problem = header.problem ?? (header.isDirty ? "is dirty" : nil) {
                    throw SafeEditError(.verify, path: hivePath, message: "the edited hive \(problem); the original is unchanged")
                }
            case .replaceContents(_, let sha256):
                let actual = try digestAfter.wait()
                guard actual == sha256 else {
                    throw SafeEditError(.verify, path: hivePath, message: "the copy's SHA-256 \(actual) differs from the backup's \(sha256)")
                }
                _ = try TreeSnapshot(hive: Hive(path: temporary, options: .ignoreLogs))
            }
        }
        record.sha256After = try step(.verify) { try digestAfter.wait() }
        try step(.verify) { try EditJournal.append(record, to: journal) }
        FaultPoint.afterVerify.reach()

        // Replace atomically, keeping the original's permissions.
        try step(.replace) {
            try FileOperations.copyPermissions(from: originalStatus, to: temporary)
            try FileOperations.replace(hivePath, with: temporary)
        }
        keepTemporary = true  // it is the hive now
        keepBackup = true
        FaultPoint.afterReplace.reach()

        // Journal.
        result.sha256After = record.sha256After
        record.state = .completed
        try step(.journal) { try EditJournal.append(record, to: journal) }
        result.journal = journal
        FaultPoint.afterJournal.reach()
        return result
    }

    /// Refuses what must not be edited; returns warnings for what `force` lets through.
    /// A restore may replace a damaged hive, so `requireUsableHive` is false for it.
    static func preflight(_ path: String, force: Bool, applyLogs: Bool = false, requireUsableHive: Bool = true) throws -> [String] {
        guard let status = FileOperations.linkStatus(path) else {
            let block = Result { try BaseBlock.read(path: path) }
            if case .failure(let error as HiveError) = block { throw SafeEditError(.preflight, error) }
            throw SafeEditError(.preflight, path: path, message: "cannot read the file", kind: .fileNotFound)
        }
        if (status.st_mode & S_IFMT) == S_IFLNK {
            throw SafeEditError(.preflight, path: path, message: "is a symbolic link; pass the real hive path", kind: .refused)
        }
        guard let block = requireUsableHive ? try step(.preflight, { try BaseBlock.read(path: path) }) : try? BaseBlock.read(path: path) else {
            return []  // a restore may replace a file that is not a hive at all
        }
        if requireUsableHive, let problem = block.problem {
            let kind: HiveError.Kind = block.fileType == .primary ? .corrupt : .notAHive
            throw SafeEditError(.preflight, path: path, message: "refusing to edit: the file \(problem)", kind: kind)
        }
        var reasons: [String] = []
        if block.isDirty { reasons.append("the hive is dirty (sequence numbers \(block.primarySequenceNumber) and \(block.secondarySequenceNumber) differ)") }
        let logs = TransactionLog.siblings(of: path).filter { !$0.isEmpty }
        if !logs.isEmpty { reasons.append("transaction logs hold data: \(logs.map(\.path).joined(separator: ", "))") }
        guard !reasons.isEmpty else { return [] }
        let reason = reasons.joined(separator: "; ")
        if applyLogs {
            return ["\(reason); editing the hive with its logs applied (--apply-logs): the edited hive is written clean and the logs are left in place, backed up"]
        }
        if !force {
            throw SafeEditError(.preflight, path: path,
                                message: "refusing to edit: \(reason); use --apply-logs to edit the hive with its logs applied (or --force to edit the primary as it is, losing the pending log data)",
                                kind: .refused)
        }
        return ["\(reason); editing anyway (--force): the pending log data will be lost"]
    }

    /// Removes temporary hives left beside `hivePath` by an editor that was killed (its process is gone).
    static func removeStaleTemporaries(of hivePath: String) {
        let folder = FileOperations.folder(of: hivePath)
        let prefix = ".\((hivePath as NSString).lastPathComponent).hivetool-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            let pidText = name.dropFirst(prefix.count).prefix { $0 != "-" }
            guard let pid = Int32(pidText), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            FileOperations.remove((folder as NSString).appendingPathComponent(name))
        }
    }

    /// The absolute form of `path`, for the journal.
    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// Runs `body`, turning a ``HiveError`` into a ``SafeEditError`` of `step`.
    static func step<T>(_ step: SafeEditError.Step, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as HiveError {
            throw SafeEditError(step, error)
        }
    }
}
