import Foundation
import Testing
import TestSupport
import Hivex
@testable import RegistryFormat

/// Replay of synthetic logs written by `TransactionLogWriter` over hives built with hivex.
///
/// The scenario: stages s0 (empty) → s1 → s2 → s3, each adding keys. The primary is s0 made dirty
/// (sequence numbers 11 and 10); entry 10 turns s0 into s1, entry 11 s1 into s2, entry 12 s2 into s3.
@Suite struct LogReplayTests {
    typealias Writer = TransactionLogWriter

    /// The stages and the entries between them.
    struct Scenario {
        var hives: ReplayTestHives
        var stages: [[UInt8]]
        var primary: [UInt8]

        init(primarySequence: UInt32 = 11) throws {
            hives = try ReplayTestHives()
            stages = try hives.stages([
                ReplayEdits.addKeys("Software\\First", count: 12),
                ReplayEdits.addKeys("Software\\Second", count: 12, dataSize: 3000),
                ReplayEdits.addKeys("Third", count: 40, dataSize: 900),
            ])
            primary = Writer.makeDirty(stages[0], primarySequence: primarySequence)
        }

        /// The entry that turns stage `from` into stage `from + 1`, with sequence number `sequence`.
        func entry(_ from: Int, sequence: UInt32, to: Int? = nil, flags: UInt32 = 0) -> Writer.Entry {
            let target = stages[to ?? from + 1]
            return Writer.Entry(sequenceNumber: sequence, hiveBinsDataSize: hiveBinsSize(target), flags: flags,
                                pages: Writer.changedPages(from: stages[from], to: target))
        }

        func log(_ entries: [Writer.Entry], sequence: UInt32? = nil, headerFlags: UInt32? = nil,
                 trailing: [UInt8] = []) -> [UInt8] {
            Writer.newFormatLog(baseBlock: stages[0], sequenceNumber: sequence, entries: entries, trailing: trailing, flags: headerFlags)
        }

        func hiveBinsSize(_ bytes: [UInt8]) -> UInt32 { bytes.uint32(at: BaseBlockLayout.hiveBinsDataSize) }

        /// The replayed image's hive bins equal stage `stage`'s, and hivex reads the same tree from both.
        mutating func expectImage(_ image: [UInt8]?, equalsStage stage: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let image = try #require(image, sourceLocation: sourceLocation)
            let expected = stages[stage]
            let binsEnd = BaseBlock.size + Int(hiveBinsSize(expected))
            #expect(image.count >= binsEnd, sourceLocation: sourceLocation)
            #expect(image.count >= binsEnd && image[BaseBlock.size..<binsEnd] == expected[BaseBlock.size..<binsEnd], sourceLocation: sourceLocation)
            let block = try #require(BaseBlock(bytes: image, fileSize: UInt64(image.count)), sourceLocation: sourceLocation)
            #expect(block.checksumIsValid && !block.isDirty && block.fileType == .primary, sourceLocation: sourceLocation)
            #expect(block.hiveBinsDataSize == hiveBinsSize(expected), sourceLocation: sourceLocation)
            #expect(block.problem == nil, sourceLocation: sourceLocation)
            let replayed = try hives.tree(of: image)
            let wanted = try hives.tree(of: expected)
            #expect(replayed == wanted, "\(replayed.firstDifference(from: wanted) ?? "")", sourceLocation: sourceLocation)
        }
    }

