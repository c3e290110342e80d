/// One run of ``LogReplay``: one method per step (assess the primary, open the logs, apply new- or
/// old-format logs, write the base block), sharing the image and the report being built.
struct ReplaySession {
    /// A usable log with its position in the caller's list (skipped logs are reported in that order).
    private struct IndexedLog {
        var index: Int
        var file: TransactionLogFile
    }

    private let primary: HiveBytes
    private let inputs: [TransactionLogInput]
    private var image: ReplayImage
    private var applied: [AppliedLog] = []
    private var skipReasons: [Int: String] = [:]
    private var warnings: [String] = []

    /// Base block fields the finished image gets.
    private var lastSequence: UInt32?
    private var hiveBinsDataSize: UInt32?
    private var flags: UInt32 = 0
    /// The 512-byte header of the log whose base block replaces an invalid primary one.
    private var baseBlockFromLog: ArraySlice<UInt8>?

    init(primary: HiveBytes, logs: [TransactionLogInput]) {
        self.primary = primary
        inputs = logs
        image = ReplayImage(primary: primary, logBytes: logs.reduce(0) { $0 + $1.bytes.count })
    }

    mutating func run() -> LogReplayResult {
        let state: PrimaryHiveState
        do {
            state = try PrimaryHiveState(bytes: primary.array(0..<min(primary.count, 2 * BaseBlock.size)), fileSize: primary.count)
        } catch {
            warnings.append(error.reason)
            skipAll(inputs.indices, reason: error.reason)
            return result(primaryWasDirty: false)
        }
        guard state.isDirty else {
            skipAll(inputs.indices, reason: "hive is clean")
            return result(primaryWasDirty: false)
        }
        let logs = openLogs()
        let newFormat = logs.filter { $0.file.format == .new }
        let oldFormat = logs.filter { $0.file.format == .old }
        if !newFormat.isEmpty {
            skipAll(oldFormat.map(\.index), reason: "new-format logs are present and take precedence")
            if state.baseBlockIsValid {
                applyNewFormatChain(newFormat, state: state)
            } else {
                applyNewestNewFormatLog(newFormat)
            }
        } else {
            applyOldFormatLog(oldFormat, state: state)
        }
        if !applied.isEmpty { finishBaseBlock(state: state) }
        return result(primaryWasDirty: true)
    }

    // MARK: - Steps

    /// Checks every log's header; unusable logs are skipped with the reason.
    private mutating func openLogs() -> [IndexedLog] {
        var usable: [IndexedLog] = []
        for (index, input) in inputs.enumerated() {
            do {
                usable.append(IndexedLog(index: index, file: try TransactionLogFile(path: input.path, bytes: input.bytes)))
            } catch {
                skipReasons[index] = error.reason
            }
        }
        return usable
    }

    /// Valid primary base block: oldest eligible log first, then each log that continues the last
    /// applied sequence number (yarp's `apply_new_log_files`, generalised from two logs to any number).
    private mutating func applyNewFormatChain(_ logs: [IndexedLog], state: PrimaryHiveState) {
        let secondary = state.header.secondarySequenceNumber
        var started = false
        for log in sortedBySequence(logs) {
            let sequence = log.file.sequenceNumber
            if !started {
                // yarp compares with the secondary sequence number (the specification says "primary").
                guard SequenceNumberOrder.isAtOrAfter(sequence, secondary) else {
                    skipReasons[log.index] = "the log (sequence \(sequence)) is older than the hive (secondary sequence \(secondary))"
                    continue
                }
                started = true
                applyNewFormatLog(log)
            } else {
                guard let last = lastSequence else {
                    skipReasons[log.index] = "the earlier log applied no entry, so this log (sequence \(sequence)) cannot continue it"
                    continue
                }
                guard sequence == last &+ 1 else {
                    skipReasons[log.index] = "the log (sequence \(sequence)) does not continue the previous log (expected \(last &+ 1))"
                    continue
                }
                applyNewFormatLog(log)
            }
        }
    }

