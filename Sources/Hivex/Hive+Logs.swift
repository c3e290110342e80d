internal import CHivex
import FoundationEssentials
import Glibc
import RegistryFormat

/// A replayed hive held in an anonymous in-memory file, so that hivex can open it by path
/// (`/proc/self/fd/N`) while nothing is written to disk. Closed when released.
final class InMemoryHiveImage {
    let descriptor: Int32
    var path: String { "/proc/self/fd/\(descriptor)" }
    /// The image, mapped read-only from the in-memory file (the pages hivex maps too).
    private(set) var mapping: MappedFile?

    /// Writes `replayed` into a new in-memory file: the primary's bytes in one kernel copy, then
    /// each log page over them (no copy of the whole image in this process), and maps it.
    init(replayed: ReplayedHive, sourcePath: String) throws {
        let descriptor = chivex_memfd_create("hivetool-replayed-hive")
        guard descriptor >= 0 else { throw HiveFile.error(errno, operation: "hold the replayed hive in memory", path: sourcePath) }
        self.descriptor = descriptor
        do {
            guard ftruncate(descriptor, off_t(replayed.length)) == 0 else { throw HiveFile.error(errno, operation: "hold the replayed hive in memory", path: sourcePath) }
            try replayed.forEachPiece { offset, piece in
                guard let base = piece.baseAddress, !piece.isEmpty else { return }
                var written = 0
                while written < piece.count {
                    let count = pwrite(descriptor, base + written, piece.count - written, off_t(offset + written))
                    if count < 0 && errno == EINTR { continue }
                    if count < 0 && errno == EFAULT {
                        // The kernel could not read the primary's mapped page: the medium failed it.
                        throw HiveError(.ioError, operation: "read the hive", path: sourcePath,
                                        message: "cannot read the file: the medium returned an I/O error (a bad sector?)")
                    }
                    guard count > 0 else { throw HiveFile.error(errno, operation: "hold the replayed hive in memory", path: sourcePath) }
                    written += count
                }
            }
            mapping = try MappedFile(descriptor: descriptor)
        } catch let error as MappedFileError {
            close(descriptor)
            throw HiveFile.error(error.code, operation: "hold the replayed hive in memory", path: sourcePath)
        } catch {
            close(descriptor)
            throw error
        }
    }

    deinit { close(descriptor) }
}

extension Hive {
    /// Replays the transaction logs beside the primary hive at `path` when the primary needs them
    /// (dirty, or a base block that is invalid), following the format specification (see
    /// RegistryFormat's `LogReplay`). Only reads files.
    /// - Returns: the report (nil when there are no logs) and the replayed image, when anything applied.
    static func replayLogs(path: String, primary: HiveBytes, baseBlock: BaseBlock) throws -> (LogReplayReport?, InMemoryHiveImage?) {
        let logs = TransactionLog.siblings(of: path)
        guard !logs.isEmpty else { return (nil, nil) }
        let needsReplay = baseBlock.isDirty || !baseBlock.checksumIsValid || baseBlock.problem != nil
        guard needsReplay else {
            let skipped = logs.map { SkippedLog(path: $0.path, reason: $0.isEmpty ? "the log is empty" : "the hive is clean, so Windows ignores its logs") }
            return (LogReplayReport(applied: [], skipped: skipped, sequenceAfter: nil, warnings: []), nil)
        }
        var inputs: [TransactionLogInput] = []
        var unreadable: [SkippedLog] = []
        for log in logs {
            do {
                // Read, not mapped: a log on a damaged medium then fails with EIO and is skipped, where a
                // mapping would kill the process with SIGBUS when replay touches the bad page.
                inputs.append(TransactionLogInput(path: log.path, bytes: try HiveFile.readAll(path: log.path, operation: "read transaction log")))
            } catch let error as HiveError {
                unreadable.append(SkippedLog(path: log.path, reason: "cannot be read: \(error.message)"))
            }
        }
        let result = LogReplay.replay(primary: primary, logs: inputs)
        let report = LogReplayReport(applied: result.applied, skipped: result.skipped + unreadable,
                                     sequenceAfter: result.didApply ? result.sequenceAfter : nil, warnings: result.warnings)
        guard let replayed = result.replayed else { return (report, nil) }
        return (report, try InMemoryHiveImage(replayed: replayed, sourcePath: path))
    }

    /// The primary file's bytes as mapped when the hive was opened (what its hash is of), without
    /// a copy: valid as long as the returned value lives.
    public var fileBytes: HiveBytes { file.bytes }

    /// The bytes of the hive as read, without a copy: the replayed image when logs were applied,
    /// else the file (``fileBytes``).
    public var bytes: HiveBytes { image.bytes }

    /// A copy of the bytes of the hive as read (see ``bytes``).
    public func imageBytes() throws -> [UInt8] { bytes.array }

    /// The base block of the hive as read: the replayed one when logs were applied.
    public func effectiveBaseBlock() throws -> BaseBlock {
        guard replayedImage != nil else { return baseBlock }
        return try BaseBlock.read(bytes: bytes, path: path)
    }
}