    @Test func twoLogsApplyInSequenceOrderWhateverTheirNamesAndOrder() throws {
        var scenario = try Scenario()
        defer { scenario.hives.remove() }
        let older = scenario.log([scenario.entry(0, sequence: 10), scenario.entry(1, sequence: 11)])
        let newer = scenario.log([scenario.entry(2, sequence: 12, flags: 1)], headerFlags: 0x4)
        let arrangements: [[TransactionLogInput]] = [
            [.init(path: "h.LOG1", bytes: older), .init(path: "h.LOG2", bytes: newer)],
            [.init(path: "h.LOG2", bytes: older), .init(path: "h.LOG1", bytes: newer)],
            [.init(path: "h.LOG1", bytes: newer), .init(path: "h.LOG2", bytes: older)],
            [.init(path: "h.LOG2", bytes: newer), .init(path: "h.LOG1", bytes: older)],
        ]
        for logs in arrangements {
            let result = LogReplay.replay(primary: scenario.primary, logs: logs)
            let olderPath = logs.first { $0.bytes.array == older }?.path
            #expect(result.applied.map(\.path) == [olderPath, logs.first { $0.bytes.array == newer }?.path].compactMap { $0 })
            #expect(result.applied.map { [$0.firstSequence, $0.lastSequence] } == [[10, 11], [12, 12]])
            #expect(result.applied.map(\.entries) == [2, 1])
            #expect(result.skipped.isEmpty && result.warnings.isEmpty && result.primaryWasDirty)
            #expect(result.sequenceAfter == 12)
            let image = try #require(result.image)
            let block = try #require(BaseBlock(bytes: image, fileSize: UInt64(image.count)))
            #expect(block.primarySequenceNumber == 12 && block.secondarySequenceNumber == 12)
            // Flags: the applied log's header flags with bit 0 from its last entry.
            #expect(image.uint32(at: BaseBlockLayout.flags) == 0x5)
            try scenario.expectImage(result.image, equalsStage: 3)
        }
    }

    /// The result refers to the primary's bytes (the primary plus the pages over it): replay over an
    /// array keeps its own copy, so changing or freeing the array later changes nothing (the fuzz
    /// target found the array's buffer read after it was freed).
    @Test func aReplayOverAnArrayOutlivesTheArray() throws {
        var scenario = try Scenario()
        defer { scenario.hives.remove() }
        let log = Writer.header(from: scenario.stages[0], sequenceNumber: 10, fileType: 6) + Writer.entryBytes(scenario.entry(0, sequence: 10))
        var primary = scenario.primary.map { $0 }  // its own buffer, changed in place below
        let result = LogReplay.replay(primary: primary, logs: [.init(path: "h.LOG1", bytes: log)])
        let kept = try #require(result.replayed).primary.buffer.baseAddress
        #expect(kept != primary.withUnsafeBytes { $0.baseAddress }, "the result keeps its own copy, not the array's buffer")
        let image = result.image
        for index in primary.indices { primary[index] = 0xA5 }  // in place: the same buffer
        #expect(result.image == image)
        try scenario.expectImage(result.image, equalsStage: 1)
    }

    @Test func replayStopsAtTheFirstEntryWithABadHashAndKeepsTheEntriesBefore() throws {
        var scenario = try Scenario()
        defer { scenario.hives.remove() }
        let first = Writer.entryBytes(scenario.entry(0, sequence: 10))
        var second = Writer.entryBytes(scenario.entry(1, sequence: 11))
        second[second.count - 100] ^= 0x01   // inside the dirty pages: Hash-1 no longer matches
        let third = Writer.entryBytes(scenario.entry(2, sequence: 12))
        let log = Writer.header(from: scenario.stages[0], sequenceNumber: 10, fileType: 6) + first + second + third
        let result = LogReplay.replay(primary: scenario.primary, logs: [.init(path: "h.LOG1", bytes: log)])
        let applied = try #require(result.applied.first)
        #expect(applied.entries == 1 && applied.firstSequence == 10 && applied.lastSequence == 10)
        #expect(applied.stoppedBecause?.contains("Hash-1 mismatch") == true)
        #expect(result.warnings.count == 1 && result.warnings[0].contains("damaged entry"))
        #expect(result.sequenceAfter == 10)
        try scenario.expectImage(result.image, equalsStage: 1)
    }