    /// Invalid primary base block: only the newest log applies, and its header becomes the base block
    /// ("This is how Windows works", yarp).
    private mutating func applyNewestNewFormatLog(_ logs: [IndexedLog]) {
        let sorted = sortedBySequence(logs)
        guard let newest = sorted.last else { return }
        for log in sorted.dropLast() {
            skipReasons[log.index] = "the hive's base block is invalid: only the newest log applies"
        }
        applyNewFormatLog(newest)
        if skipReasons[newest.index] == nil {
            baseBlockFromLog = newest.file.headerSector
            warnings.append("the hive's base block is invalid (bad checksum); it was rebuilt from \(newest.file.path)")
        }
    }

    /// Applies the entries of one new-format log, from its own sequence number, until the first invalid entry.
    private mutating func applyNewFormatLog(_ log: IndexedLog) {
        let bytes = log.file.bytes
        var expected = log.file.sequenceNumber
        var offset = TransactionLogFile.bodyOffset
        var entries = 0
        var pages = 0
        var firstSequence: UInt32?
        var lastSequenceInLog: UInt32?
        var stop: String?
        var entryFlags: UInt32?
        while offset < bytes.count {
            let entry: NewFormatLogEntry
            do {
                entry = try NewFormatLogEntry(log: bytes, at: offset, expectedSequenceNumber: expected)
            } catch {
                stop = "entry at offset \(offset): \(error.reason)"
                if isDamage(bytes, at: offset, expected: expected) {
                    warnings.append("\(log.file.path): replay stopped at a damaged entry (offset \(offset), sequence \(expected)): \(error.reason)")
                }
                break
            }
            guard image.grow(toAtLeast: BaseBlock.size + Int(entry.hiveBinsDataSize)),
                  entry.pages.allSatisfy({ image.write($0, from: bytes) }) else {
                // Unreachable for the checked entry (pages lie inside it and inside its hive bins) unless
                // the hive bins size passes the image's size limit.
                stop = "entry at offset \(offset): its hive bins size \(entry.hiveBinsDataSize) is larger than the logs can fill"
                warnings.append("\(log.file.path): replay stopped: \(stop ?? "")")
                break
            }
            firstSequence = firstSequence ?? entry.sequenceNumber
            lastSequenceInLog = entry.sequenceNumber
            lastSequence = entry.sequenceNumber
            hiveBinsDataSize = entry.hiveBinsDataSize
            entryFlags = entry.flags
            entries += 1
            pages += entry.pages.count
            offset += entry.size
            expected = expected &+ 1
        }
        guard let firstSequence, let lastSequenceInLog, let entryFlags else {
            skipReasons[log.index] = "no valid log entry with the log's sequence number \(log.file.sequenceNumber)" + (stop.map { " (\($0))" } ?? "")
            return
        }
        // Flags come from the log's header, with bit 0 from the last entry (yarp's LogEntryFlagsToBaseBlockFlags).
        flags = log.file.flags & ~1 | entryFlags & 1
        applied.append(AppliedLog(path: log.file.path, format: .new, firstSequence: firstSequence,
                                  lastSequence: lastSequenceInLog, entries: entries, pages: pages, stoppedBecause: stop))
    }

