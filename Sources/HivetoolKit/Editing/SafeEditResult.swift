import FoundationEssentials
import Hivex

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
