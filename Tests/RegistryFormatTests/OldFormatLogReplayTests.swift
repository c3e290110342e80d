import Foundation
import Testing
import TestSupport
import Hivex
@testable import RegistryFormat

/// Replay of old-format (`DIRT`) logs, written by `TransactionLogWriter`.
@Suite struct OldFormatLogReplayTests {
    typealias Writer = TransactionLogWriter

    @Test func aDirtLogOverAHiveLargerThan2MBUsesPagesAfterTheLongerVector() throws {
        var hives = try ReplayTestHives()
        defer { hives.remove() }
        let stages = try hives.stages([
            ReplayEdits.addKeys("Bulk", count: 150, dataSize: 15_000),
            ReplayEdits.addKeys("Bulk\\Later", count: 20, dataSize: 5_000),
        ])
        let before = stages[1]
        let after = stages[2]
        let binsSize = after.uint32(at: BaseBlockLayout.hiveBinsDataSize)
        #expect(binsSize > 2 * 1024 * 1024)
        let primary = Writer.makeDirty(before, primarySequence: 31)
        let log = Writer.oldFormatLog(primary: before, new: after, sequenceNumber: 31)

        // Over 2 MB of hive bins needs a vector of more than 508 bytes: the pages start at 1536, not 1024.
        let file = try TransactionLogFile(path: "h.LOG", bytes: HiveBytes(copying: log))
        let body = try OldFormatDirtyLog(log: file)
        #expect(body.pagesStart == 1536)
        #expect(body.pages.first?.logOffset == 1536)

        let result = LogReplay.replay(primary: primary, logs: [.init(path: "h.LOG", bytes: log)])
        let applied = try #require(result.applied.first)
        #expect(applied.format == .old && applied.pages == body.pages.count && applied.pages > 0)
        #expect(result.sequenceAfter == 31)   // yarp keeps the primary's own primary sequence number
        let image = try #require(result.image)
        let binsEnd = BaseBlock.size + Int(binsSize)
        #expect(image.count >= binsEnd && image[BaseBlock.size..<binsEnd] == after[BaseBlock.size..<binsEnd])
        let block = try #require(BaseBlock(bytes: image, fileSize: UInt64(image.count)))
        #expect(block.problem == nil && !block.isDirty && block.hiveBinsDataSize == binsSize)
        #expect(try hives.tree(of: image) == hives.tree(of: after))
    }

    @Test func aDirtLogOlderThanTheHiveIsSkippedAndATruncatedOneRejected() throws {
        var hives = try ReplayTestHives()
        defer { hives.remove() }
        let stages = try hives.stages([ReplayEdits.addKeys("A", count: 10)])
        let primary = Writer.makeDirty(stages[0], primarySequence: 5)
        let primaryTicks = primary.uint64(at: BaseBlockLayout.lastWrittenTimestamp)
        let stale = Writer.oldFormatLog(primary: stages[0], new: stages[1], sequenceNumber: 5, lastWritten: primaryTicks - 1)
        let good = Writer.oldFormatLog(primary: stages[0], new: stages[1], sequenceNumber: 5, lastWritten: primaryTicks)
        let truncated = Array(good.prefix(good.count - 512))

        let result = LogReplay.replay(primary: primary, logs: [.init(path: "stale.LOG", bytes: stale), .init(path: "cut.LOG", bytes: truncated)])
        #expect(result.image == nil)
        #expect(result.skipped.map(\.reason) == ["the log's timestamp is older than the hive's: it belongs to an earlier state",
                                                 "the log is truncated: its dirty vector marks \((good.count - 1024) / 512) pages, it holds \((good.count - 1024) / 512 - 1)"])

        let equal = LogReplay.replay(primary: primary, logs: [.init(path: "h.LOG", bytes: good)])
        #expect(equal.applied.map(\.path) == ["h.LOG"])
        #expect(try hives.tree(of: try #require(equal.image)) == hives.tree(of: stages[1]))
    }
}

extension OldFormatLogReplayTests {
    @Test func aDirtLogRebuildsAnInvalidPrimaryBaseBlockFromItsHeader() throws {
        var hives = try ReplayTestHives()
        defer { hives.remove() }
        let stages = try hives.stages([ReplayEdits.addKeys("A", count: 10)])
        var primary = stages[0]
        primary[BaseBlockLayout.checksum] ^= 0x55
        let log = Writer.oldFormatLog(primary: stages[0], new: stages[1], sequenceNumber: 9)
        let result = LogReplay.replay(primary: primary, logs: [.init(path: "h.LOG", bytes: log)])
        #expect(result.primaryWasDirty)
        #expect(result.applied.map(\.path) == ["h.LOG"])
        #expect(result.sequenceAfter == 9)
        #expect(result.warnings == ["the hive's base block is invalid (bad checksum); it was rebuilt from h.LOG"])
        let image = try #require(result.image)
        #expect(BaseBlock(bytes: image, fileSize: UInt64(image.count))?.problem == nil)
        #expect(try hives.tree(of: image) == hives.tree(of: stages[1]))
    }
}
