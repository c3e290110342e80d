import Foundation
import Testing
import TestSupport
@testable import HivetoolKit

/// The worker's rendered replies (issue 16): the scan writes what the workers rendered, so that
/// must be what the records, decoded in the scan and written there, used to give.
@Suite struct ScanReplyTests {
    /// Records of every kind: user hives (with and without Outlook history), SOFTWARE, a missing file.
    static func records() -> [ScanRecord] {
        ["NTUSER.DAT", "NTUSER-outlook-history.DAT", "SOFTWARE"].map { ScanRecord.scan(path: Fixtures.sample($0)) }
            + [ScanRecord.scan(path: "/nonexistent/NTUSER.DAT"), ScanRecord.timedOut(path: "/x/slow", after: 3)]
    }

    @Test(arguments: ListFormat.allCases)
    func aReplyIsItsRecordsAsEachFormatWritesThem(format: ListFormat) throws {
        let records = Self.records()
        let reply = try ScanReply(records: records, format: format)
        #expect(reply.count == records.count)
        var summary = ScanSummary()
        records.forEach { summary.add($0) }
        #expect(reply.summary == summary && summary.files == 5 && summary.errors == 2 && summary.profiles > 0)

        // Rendered by hand, record by record, as each format's own code writes it.
        var expected = ""
        for (index, record) in records.enumerated() {
            switch format {
            case .jsonl: expected += try JSONOutput.string(record, pretty: false) + "\n"
            case .json: expected += (index == 0 ? "" : ",\n") + (try JSONOutput.string(record))
            case .csv: expected += CSV.line(ScanOutput.csvRow(record))
            case .text: expected += ScanOutput.textLine(record) + "\n"
            case .tln, .bodyfile, .timesketch: try format.timeline?.write(TimelineEvent.events(of: record), to: &expected)
            }
        }
        #expect(String(decoding: reply.rendered, as: UTF8.self) == expected)
        if format == .jsonl {  // and the records survive the trip
            let decoded = try expected.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            #expect(decoded.map { $0?["path"] as? String } == records.map(\.path))
        }
    }

    @Test func aMessageIsTakenWholeAndOnlyWhenItIsAllThere() throws {
        let first = try ScanReply(records: Array(Self.records().prefix(2)), format: .json)
        let second = try ScanReply(records: [], format: .json)
        let third = try ScanReply(records: [ScanRecord.scan(path: "/nonexistent/a")], format: .text)
        let bytes = first.message + second.message + third.message
        // Fed a byte at a time, the replies come out whole, in order, and nothing is left over.
        var buffer: [UInt8] = []
        var taken: [ScanReply] = []
        for byte in bytes {
            buffer.append(byte)
            while let result = ScanReply.take(from: &buffer) { taken.append(try result.get()) }
        }
        #expect(taken == [first, second, third] && buffer.isEmpty)
        #expect(second.count == 0 && second.rendered.isEmpty && second.summary == ScanSummary())
    }

    @Test func aLineThatIsNotAHeaderIsTakenOffAndSaidSo() {
        for line in ["{\"path\":\"x\"}\n", "12 1 1\n", "-1 1 1 1 0 0 0 0 0 0 0\n", "\n"] {
            var buffer = Array(line.utf8) + Array("rest".utf8)
            let result = ScanReply.take(from: &buffer)
            #expect(throws: (any Error).self, "\(line)") { try result?.get() }
            #expect(buffer == Array("rest".utf8))
        }
    }

    @Test(arguments: ListFormat.allCases)
    func aRecordTheScanMakesIsRenderedAndCounted(format: ListFormat) throws {
        let record = ScanRecord.timedOut(path: "/x/slow", after: 3)
        let reply = ScanReply(record: record, format: format)
        #expect(reply == (try ScanReply(records: [record], format: format)))
        #expect(reply.count == 1 && reply.summary.errors == 1 && reply.summary.files == 1)
        #expect(String(decoding: reply.rendered, as: UTF8.self) == (try ScanOutput.render([record], format: format)))
    }

    /// The header carries every count of the summary: a count added to ``ScanSummary`` must be added
    /// to ``ScanSummary/counts`` too, or the scan's summary would lose it.
    @Test func theHeaderCarriesEverySummaryCount() {
        let labels = Mirror(reflecting: ScanSummary()).children.compactMap(\.label)
        #expect(labels == ScanSummary.countNames)
        let summary = ScanSummary(counts: Array(1...ScanSummary.countNames.count))
        #expect(summary.counts == Array(1...ScanSummary.countNames.count))
        var twice = summary
        twice.add(summary)
        #expect(twice.counts == summary.counts.map { $0 * 2 })
    }

    /// End to end through the workers: every format the scan writes from the workers' replies is
    /// byte for byte what the records decoded from the workers' JSON give, written by ``ScanOutput``
    /// (the way scan wrote them before), crashes included.
    @Test(arguments: ListFormat.allCases)
    func workersRenderWhatTheDecodedRecordsGive(format: ListFormat) throws {
        var paths = ["NTUSER.DAT", "NTUSER-outlook-history.DAT", "SOFTWARE"].map(Fixtures.sample)
            + ["/nonexistent/crash", "/nonexistent/missing"]
        if let shared = Fixtures.sharedHives {
            paths += HiveDiscovery.files(in: [shared + "/real", shared + "/dirty", shared + "/corrupt"])
        }
        // No timeout here: a large hive read by a debug build on a busy machine could pass a short
        // limit in one run and not the other (the pool makes timeout records as it makes crash ones).
        let pool = ScanTests.pool(jobs: 2, timeLimit: 600, environment: ["HIVETOOL_TEST_WORKER_CRASH_ON": "crash"])
        var before = ""
        var writer = ScanOutput(format: format)
        var summaryBefore = ScanSummary()
        writer.begin(to: &before)
        pool.run(paths) { record in
            summaryBefore.add(record)
            try? writer.write(record, to: &before)
        }
        try writer.end(summaryBefore, to: &before)

        var after = ""
        var rendered = ScanOutput(format: format)
        var summaryAfter = ScanSummary()
        rendered.begin(to: &after)
        pool.run(paths, format: format) { reply in
            summaryAfter.add(reply.summary)
            rendered.write(reply, to: &after)
        }
        try rendered.end(summaryAfter, to: &after)

        #expect(summaryAfter == summaryBefore && summaryAfter.files == paths.count)
        #expect(summaryAfter.errors >= 2)  // the crash, the missing file
        #expect(after == before)
    }
}
