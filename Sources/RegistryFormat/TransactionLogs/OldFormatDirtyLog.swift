/// The body of an old-format (Windows XP to 8.0) transaction log: a `DIRT` dirty vector at the second
/// sector, one bit per 512-byte page of the hive bins data (least significant bit first), then the dirty
/// pages, in bit order, from the next 512-byte boundary after the vector.
///
/// As in yarp, the vector holds `hive bins data size / 4096` bytes (the size from the log's header);
/// unlike yarp, a log that does not hold every page its vector marks is rejected before anything is
/// written (yarp fails half-way).
package struct OldFormatDirtyLog: Sendable {
    /// Offsets of the old format (specification, "Dirty vector" and "Dirty pages").
    package enum Layout {
        package static let dirtyVector = TransactionLogFile.bodyOffset
        package static let signatureBytes: [UInt8] = Array("DIRT".utf8)
        package static let bitmap = dirtyVector + 4
        /// Each bit stands for one page of this size; pages are stored at this alignment.
        package static let pageSize = 512
        /// Bitmap bits per byte of hive bins data: one byte of bitmap covers 8 pages of 512 bytes.
        package static let hiveBinsBytesPerBitmapByte = 8 * pageSize
    }

    /// Hive bins data size the vector describes (from the log's header).
    package var hiveBinsDataSize: UInt32
    /// Where the first dirty page starts in the log.
    package var pagesStart: Int
    /// The dirty pages, in bitmap order.
    package var pages: [DirtyPage]

    /// Reads the dirty vector of `log` (an old-format log whose header passed its checks).
    /// - Throws: ``LogRejection`` when the vector is missing or the log is truncated.
    package init(log: TransactionLogFile) throws(LogRejection) {
        let bytes = log.bytes
        let hiveBinsDataSize = log.header.hiveBinsDataSize
        let bitmapLength = Int(hiveBinsDataSize) / Layout.hiveBinsBytesPerBitmapByte
        let unaligned = Layout.bitmap + bitmapLength
        let pagesStart = (unaligned + Layout.pageSize - 1) / Layout.pageSize * Layout.pageSize
        guard bytes.count >= pagesStart + Layout.pageSize else {
            throw LogRejection("the log is \(bytes.count) bytes, too short for its dirty vector and one dirty page")
        }
        guard bytes[Layout.dirtyVector..<Layout.dirtyVector + 4].elementsEqual(Layout.signatureBytes) else {
            throw LogRejection("no 'DIRT' dirty vector at offset \(Layout.dirtyVector)")
        }
        var pages: [DirtyPage] = []
        var logOffset = pagesStart
        for byteIndex in 0..<bitmapLength {
            let bits = bytes[Layout.bitmap + byteIndex]
            if bits == 0 { continue }
            for bit in 0..<8 where bits & (1 << bit) != 0 {
                let pageNumber = byteIndex * 8 + bit
                pages.append(DirtyPage(hiveBinsOffset: pageNumber * Layout.pageSize, logOffset: logOffset, size: Layout.pageSize))
                logOffset += Layout.pageSize
            }
        }
        guard logOffset <= bytes.count else {
            throw LogRejection("the log is truncated: its dirty vector marks \(pages.count) pages, it holds \((bytes.count - pagesStart) / Layout.pageSize)")
        }
        self.hiveBinsDataSize = hiveBinsDataSize
        self.pagesStart = pagesStart
        self.pages = pages
    }
}
