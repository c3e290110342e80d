import FoundationEssentials
import Hivex

/// Puts a backup back in place through the safe-edit path, after checking it against the journal.
public enum HiveRestore {
    /// The hive a backup restores to when no target is given: the backup's name without
    /// `.<timestamp>.bak`, in the backup's folder.
    public static func defaultTarget(ofBackup backup: String) -> String? {
        guard let name = Backup.originalName(ofBackup: PathName.last(backup)) else { return nil }
        let folder = PathName.folder(of: backup)
        return folder.isEmpty ? name : PathName.join(folder, name)
    }

    /// Restores `backup` over `target`.
    ///
    /// The backup must appear in the journal beside it (`hivetool-journal.jsonl`) with the same
    /// SHA-256 as now, and be a usable hive. `options.force` accepts a backup the journal does not
    /// know (never one whose hash differs from the journal's).
    public static func restore(backup: String, to target: String, options: SafeEditOptions) throws -> SafeEditResult {
        let backupSHA = try SafeEditor.step(.preflight) { () throws -> String in
            _ = try Hive(path: backup)
            return try FileDigest.sha256(path: backup)
        }
        let journal = EditJournal.path(inFolder: FileOperations.folder(of: backup))
        let backupName = PathName.last(backup)
        let record = EditJournal.records(at: journal).last { PathName.last($0.backup) == backupName }
        var warnings: [String] = []
        if let record {
            guard record.sha256Before == backupSHA else {
                throw HivetoolError(.backupChanged(sha256: backupSHA, journalSHA256: record.sha256Before), path: backup, step: .preflight)
            }
        } else if options.force {
            warnings.append("\(backup) is not in the journal \(journal); restoring anyway (\(options.spelling(.force)))")
        } else {
            throw HivetoolError(.backupNotInJournal(journal: journal), path: backup, step: .preflight)
        }
        var result = try SafeEditor.replace(hivePath: target, withBackup: backup, backupSHA256: backupSHA, options: options)
        result.warnings = warnings + result.warnings
        return result
    }
}
