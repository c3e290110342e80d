import FoundationEssentials
import Glibc
import Hivex

/// `hivetool recover`: writes a dirty hive with its transaction logs applied to a new file, clean, so
/// that tools that ignore logs (hivex, reglookup, regfinfo, RegRipper) read what Windows would.
/// The evidence (hive and logs) is only read.
public struct LogRecovery: Codable, Hashable, Sendable {
    public var schemaVersion = JSONOutput.schemaVersion
    /// The build of hivetool that made the document.
    public var tool = ToolInfo()
    /// The dirty hive that was read (its SHA-256 is the file's, as found).
    public var hive: HiveIdentity
    /// The new, clean hive.
    public var output: String
    public var outputSha256: String
    /// The replayed hive's sequence number (both of the new file's sequence numbers).
    public var sequence: UInt32
    /// hivex's unsafe mode was used to read the hive: ``problems`` lists what it skipped over.
    public var unsafe = false
    /// What hivex's unsafe mode skipped over; empty in safe mode.
    public var problems: [String] = []

    /// Replays `hive`'s logs (already done by opening it) and writes the result to `output`, which
    /// must not exist; the file is flushed before this returns.
    /// - Throws: ``HivetoolError`` ``HivetoolError/Reason/nothingToRecover(_:)`` when no log applies;
    ///   a `HiveError` when the output cannot be written.
    public init(hive: Hive, output: String) throws {
        guard let replay = hive.logReplay, replay.didApply, let sequence = replay.sequenceAfter else {
            let logs: HivetoolError.UnappliedLogs
            if !hive.baseBlock.isDirty && hive.baseBlock.checksumIsValid {
                logs = .cleanHive
            } else if let skipped = hive.logReplay?.skipped, !skipped.isEmpty {
                logs = .skipped(skipped)
            } else {
                logs = .noLog
            }
            throw HivetoolError(.nothingToRecover(logs), path: hive.path)
        }
        let bytes = try hive.imageBytes()
        let descriptor = try FileOperations.createExclusive(output, mode: 0o644, operation: "create the recovered hive")
        do {
            defer { close(descriptor) }
            try FileOperations.writeAll(bytes, to: descriptor, path: output)
            try FileOperations.sync(descriptor, path: output)
        } catch {
            FileOperations.remove(output)
            throw error
        }
        try? FileOperations.syncFolder(FileOperations.folder(of: output))
        self.hive = try HiveIdentity(hive: hive)
        self.output = output
        outputSha256 = FileDigest.sha256(of: bytes)
        self.sequence = sequence
    }

    /// `Recovered HIVE -> OUT`, the logs applied and the new file's hash.
    public func writeText(to output: inout some TextOutputStream) {
        output.write("Recovered \(Printable.text(hive.path)) -> \(Printable.text(self.output))\n")
        if let line = hive.logsLine { output.write(line + "\n") }
        output.write("SHA-256: \(hive.sha256) -> \(outputSha256)\n")
        output.write("The new hive is clean (sequence \(sequence)); the evidence files were only read.\n")
    }
}
