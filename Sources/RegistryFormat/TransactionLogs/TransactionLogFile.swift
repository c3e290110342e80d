/// A transaction log whose header passed every check yarp makes before it uses a log (`NewLogFile`,
/// `OldLogFile`): `regf` signature, valid checksum, equal sequence numbers, supported version,
/// log file type, format 1, clustering factor 1, and a plausible hive bins data size.
///
/// The header is a copy of the hive's base block, but only its first sector (512 bytes) is written.
package struct TransactionLogFile: Sendable {
    /// Log entries (new format) or the dirty vector (old format) start at the second sector.
    package static let bodyOffset = BaseBlockLayout.headerSectorSize
    /// Smallest part of a log entry that must be present (its header, yarp: file size > 512 + 40).
    package static let minimumEntryHeader = 40
    /// File types of the old format (1 and, from very old systems, 2) and of the new format (6).
    package static let oldFormatFileTypes: Set<UInt32> = [1, 2]
    package static let newFormatFileType: UInt32 = 6
    /// Minor versions yarp supports.
    package static let supportedMinorVersions: ClosedRange<UInt32> = 1...6
    package static let supportedMajorVersion: UInt32 = 1
    package static let directMemoryLoadFormat: UInt32 = 1
    package static let expectedClusteringFactor: UInt32 = 1

    /// The name the caller gave the log (used in reports only; never for ordering).
    package var path: String
    /// The whole log file.
    package var bytes: HiveBytes
    /// The parsed header.
    package var header: BaseBlock
    package var format: LogFormat

    /// The log's sequence number (both header sequence numbers are equal in a usable log).
    package var sequenceNumber: UInt32 { header.primarySequenceNumber }
    /// The header's flags field (offset 144).
    package var flags: UInt32 { bytes.uint32(at: BaseBlockLayout.flags) }
    /// The header's last-written FILETIME, as raw ticks.
    package var lastWrittenTicks: UInt64 { bytes.uint64(at: BaseBlockLayout.lastWrittenTimestamp) }
    /// The first 512 bytes: the copy of the hive's base block.
    package var headerSector: ArraySlice<UInt8> { bytes.array(0..<BaseBlockLayout.headerSectorSize)[...] }

    /// Checks the header of `bytes`.
    /// - Throws: ``LogRejection`` saying why the log is unusable.
    package init(path: String, bytes: HiveBytes) throws(LogRejection) {
        if bytes.count == 0 { throw LogRejection("the log is empty") }
        guard bytes.count >= BaseBlockLayout.headerSectorSize else {
            throw LogRejection("the log is \(bytes.count) bytes, shorter than its 512-byte header")
        }
        guard let header = BaseBlock(headerSector: bytes.array(0..<BaseBlockLayout.headerSectorSize), fileSize: UInt64(bytes.count)) else {
            throw LogRejection("the log has no 'regf' signature")
        }
        guard header.checksumIsValid else {
            throw LogRejection("the log's header has a bad checksum")
        }
        guard !header.isDirty else {
            throw LogRejection("the log's own sequence numbers differ (\(header.primarySequenceNumber), \(header.secondarySequenceNumber)): it was not completely written")
        }
        guard header.majorVersion == Self.supportedMajorVersion, Self.supportedMinorVersions.contains(header.minorVersion) else {
            throw LogRejection("the log has an unsupported format version \(header.version)")
        }
        let fileType = header.fileType.rawValue
        let format: LogFormat
        if fileType == Self.newFormatFileType {
            format = .new
        } else if Self.oldFormatFileTypes.contains(fileType) {
            format = .old
        } else {
            throw LogRejection("the file is not a transaction log (file type \(fileType))")
        }
        guard header.format == Self.directMemoryLoadFormat else {
            throw LogRejection("the log has an unsupported file format \(header.format)")
        }
        guard header.clusteringFactor == Self.expectedClusteringFactor else {
            throw LogRejection("the log has an unsupported clustering factor \(header.clusteringFactor)")
        }
        let alignment = UInt32(BaseBlockLayout.hiveBinAlignment)
        guard header.hiveBinsDataSize >= alignment, header.hiveBinsDataSize % alignment == 0 else {
            throw LogRejection("the log's header has an invalid hive bins data size \(header.hiveBinsDataSize)")
        }
        if format == .new, bytes.count <= Self.bodyOffset + Self.minimumEntryHeader {
            throw LogRejection("the log is \(bytes.count) bytes, too short to hold a log entry")
        }
        self.path = path
        self.bytes = bytes
        self.header = header
        self.format = format
    }
}
