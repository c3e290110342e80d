import FoundationEssentials
import Glibc
import Hivex

/// `hivetool recover`: writes a dirty hive with its transaction logs applied to a new file, clean, so
/// that tools that ignore logs (hivex, reglookup, regfinfo, RegRipper) read what Windows would.
/// The evidence (hive and logs) is only read.
public struct LogRecovery: Codable, Hashable, Sendable {
    public var schemaVersion = JSONOutput.schemaVersion
    /// The dirty hive that was read (its SHA-256 is the file's, as found).
    public var hive: HiveIdentity
    /// The new, clean hive.
    public var output: String
    public var outputSha256: String
    /// The replayed hive's sequence number (both of the new file's sequence numbers).
    public var sequence: UInt32

    /// Why nothing was written.
    public struct NothingToApply: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): nothing to recover: \(reason)" }
    }

    /// Replays `hive`'s logs (already done by opening it) and writes the result to `output`, which
    /// must not exist; the file is flushed before this returns.
    /// - Throws: ``NothingToApply`` when no log applies; a `HiveError` when the output cannot be written.
    public init(hive: Hive, output: String) throws {
        guard let replay = hive.logReplay, replay.didApply, let sequence = replay.sequenceAfter else {
            let reason: String
            if !hive.baseBlock.isDirty && hive.baseBlock.checksumIsValid {
                reason = "the hive is clean, so its logs do not apply"
            } else if let skipped = hive.logReplay?.skipped, !skipped.isEmpty {
                reason = "no transaction log applies (" + skipped.map { "\(PathName.last($0.path)): \($0.reason)" }.joined(separator: "; ") + ")"
            } else {
                reason = "the hive is dirty but has no transaction log beside it"
            }
            throw NothingToApply(path: hive.path, reason: reason)
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