    @Test func aLogAfterAnEligibleLogWithNoValidEntryIsNotApplied() throws {
        var scenario = try Scenario()
        defer { scenario.hives.remove() }
        var broken = scenario.log([scenario.entry(0, sequence: 10), scenario.entry(1, sequence: 11)])
        broken[512 + 100] ^= 0xFF   // the first entry's Hash-1 no longer matches
        let next = scenario.log([scenario.entry(2, sequence: 12)])
        // As in yarp: the eligible log is used up, and the next one cannot continue a gap.
        let result = LogReplay.replay(primary: scenario.primary, logs: [.init(path: "h.LOG1", bytes: broken), .init(path: "h.LOG2", bytes: next)])
        #expect(result.image == nil && result.applied.isEmpty)
        #expect(result.skipped.map(\.reason) == ["no valid log entry with the log's sequence number 10 (entry at offset 512: Hash-1 mismatch)",
                                                 "the earlier log applied no entry, so this log (sequence 12) cannot continue it"])
        #expect(result.warnings.count == 1)
    }

    @Test func aLogOlderThanTheHiveIsSkippedAndTheNextOneApplies() throws {
        var scenario = try Scenario(primarySequence: 13)   // secondary sequence number 12
        defer { scenario.hives.remove() }
        let stale = scenario.log([scenario.entry(0, sequence: 10), scenario.entry(1, sequence: 11)])
        let alone = LogReplay.replay(primary: scenario.primary, logs: [.init(path: "h.LOG1", bytes: stale)])
        #expect(alone.image == nil && alone.applied.isEmpty)
        #expect(alone.skipped == [SkippedLog(path: "h.LOG1", reason: "the log (sequence 10) is older than the hive (secondary sequence 12)")])

        // The stale log sorts first; the current one (starting at 12) applies alone, as LOG1 of
        // transactions_NTUSER.DAT does while its LOG2 is stale.
        let current = scenario.log([scenario.entry(0, sequence: 12, to: 3)])
        let both = LogReplay.replay(primary: scenario.primary, logs: [.init(path: "h.LOG1", bytes: current), .init(path: "h.LOG2", bytes: stale)])
        #expect(both.applied.map(\.path) == ["h.LOG1"])
        #expect(both.skipped.map(\.path) == ["h.LOG2"])
        try scenario.expectImage(both.image, equalsStage: 3)
    }

    @Test func sequenceNumbersWrapAroundFromFFFFFFFFToZero() throws {
        var scenario = try Scenario(primarySequence: 0)   // secondary 0xFFFFFFFF
        defer { scenario.hives.remove() }
        let older = scenario.log([scenario.entry(0, sequence: 0xFFFF_FFFF), scenario.entry(1, sequence: 0)])
        let newer = scenario.log([scenario.entry(2, sequence: 1)])
        // A plain numeric sort would put the log starting at 1 before the one starting at 0xFFFFFFFF.
        let result = LogReplay.replay(primary: scenario.primary, logs: [.init(path: "h.LOG1", bytes: newer), .init(path: "h.LOG2", bytes: older)])
        #expect(result.applied.map(\.path) == ["h.LOG2", "h.LOG1"])
        #expect(result.applied.map { [$0.firstSequence, $0.lastSequence] } == [[0xFFFF_FFFF, 0], [1, 1]])
        #expect(result.sequenceAfter == 1)
        try scenario.expectImage(result.image, equalsStage: 3)
        #expect(SequenceNumberOrder.isAtOrAfter(0, 0xFFFF_FFFF))
        #expect(!SequenceNumberOrder.isAtOrAfter(0xFFFF_FFFF, 0))
        #expect(SequenceNumberOrder.precedes(0xFFFF_FFFE, 3))
        #expect(!SequenceNumberOrder.precedes(3, 0xFFFF_FFFE))
    }

    @Test func theImageGrowsToTheLastEntrysHiveBinsSize() throws {
        var scenario = try Scenario()
        defer { scenario.hives.remove() }
        #expect(scenario.primary.count == 8192)
        let log = scenario.log([scenario.entry(0, sequence: 10, to: 3)])
        let result = LogReplay.replay(primary: scenario.primary, logs: [.init(path: "h.LOG1", bytes: log)])
        let image = try #require(result.image)
        let grown = BaseBlock.size + Int(scenario.hiveBinsSize(scenario.stages[3]))
        #expect(grown > scenario.primary.count)
        #expect(image.count == grown)
        try scenario.expectImage(image, equalsStage: 3)
    }

    @Test func anInvalidPrimaryBaseBlockIsRebuiltFromTheNewestLogAlone() throws {
        var scenario = try Scenario()
        defer { scenario.hives.remove() }
        scenario.primary[BaseBlockLayout.rootCellOffset - 1] ^= 0xFF   // a byte of the minor version: checksum now wrong
        var newestHeaderSource = scenario.stages[3]
        newestHeaderSource.replaceSubrange(BaseBlockLayout.fileName..<BaseBlockLayout.fileName + 16, with: UTF16LE.encode("FROMLOG", terminated: true))
        let older = scenario.log([scenario.entry(0, sequence: 10)])
        let newest = Writer.newFormatLog(baseBlock: newestHeaderSource, entries: [scenario.entry(0, sequence: 12, to: 3)])
        let result = LogReplay.replay(primary: scenario.primary, logs: [.init(path: "h.LOG2", bytes: newest), .init(path: "h.LOG1", bytes: older)])
        #expect(result.primaryWasDirty)
        #expect(result.applied.map(\.path) == ["h.LOG2"])
        #expect(result.skipped == [SkippedLog(path: "h.LOG1", reason: "the hive's base block is invalid: only the newest log applies")])
        #expect(result.warnings.contains { $0.contains("rebuilt from h.LOG2") })
        let image = try #require(result.image)
        let block = try #require(BaseBlock(bytes: image, fileSize: UInt64(image.count)))
        #expect(block.embeddedFileName == "FROMLOG")
        #expect(block.primarySequenceNumber == 12 && block.secondarySequenceNumber == 12)
        #expect(image[BaseBlockLayout.headerSectorSize..<BaseBlock.size].allSatisfy { $0 == 0 })
        try scenario.expectImage(image, equalsStage: 3)
    }

    @Test func aCleanHiveIgnoresItsStaleLogs() throws {
        let scenario = try Scenario()
        defer { scenario.hives.remove() }
        let log = scenario.log([scenario.entry(0, sequence: 10, to: 3)])
        let result = LogReplay.replay(primary: scenario.stages[0], logs: [.init(path: "h.LOG1", bytes: log), .init(path: "h.LOG2", bytes: [])])
        #expect(result.image == nil && result.applied.isEmpty && !result.primaryWasDirty && result.sequenceAfter == nil)
        #expect(result.skipped == [SkippedLog(path: "h.LOG1", reason: "hive is clean"), SkippedLog(path: "h.LOG2", reason: "hive is clean")])
    }

    @Test func truncatedEmptyAndDamagedLogsAreSkippedWithTheirReason() throws {
        let scenario = try Scenario()
        defer { scenario.hives.remove() }
        let log = scenario.log([scenario.entry(0, sequence: 10, to: 3)])
        var badChecksum = log
        badChecksum[BaseBlockLayout.fileName] ^= 0x20
        var halfWritten = log
        halfWritten.setUInt32(99, at: BaseBlockLayout.secondarySequenceNumber)
        halfWritten.setUInt32(BaseBlock.checksum(of: halfWritten), at: BaseBlockLayout.checksum)
        let cases: [(String, [UInt8], String)] = [
            ("empty", [], "the log is empty"),
            ("short", Array(log.prefix(100)), "shorter than its 512-byte header"),
            ("headerOnly", Array(log.prefix(512)), "too short to hold a log entry"),
            ("midEntry", Array(log.prefix(log.count / 2)), "no valid log entry with the log's sequence number 10"),
            ("badChecksum", badChecksum, "bad checksum"),
            ("halfWritten", halfWritten, "sequence numbers differ"),
        ]
        let result = LogReplay.replay(primary: scenario.primary, logs: cases.map { .init(path: $0.0, bytes: $0.1) })
        #expect(result.image == nil && result.applied.isEmpty && result.primaryWasDirty)
        #expect(result.skipped.map(\.path) == cases.map(\.0))
        for (skipped, expected) in zip(result.skipped, cases) {
            #expect(skipped.reason.contains(expected.2), "\(skipped.path): \(skipped.reason)")
        }
        let midEntry = try #require(result.skipped.first { $0.path == "midEntry" })
        #expect(midEntry.reason.contains("the log holds"))
    }

    @Test func garbageBytesAsALogAreSkipped() throws {
        let scenario = try Scenario()
        defer { scenario.hives.remove() }
        var generator = SplitMix64(seed: 0x5EED)
        let random = (0..<65_536).map { _ in UInt8.random(in: 0...255, using: &generator) }
        var regfGarbage = random
        regfGarbage.replaceSubrange(0..<4, with: Array("regf".utf8))
        var entryGarbage = Writer.header(from: scenario.stages[0], sequenceNumber: 10, fileType: 6) + random
        entryGarbage.replaceSubrange(512..<516, with: Array("HvLE".utf8))
        let logs: [TransactionLogInput] = [.init(path: "random", bytes: random), .init(path: "regf", bytes: regfGarbage),
                                           .init(path: "HvLE", bytes: entryGarbage)]
        let result = LogReplay.replay(primary: scenario.primary, logs: logs)
        #expect(result.image == nil && result.applied.isEmpty)
        #expect(result.skipped.map(\.reason) == ["the log has no 'regf' signature", "the log's header has a bad checksum",
                                                 "no valid log entry with the log's sequence number 10 (entry at offset 512: invalid entry size \(entryGarbage.uint32(at: 516)))"])
    }

    @Test func aLogPassedAsThePrimaryAppliesNothing() throws {
        let scenario = try Scenario()
        defer { scenario.hives.remove() }
        let log = scenario.log([scenario.entry(0, sequence: 10, to: 3)])
        let logs: [TransactionLogInput] = [.init(path: "h.LOG1", bytes: log)]
        for primary in [log, [], Array("regf".utf8), [UInt8](repeating: 0xFF, count: 9000)] {
            let result = LogReplay.replay(primary: primary, logs: logs)
            #expect(result.image == nil && result.applied.isEmpty && result.sequenceAfter == nil)
            #expect(result.skipped.count == 1 && result.warnings.count == 1)
        }
        let asPrimary = LogReplay.replay(primary: log, logs: logs)
        #expect(asPrimary.skipped.first?.reason == "the primary file is a transaction log (new format), not a primary hive")
    }

    @Test func mutatedLogsNeverTrapAndAnyImageIsClean() throws {
        let scenario = try Scenario()
        defer { scenario.hives.remove() }
        let first = scenario.log([scenario.entry(0, sequence: 10), scenario.entry(1, sequence: 11)])
        let second = scenario.log([scenario.entry(2, sequence: 12)])
        let dirt = Writer.oldFormatLog(primary: scenario.stages[0], new: scenario.stages[1], sequenceNumber: 11)
        var generator = SplitMix64(seed: 42)
        var images = 0
        for round in 0..<600 {
            var logs = [first, second, dirt]
            let target = round % 3
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                // Bias mutations towards headers and entry headers, where the numbers live.
                let hotSpots = [0, 512, 512 + 40, logs[target].count - 8]
                let base = hotSpots.randomElement(using: &generator) ?? 0
                let index = min(logs[target].count - 1, base + Int.random(in: 0..<64, using: &generator))
                logs[target][index] = UInt8.random(in: 0...255, using: &generator)
            }
            if round % 7 == 0 { logs[target] = Array(logs[target].prefix(Int.random(in: 0..<logs[target].count, using: &generator))) }
            let result = LogReplay.replay(primary: scenario.primary, logs: logs.enumerated().map { .init(path: "log\($0.offset)", bytes: $0.element) })
            #expect(result.applied.count + result.skipped.count == 3)
            if let image = result.image {
                images += 1
                let block = try #require(BaseBlock(bytes: image, fileSize: UInt64(image.count)))
                #expect(block.checksumIsValid && !block.isDirty && block.fileType == .primary)
                #expect(block.primarySequenceNumber == result.sequenceAfter)
            }
        }
        #expect(images > 0)
    }
}

/// A small deterministic random number generator for reproducible fuzzing.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
