import FoundationEssentials
import RegistryFormat

extension Hive {
    /// Replays the transaction logs beside the primary hive at `path` when the primary needs them
    /// (dirty, or a base block that is invalid), following the format specification (see
    /// RegistryFormat's `LogReplay`). Only reads files.
    /// - Returns: the report (nil when there are no logs), the replayed image, when anything applied,
    ///   and the bytes of each log read, by path.
    static func replayLogs(path: String, primary: HiveBytes, baseBlock: BaseBlock) throws -> (LogReplayReport?, InMemoryHiveImage?, [String: HiveBytes]) {
        let logs = TransactionLog.siblings(of: path)
        guard !logs.isEmpty else { return (nil, nil, [:]) }
        let needsReplay = baseBlock.isDirty || !baseBlock.checksumIsValid || baseBlock.problem != nil
        guard needsReplay else {
            let skipped = logs.map { SkippedLog(path: $0.path, reason: $0.isEmpty ? "the log is empty" : "the hive is clean, so Windows ignores its logs") }
            return (LogReplayReport(applied: [], skipped: skipped, sequenceAfter: nil, warnings: []), nil, [:])
        }
        // The primary is copied into the in-memory file on another thread (the machine's second core)
        // while the logs are read and replayed; the copy is dropped if no log applies.
        let copy = logs.contains { !$0.isEmpty } ? InMemoryHiveImage.copying(primary: primary, sourcePath: path) : nil
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
        let read = Dictionary(inputs.map { ($0.path, $0.bytes) }, uniquingKeysWith: { first, _ in first })
        guard let replayed = result.replayed else { return (report, nil, read) }
        let image = try copy?.wait() ?? InMemoryHiveImage(primary: primary, sourcePath: path)
        try image.apply(replayed)
        return (report, image, read)
    }

    /// The bytes of the transaction log at `path` (as the replay report names it) as read for replay
    /// when the hive was opened, or nil when it was not read: hash these rather than the file again.
    public func logBytes(path: String) -> HiveBytes? { readLogs[path] }

    /// The primary file's bytes as mapped when the hive was opened (what its hash is of), without
    /// a copy: valid as long as the returned value lives.
    public var fileBytes: HiveBytes { file.bytes }

    /// The bytes of the hive as read, without a copy: the replayed image when logs were applied,
    /// else the file (``fileBytes``).
    public var bytes: HiveBytes { replayedImage?.mapping?.bytes ?? file.bytes }

    /// A copy of the bytes of the hive as read (see ``bytes``).
    public func imageBytes() throws -> [UInt8] { bytes.array }

    /// The base block of the hive as read: the replayed one when logs were applied.
    public func effectiveBaseBlock() throws -> BaseBlock {
        guard replayedImage != nil else { return baseBlock }
        return try BaseBlock.read(bytes: bytes, path: path)
    }
}