    /// Old format: the newest log whose timestamp is not older than the primary's applies, all pages at once.
    private mutating func applyOldFormatLog(_ logs: [IndexedLog], state: PrimaryHiveState) {
        var chosen: (log: IndexedLog, body: OldFormatDirtyLog)?
        for log in logs {
            // The specification says the timestamps must be equal; yarp accepts a newer log too.
            guard log.file.lastWrittenTicks >= state.effectiveLastWrittenTicks else {
                skipReasons[log.index] = "the log's timestamp is older than the hive's: it belongs to an earlier state"
                continue
            }
            let body: OldFormatDirtyLog
            do {
                body = try OldFormatDirtyLog(log: log.file)
            } catch {
                skipReasons[log.index] = error.reason
                continue
            }
            if let current = chosen {
                if SequenceNumberOrder.precedes(current.log.file.sequenceNumber, log.file.sequenceNumber) {
                    skipReasons[current.log.index] = "a newer old-format log applies"
                    chosen = (log, body)
                } else {
                    skipReasons[log.index] = "a newer old-format log applies"
                }
            } else {
                chosen = (log, body)
            }
        }
        guard let (log, body) = chosen else { return }
        let bytes = log.file.bytes
        guard image.grow(toAtLeast: BaseBlock.size + Int(body.hiveBinsDataSize)),
              body.pages.allSatisfy({ image.write($0, from: bytes) }) else {
            skipReasons[log.index] = "the log's hive bins size \(body.hiveBinsDataSize) is larger than the logs can fill"
            return
        }
        hiveBinsDataSize = body.hiveBinsDataSize
        flags = log.file.flags
        // yarp keeps the base block's own primary sequence number for an old-format log.
        lastSequence = state.baseBlockIsValid ? state.header.primarySequenceNumber : log.file.sequenceNumber
        if !state.baseBlockIsValid {
            baseBlockFromLog = log.file.headerSector
            warnings.append("the hive's base block is invalid (bad checksum); it was rebuilt from \(log.file.path)")
        }
        applied.append(AppliedLog(path: log.file.path, format: .old, firstSequence: log.file.sequenceNumber,
                                  lastSequence: log.file.sequenceNumber, entries: 1, pages: body.pages.count))
    }

    /// Writes the recovered base block: the primary's (or the log's header when the primary's is invalid)
    /// with synchronised sequence numbers, the new hive bins size, the flags, file type 0 and its checksum.
    private mutating func finishBaseBlock(state: PrimaryHiveState) {
        var block = [UInt8](repeating: 0, count: BaseBlock.size)
        let source = baseBlockFromLog ?? primary.array(0..<min(primary.count, BaseBlock.size))[...]
        block.replaceSubrange(0..<source.count, with: source)
        let sequence = lastSequence ?? state.header.primarySequenceNumber
        block.setUInt32(sequence, at: BaseBlockLayout.primarySequenceNumber)
        block.setUInt32(sequence, at: BaseBlockLayout.secondarySequenceNumber)
        block.setUInt32(hiveBinsDataSize ?? state.header.hiveBinsDataSize, at: BaseBlockLayout.hiveBinsDataSize)
        block.setUInt32(flags, at: BaseBlockLayout.flags)
        block.setUInt32(BaseBlockLayout.primaryFileType, at: BaseBlockLayout.fileType)
        block.setUInt32(BaseBlock.checksum(of: block), at: BaseBlockLayout.checksum)
        image.setBaseBlock(block)
        lastSequence = sequence
    }

    // MARK: - Helpers

    /// Oldest first, by yarp's wrap-around comparison; equal numbers keep the caller's order.
    private func sortedBySequence(_ logs: [IndexedLog]) -> [IndexedLog] {
        logs.sorted { first, second in
            let a = first.file.sequenceNumber
            let b = second.file.sequenceNumber
            return a == b ? first.index < second.index : SequenceNumberOrder.precedes(a, b)
        }
    }

    /// Whether an invalid entry looks like a damaged continuation (an `HvLE` header with the expected
    /// sequence number) rather than the normal end of the log (old entries or leftover bytes).
    private func isDamage(_ bytes: HiveBytes, at offset: Int, expected: UInt32) -> Bool {
        let layout = NewFormatLogEntry.Layout.self
        guard offset + layout.dirtyPageReferences <= bytes.count else { return false }
        return bytes[offset..<offset + 4].elementsEqual(layout.signatureBytes)
            && bytes.uint32(at: offset + layout.sequenceNumber) == expected
    }

    private mutating func skipAll<Indices: Sequence<Int>>(_ indices: Indices, reason: String) {
        for index in indices { skipReasons[index] = reason }
    }

    private func result(primaryWasDirty: Bool) -> LogReplayResult {
        let skipped = inputs.indices.compactMap { index in
            skipReasons[index].map { SkippedLog(path: inputs[index].path, reason: $0) }
        }
        return LogReplayResult(replayed: applied.isEmpty ? nil : image.replayed, applied: applied, skipped: skipped,
                               sequenceAfter: applied.isEmpty ? nil : lastSequence,
                               primaryWasDirty: primaryWasDirty, warnings: warnings)
    }
}
