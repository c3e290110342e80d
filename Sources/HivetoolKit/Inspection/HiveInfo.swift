import FoundationEssentials
import Hivex

/// What `hivetool info` reports: base-block facts, logs, hash, and key and value counts.
public struct HiveInfo: Codable, Hashable, Sendable {
    /// The base block as hivetool parsed it.
    public struct Header: Codable, Hashable, Sendable {
        public var version: String
        public var fileType: String
        public var primarySequenceNumber: UInt32
        public var secondarySequenceNumber: UInt32
        public var sequenceNumbersMatch: Bool
        @NullEncoded public var lastWritten: Date?
        public var rootCellOffset: UInt32
        public var hiveBinsDataSize: UInt32
        public var truncated: Bool
        public var checksum: UInt32
        public var checksumValid: Bool
        public var embeddedFileName: String

        init(_ block: BaseBlock) {
            version = block.version
            fileType = block.fileType.description
            primarySequenceNumber = block.primarySequenceNumber
            secondarySequenceNumber = block.secondarySequenceNumber
            sequenceNumbersMatch = !block.isDirty
            lastWritten = block.lastWritten
            rootCellOffset = block.rootCellOffset
            hiveBinsDataSize = block.hiveBinsDataSize
            truncated = block.isTruncated
            checksum = block.storedChecksum
            checksumValid = block.checksumIsValid
            embeddedFileName = block.embeddedFileName
        }
    }

    public var schemaVersion = JSONOutput.schemaVersion
    /// The build of hivetool that made the document.
    public var tool = ToolInfo()
    public var hive: HiveIdentity
    public var header: Header
    public var rootName: String
    public var keyCount: Int
    public var valueCount: Int
    /// Places the walk could not descend into (loops, unreadable subkey lists); empty when complete.
    public var problems: [String]
    /// hivex's unsafe mode was used: ``problems`` also lists what it skipped over.
    public var unsafe = false

    /// Reads the facts of an open hive, walking every key. `hashingLogs: false` leaves out the
    /// SHA-256 of its transaction logs, which only the JSON form shows (hashing them costs as much
    /// as reading the logs did).
    public init(hive: Hive, hashingLogs: Bool = true) throws {
        let identity = PendingIdentity(hive: hive, hashingLogs: hashingLogs)  // hashed while the tree is walked
        header = Header(hive.baseBlock)
        rootName = try hive.name(of: hive.root())
        let report = try hive.walk { _ in }
        keyCount = report.keyCount
        valueCount = report.valueCount
        problems = report.stops.map(\.description)
        self.hive = try identity.wait()
    }

    /// Reads the facts of a hive opened in hivex's unsafe mode: ``problems`` also says what it skipped.
    public init(unsafeHive hive: Hive, hashingLogs: Bool = true) throws {
        try self.init(hive: hive, hashingLogs: hashingLogs)
        unsafe = true
        problems += HiveRecord.unsafeProblems(of: hive, besides: problems)
    }
}

extension HiveInfo {
    /// Renders the text form.
    public func writeText(to output: inout some TextOutputStream) {
        func line(_ label: String, _ value: String) {
            output.write((label + ":").padded(to: 17) + value + "\n")
        }
        line("File", hive.path)
        line("Size", "\(hive.size) bytes")
        line("SHA-256", hive.sha256)
        line("Format", "regf \(header.version), \(header.fileType) hive")
        line("Root key", "\(rootName) (cell 0x\(String(header.rootCellOffset, radix: 16)))")
        line("Hive bins", "\(header.hiveBinsDataSize) bytes" + (header.truncated ? " (TRUNCATED)" : ""))
        line("Checksum", "0x" + HexText.padded(header.checksum, digits: 8) + (header.checksumValid ? " (valid)" : " (INVALID)"))
        let state = header.sequenceNumbersMatch ? "clean" : "DIRTY: sequence numbers differ"
        line("Sequence", "\(header.primarySequenceNumber) / \(header.secondarySequenceNumber) (\(state))")
        line("Last written", Timestamp.text(header.lastWritten))
        line("Embedded name", header.embeddedFileName.isEmpty ? "-" : header.embeddedFileName)
        if hive.transactionLogs.isEmpty {
            line("Logs", "none")
        } else {
            for log in hive.transactionLogs {
                line("Log", "\(log.path) (\(log.isEmpty ? "empty" : "\(log.size) bytes, may hold pending data"))")
            }
        }
        for log in hive.logs?.skipped ?? [] { line("Log skipped", "\(PathName.last(log.path)): \(log.reason)") }
        if let summary = hive.logsSummary { line("Logs applied", summary) }
        line("Dirty", !hive.dirty ? "no" : hive.logsApplied ? "yes: transaction logs applied in memory (the file is unchanged)"
                                                            : "yes: pending transaction-log data was not applied")
        line("Keys", "\(keyCount)")
        line("Values", "\(valueCount)")
        for problem in problems { line("Problem", problem) }
    }
}
