internal import CHivex
import FoundationEssentials
import Glibc
import RegistryFormat

/// A replayed hive held in an anonymous in-memory file, so that hivex can open it by path
/// (`/proc/self/fd/N`) while nothing is written to disk. Closed when released.
final class InMemoryHiveImage {
    let descriptor: Int32
    var path: String { "/proc/self/fd/\(descriptor)" }

    init(bytes: [UInt8], sourcePath: String) throws {
        let descriptor = chivex_memfd_create("hivetool-replayed-hive")
        guard descriptor >= 0 else { throw HiveFile.error(errno, operation: "hold the replayed hive in memory", path: sourcePath) }
        self.descriptor = descriptor
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                let failure = HiveFile.error(errno, operation: "hold the replayed hive in memory", path: sourcePath)
                close(descriptor)
                throw failure
            }
            written += count
        }
    }

    deinit { close(descriptor) }
}

extension Hive {
    /// Replays the transaction logs beside the primary hive at `path` when the primary needs them
    /// (dirty, or a base block that is invalid), following the format specification (see
    /// RegistryFormat's `LogReplay`). Only reads files.
    /// - Returns: the report (nil when there are no logs) and the replayed image, when anything applied.
    static func replayLogs(path: String, baseBlock: BaseBlock) throws -> (LogReplayReport?, InMemoryHiveImage?) {
        let logs = TransactionLog.siblings(of: path)
        guard !logs.isEmpty else { return (nil, nil) }
        let needsReplay = baseBlock.isDirty || !baseBlock.checksumIsValid || baseBlock.problem != nil
        guard needsReplay else {
            let skipped = logs.map { SkippedLog(path: $0.path, reason: $0.isEmpty ? "the log is empty" : "the hive is clean, so Windows ignores its logs") }
            return (LogReplayReport(applied: [], skipped: skipped, sequenceAfter: nil, warnings: []), nil)
        }
        let primary = try HiveFile.readAll(path: path, operation: "read the hive for log replay")
        var inputs: [TransactionLogInput] = []
        var unreadable: [SkippedLog] = []
        for log in logs {
            do {
                inputs.append(TransactionLogInput(path: log.path, bytes: try HiveFile.readAll(path: log.path, operation: "read transaction log")))
            } catch let error as HiveError {
                unreadable.append(SkippedLog(path: log.path, reason: "cannot be read: \(error.message)"))
            }
        }
        let result = LogReplay.replay(primary: primary, logs: inputs)
        let report = LogReplayReport(applied: result.applied, skipped: result.skipped + unreadable,
                                     sequenceAfter: result.didApply ? result.sequenceAfter : nil, warnings: result.warnings)
        guard let bytes = result.image, result.didApply else { return (report, nil) }
        return (report, try InMemoryHiveImage(bytes: bytes, sourcePath: path))
    }

    /// The bytes of the hive as read: the replayed image when logs were applied, else the file.
    public func imageBytes() throws -> [UInt8] {
        guard let replayedImage else { return try HiveFile.readAll(path: path, operation: "read the hive") }
        return try HiveFile.readAll(path: replayedImage.path, operation: "read the replayed hive")
    }

    /// The base block of the hive as read: the replayed one when logs were applied.
    public func effectiveBaseBlock() throws -> BaseBlock {
        guard let replayedImage else { return baseBlock }
        return try BaseBlock.read(path: replayedImage.path)
    }
}
