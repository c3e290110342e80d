import FoundationEssentials

/// What a scan worker sends back for one path when the scan writes `format`: its records already
/// rendered in that format, how many there are, and their totals (for the summary and the exit
/// status). The scan writes the bytes as they come, so no record is decoded and encoded again on
/// its way to the output.
///
/// On the pipe a reply is one header line of decimal numbers (the length of the rendered bytes,
/// the record count, then the ``ScanSummary`` counts) followed by the rendered bytes.
public struct ScanReply: Hashable, Sendable {
    /// The records of the path (one for a hive file, one per hive for a disk image).
    public var count: Int
    /// The totals of those records.
    public var summary: ScanSummary
    /// The records as ``ScanOutput`` writes them in the format (in JSON, joined by `,\n`).
    public var rendered: [UInt8]

    /// Renders `records` in `format`.
    /// - Throws: the encoder's error (JSON can not say every value: not a finite number).
    public init(records: [ScanRecord], format: ListFormat) throws {
        count = records.count
        summary = ScanSummary()
        for record in records { summary.add(record) }
        rendered = Array(try ScanOutput.render(records, format: format).utf8)
    }

    /// The reply of one record the scan makes itself (an error record): rendered, or only counted
    /// should the format fail to say it.
    public init(record: ScanRecord, format: ListFormat) {
        if let reply = try? ScanReply(records: [record], format: format) {
            self = reply
        } else {
            var summary = ScanSummary()
            summary.add(record)
            self.init(count: 0, summary: summary, rendered: [])
        }
    }

    /// A reply that holds exactly what it is given (tests, and parsing).
    public init(count: Int, summary: ScanSummary, rendered: [UInt8]) {
        self.count = count
        self.summary = summary
        self.rendered = rendered
    }

    /// What the worker writes: the header line, then the rendered bytes.
    public var message: [UInt8] {
        let numbers = [rendered.count, count] + summary.counts
        return Array((numbers.map(String.init).joined(separator: " ") + "\n").utf8) + rendered
    }

    /// Takes one whole reply off the front of `buffer`: nil while it is not all there, or
    /// `.failure` with the header line taken off when that line is not a reply's header.
    static func take(from buffer: inout [UInt8]) -> Result<ScanReply, MalformedHeader>? {
        guard let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let fields = buffer[..<newline].split(separator: UInt8(ascii: " "))
        let values = fields.compactMap { Int(String(decoding: $0, as: UTF8.self)) }
        guard fields.count == 2 + ScanSummary.countNames.count, values.count == fields.count, values.allSatisfy({ $0 >= 0 }) else {
            buffer.removeSubrange(...newline)
            return .failure(MalformedHeader())
        }
        let start = newline + 1, end = start + values[0]
        guard buffer.count >= end else { return nil }
        let reply = ScanReply(count: values[1], summary: ScanSummary(counts: Array(values[2...])), rendered: Array(buffer[start..<end]))
        buffer.removeSubrange(..<end)
        return .success(reply)
    }

    /// A header line that is not one.
    struct MalformedHeader: Error {}
}

extension ScanSummary {
    /// The names of ``counts``, in order.
    static let countNames = ["files", "hivesRead", "errors", "partial", "profiles", "markedProfiles", "marks", "staleMarks", "dirtyHives"]

    /// Every count, in the order of ``countNames``.
    var counts: [Int] { [files, hivesRead, errors, partial, profiles, markedProfiles, marks, staleMarks, dirtyHives] }

    /// The summary with these ``counts``.
    init(counts: [Int]) {
        self.init()
        (files, hivesRead, errors, partial, profiles) = (counts[0], counts[1], counts[2], counts[3], counts[4])
        (markedProfiles, marks, staleMarks, dirtyHives) = (counts[5], counts[6], counts[7], counts[8])
    }

    /// Adds the totals of `other` (the records of another path).
    public mutating func add(_ other: ScanSummary) {
        self = ScanSummary(counts: zip(counts, other.counts).map { $0 + $1 })
    }
}
