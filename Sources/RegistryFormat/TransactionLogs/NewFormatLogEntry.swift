/// One `HvLE` entry of a new-format transaction log, checked as yarp's `LogEntry` checks it: signature,
/// size (at least 512, a multiple of 512, inside the file), hive bins data size (a positive multiple of
/// 4096), a dirty page count above 0, both Marvin32 hashes, and the expected sequence number.
///
/// Beyond yarp, the dirty page references and pages must lie inside the entry and each page inside the
/// entry's hive bins data (yarp would read past the entry or write past the hive): such an entry is
/// damaged and replay stops there.
package struct NewFormatLogEntry: Sendable {
    /// Field offsets inside an entry (specification, "Log entries").
    package enum Layout {
        package static let signature = 0
        package static let signatureBytes: [UInt8] = Array("HvLE".utf8)
        package static let size = 4
        package static let flags = 8
        package static let sequenceNumber = 12
        package static let hiveBinsDataSize = 16
        package static let dirtyPageCount = 20
        package static let hash1 = 24
        package static let hash2 = 32
        /// Hash-2 covers the first 32 bytes (Hash-1 included).
        package static let hash2CoveredLength = 32
        /// Dirty page references start here; Hash-1 covers from here to the end of the entry.
        package static let dirtyPageReferences = 40
        /// One reference: page offset (relative to the hive bins data), then page size.
        package static let referenceSize = 8
        package static let referencePageOffset = 0
        package static let referencePageSize = 4
        /// Entries are stored at, and sized in, multiples of one sector.
        package static let sizeAlignment = 512
    }

    /// Offset of the entry in the log file.
    package var offset: Int
    package var size: Int
    /// Bit 0 is carried into the recovered base block's flags.
    package var flags: UInt32
    package var sequenceNumber: UInt32
    package var hiveBinsDataSize: UInt32
    /// The pages to write, in stored order.
    package var pages: [DirtyPage]

    /// Reads and checks the entry at `offset` of `log`.
    /// - Throws: ``LogRejection`` when the entry is invalid; replay stops there.
    package init(log: HiveBytes, at offset: Int, expectedSequenceNumber: UInt32) throws(LogRejection) {
        let available = log.count - offset
        guard offset >= 0, available >= Layout.dirtyPageReferences else {
            throw LogRejection("the log ends inside an entry header")
        }
        guard log[offset..<offset + 4].elementsEqual(Layout.signatureBytes) else {
            throw LogRejection("no 'HvLE' signature")
        }
        let size = Int(log.uint32(at: offset + Layout.size))
        guard size >= Layout.sizeAlignment, size % Layout.sizeAlignment == 0 else {
            throw LogRejection("invalid entry size \(size)")
        }
        let hiveBinsDataSize = log.uint32(at: offset + Layout.hiveBinsDataSize)
        let alignment = UInt32(BaseBlockLayout.hiveBinAlignment)
        guard hiveBinsDataSize >= alignment, hiveBinsDataSize % alignment == 0 else {
            throw LogRejection("invalid hive bins data size \(hiveBinsDataSize)")
        }
        let pageCount = Int(log.uint32(at: offset + Layout.dirtyPageCount))
        guard pageCount > 0 else { throw LogRejection("no dirty pages") }
        guard size <= available else {
            throw LogRejection("the entry claims \(size) bytes, the log holds \(available) from there")
        }
        let hash2 = Marvin32.hash(UnsafeRawBufferPointer(rebasing: log.buffer[offset..<offset + Layout.hash2CoveredLength]))
        guard hash2 == log.uint64(at: offset + Layout.hash2) else { throw LogRejection("Hash-2 mismatch") }
        let hash1 = Marvin32.hash(UnsafeRawBufferPointer(rebasing: log.buffer[offset + Layout.dirtyPageReferences..<offset + size]))
        guard hash1 == log.uint64(at: offset + Layout.hash1) else { throw LogRejection("Hash-1 mismatch") }
        let sequenceNumber = log.uint32(at: offset + Layout.sequenceNumber)
        guard sequenceNumber == expectedSequenceNumber else {
            throw LogRejection("sequence number \(sequenceNumber) where \(expectedSequenceNumber) was expected")
        }

        // Page references and pages must fit in the entry (pageCount <= size / 8, so no overflow).
        let pagesStart = Layout.dirtyPageReferences + pageCount * Layout.referenceSize
        guard pageCount <= size / Layout.referenceSize, pagesStart <= size else {
            throw LogRejection("\(pageCount) dirty page references do not fit in a \(size)-byte entry")
        }
        var pages: [DirtyPage] = []
        pages.reserveCapacity(pageCount)
        var pageStart = offset + pagesStart
        let entryEnd = offset + size
        for index in 0..<pageCount {
            let reference = offset + Layout.dirtyPageReferences + index * Layout.referenceSize
            let pageOffset = Int(log.uint32(at: reference + Layout.referencePageOffset))
            let pageSize = Int(log.uint32(at: reference + Layout.referencePageSize))
            guard pageSize <= entryEnd - pageStart else {
                throw LogRejection("dirty page \(index) runs past the end of the entry")
            }
            guard pageOffset + pageSize <= Int(hiveBinsDataSize) else {
                throw LogRejection("dirty page \(index) at \(pageOffset) lies outside the entry's \(hiveBinsDataSize) bytes of hive bins")
            }
            pages.append(DirtyPage(hiveBinsOffset: pageOffset, logOffset: pageStart, size: pageSize))
            pageStart += pageSize
        }

        self.offset = offset
        self.size = size
        self.flags = log.uint32(at: offset + Layout.flags)
        self.sequenceNumber = sequenceNumber
        self.hiveBinsDataSize = hiveBinsDataSize
        self.pages = pages
    }
}
