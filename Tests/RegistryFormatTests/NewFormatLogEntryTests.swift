import Testing
import TestSupport
@testable import RegistryFormat

/// The checks on a single `HvLE` entry, on entries written by `TransactionLogWriter`.
@Suite struct NewFormatLogEntryTests {
    typealias Writer = TransactionLogWriter

    static let pages = [Writer.Page(hiveBinsOffset: 0, bytes: [UInt8](repeating: 0xAA, count: 4096)),
                        Writer.Page(hiveBinsOffset: 8192, bytes: [UInt8](repeating: 0xBB, count: 4096))]

    static func entry(sequence: UInt32 = 7, hiveBinsSize: UInt32 = 12_288, pages: [Writer.Page] = pages) -> [UInt8] {
        [UInt8](repeating: 0, count: 512) + Writer.entryBytes(Writer.Entry(sequenceNumber: sequence, hiveBinsDataSize: hiveBinsSize, pages: pages))
    }

    static func reason(_ log: [UInt8], expected: UInt32 = 7) -> String? {
        do {
            _ = try NewFormatLogEntry(log: HiveBytes(copying: log), at: 512, expectedSequenceNumber: expected)
            return nil
        } catch {
            return error.reason
        }
    }

    @Test func aWellFormedEntryListsItsPagesInOrder() throws {
        let log = Self.entry()
        let entry = try NewFormatLogEntry(log: HiveBytes(copying: log), at: 512, expectedSequenceNumber: 7)
        #expect(entry.size == log.count - 512 && entry.size % 512 == 0)
        #expect(entry.pages.map(\.hiveBinsOffset) == [0, 8192])
        #expect(entry.pages.map(\.logOffset) == [512 + 40 + 16, 512 + 40 + 16 + 4096])
        #expect(entry.pages.allSatisfy { page in log[page.logRange].allSatisfy { $0 == (page.hiveBinsOffset == 0 ? 0xAA : 0xBB) } })
    }

    @Test func eachCheckRejectsItsOwnDefect() {
        #expect(Self.reason(Self.entry(), expected: 8) == "sequence number 7 where 8 was expected")
        #expect(Self.reason(Self.entry(hiveBinsSize: 8192))?.contains("lies outside the entry's 8192 bytes of hive bins") == true)
        #expect(Self.reason(Self.entry(hiveBinsSize: 12_000)) == "invalid hive bins data size 12000")
        #expect(Self.reason(Self.entry(pages: [])) == "no dirty pages")
        var badSize = Self.entry()
        badSize.setUInt32(1000, at: 512 + 4)
        #expect(Self.reason(badSize) == "invalid entry size 1000")
        var badHeaderHash = Self.entry()
        badHeaderHash[512 + 8] = 1   // flags change: Hash-2 covers the header
        #expect(Self.reason(badHeaderHash) == "Hash-2 mismatch")
        #expect(Self.reason(Array(Self.entry().dropLast(512)))?.contains("the log holds") == true)
        #expect(Self.reason(Array(Self.entry().prefix(530))) == "the log ends inside an entry header")
        var notAnEntry = Self.entry()
        notAnEntry[512] = UInt8(ascii: "X")
        #expect(Self.reason(notAnEntry) == "no 'HvLE' signature")
    }

    @Test func pageReferencesThatOverrunTheEntryAreRejectedEvenWithValidHashes() {
        // A page claims more bytes than the entry carries; the writer's hashes are still right.
        var log = Self.entry()
        log.setUInt32(1_000_000, at: 512 + 40 + 12)
        let entrySize = Int(log.uint32(at: 512 + 4))
        log.setUInt64(Writer.marvin32(log[(512 + 40)..<(512 + entrySize)]), at: 512 + 24)
        log.setUInt64(Writer.marvin32(log[512..<(512 + 32)]), at: 512 + 32)
        #expect(Self.reason(log) == "dirty page 1 runs past the end of the entry")
    }
}
