import FoundationEssentials

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
    /// How warnings name options: HivetoolKit's API names unless the caller (a command line) has its own.
    public var spelling: OptionSpelling = { $0.name }

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
