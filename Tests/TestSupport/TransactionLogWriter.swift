import RegistryFormat

/// Builds transaction logs for tests, written from msuhanov's specification ("Format of transaction log
/// files") and independent of RegistryFormat's log parser: new-format logs (`HvLE` entries with their
/// Marvin32 hashes) and old-format logs (`DIRT` vector and 512-byte pages).
public enum TransactionLogWriter {
    // Offsets from the specification, kept here so the writer does not borrow the parser's constants.
    static let headerSectorSize = 512
    static let baseBlockSize = 4096
    static let primarySequenceOffset = 4
    static let secondarySequenceOffset = 8
    static let lastWrittenOffset = 12
    static let fileTypeOffset = 28
    static let hiveBinsSizeOffset = 40
    static let flagsOffset = 144
    static let checksumOffset = 508
    static let newFormatFileType: UInt32 = 6
    static let oldFormatFileType: UInt32 = 1
    static let entryHeaderSize = 40
    static let entrySizeOffset = 4
    static let entryFlagsOffset = 8
    static let entrySequenceOffset = 12
    static let entryHiveBinsSizeOffset = 16
    static let entryPageCountOffset = 20
    static let entryHash1Offset = 24
    static let entryHash2Offset = 32
    static let entryHash2Length = 32
    static let sectorSize = 512
    static let dirtSignatureOffset = 512
    static let dirtBitmapOffset = 516
    static let oldFormatPageSize = 512
    static let marvinSeed: UInt64 = 0x82EF_4D88_7A4E_55C5

    /// Bytes to write at an offset relative to the start of the hive bins data.
    public struct Page: Hashable, Sendable {
        public var hiveBinsOffset: Int
        public var bytes: [UInt8]

        public init(hiveBinsOffset: Int, bytes: [UInt8]) {
            self.hiveBinsOffset = hiveBinsOffset
            self.bytes = bytes
        }
    }

    /// One `HvLE` log entry.
    public struct Entry: Hashable, Sendable {
        public var sequenceNumber: UInt32
        public var hiveBinsDataSize: UInt32
        public var flags: UInt32
        public var pages: [Page]

        public init(sequenceNumber: UInt32, hiveBinsDataSize: UInt32, flags: UInt32 = 0, pages: [Page]) {
            self.sequenceNumber = sequenceNumber
            self.hiveBinsDataSize = hiveBinsDataSize
            self.flags = flags
            self.pages = pages
        }
    }

    /// The 512-byte log header: the first sector of `baseBlock` with both sequence numbers set to
    /// `sequenceNumber`, the given file type and hive bins size, and a recomputed checksum.
    public static func header(from baseBlock: [UInt8], sequenceNumber: UInt32, fileType: UInt32,
                              hiveBinsDataSize: UInt32? = nil, flags: UInt32? = nil) -> [UInt8] {
        var header = Array(baseBlock.prefix(headerSectorSize))
        header += [UInt8](repeating: 0, count: headerSectorSize - header.count)
        header.setUInt32(sequenceNumber, at: primarySequenceOffset)
        header.setUInt32(sequenceNumber, at: secondarySequenceOffset)
        header.setUInt32(fileType, at: fileTypeOffset)
        if let hiveBinsDataSize { header.setUInt32(hiveBinsDataSize, at: hiveBinsSizeOffset) }
        if let flags { header.setUInt32(flags, at: flagsOffset) }
        header.setUInt32(BaseBlock.checksum(of: header), at: checksumOffset)
        return header
    }

    /// One entry's bytes, padded to a multiple of 512 with both hashes set.
    public static func entryBytes(_ entry: Entry) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: entryHeaderSize)
        bytes.replaceSubrange(0..<4, with: Array("HvLE".utf8))
        bytes.setUInt32(entry.flags, at: entryFlagsOffset)
        bytes.setUInt32(entry.sequenceNumber, at: entrySequenceOffset)
        bytes.setUInt32(entry.hiveBinsDataSize, at: entryHiveBinsSizeOffset)
        bytes.setUInt32(UInt32(entry.pages.count), at: entryPageCountOffset)
        for page in entry.pages {
            var reference = [UInt8](repeating: 0, count: 8)
            reference.setUInt32(UInt32(page.hiveBinsOffset), at: 0)
            reference.setUInt32(UInt32(page.bytes.count), at: 4)
            bytes += reference
        }
        for page in entry.pages { bytes += page.bytes }
        let padded = (bytes.count + sectorSize - 1) / sectorSize * sectorSize
        bytes += [UInt8](repeating: 0, count: padded - bytes.count)
        bytes.setUInt32(UInt32(bytes.count), at: entrySizeOffset)
        bytes.setUInt64(marvin32(bytes[entryHeaderSize...]), at: entryHash1Offset)
        bytes.setUInt64(marvin32(bytes[0..<entryHash2Length]), at: entryHash2Offset)
        return bytes
    }

    /// A new-format log: a header made from `baseBlock` carrying the first entry's sequence number (or
    /// `sequenceNumber`), the entries, then `trailing` bytes (old entries, garbage).
    public static func newFormatLog(baseBlock: [UInt8], sequenceNumber: UInt32? = nil, entries: [Entry],
                                    trailing: [UInt8] = [], flags: UInt32? = nil) -> [UInt8] {
        let sequence = sequenceNumber ?? entries.first?.sequenceNumber ?? 0
        var log = header(from: baseBlock, sequenceNumber: sequence, fileType: newFormatFileType, flags: flags)
        for entry in entries { log += entryBytes(entry) }
        return log + trailing
    }

    /// The 4096-byte pages of the hive bins data where `new` differs from `old` (pages past the end of
    /// `old` count as changed), as entries want them.
    public static func changedPages(from old: [UInt8], to new: [UInt8], pageSize: Int = 4096) -> [Page] {
        var pages: [Page] = []
        var offset = baseBlockSize
        while offset < new.count {
            let end = min(offset + pageSize, new.count)
            let newPage = Array(new[offset..<end])
            let oldPage = offset < old.count ? Array(old[offset..<min(end, old.count)]) : []
            if newPage != oldPage { pages.append(Page(hiveBinsOffset: offset - baseBlockSize, bytes: newPage)) }
            offset = end
        }
        return pages
    }

    /// An old-format log bringing `primary` to `new`: header from `new`'s base block with `sequenceNumber`
    /// and file type 1, the `DIRT` vector (one bit per 512-byte page of `new`'s hive bins data), then the
    /// dirty 512-byte pages from the next sector boundary after the vector.
    public static func oldFormatLog(primary: [UInt8], new: [UInt8], sequenceNumber: UInt32,
                                    lastWritten: UInt64? = nil) -> [UInt8] {
        let hiveBinsDataSize = Int(new.uint32(at: hiveBinsSizeOffset))
        var log = header(from: new, sequenceNumber: sequenceNumber, fileType: oldFormatFileType)
        if let lastWritten {
            log.setUInt64(lastWritten, at: lastWrittenOffset)
            log.setUInt32(BaseBlock.checksum(of: log), at: checksumOffset)
        }
        let pageCount = hiveBinsDataSize / oldFormatPageSize
        var bitmap = [UInt8](repeating: 0, count: (pageCount + 7) / 8)
        var pages: [UInt8] = []
        for page in 0..<pageCount {
            let start = baseBlockSize + page * oldFormatPageSize
            let newPage = Array(new[start..<start + oldFormatPageSize])
            let oldPage = start + oldFormatPageSize <= primary.count ? Array(primary[start..<start + oldFormatPageSize]) : []
            if newPage != oldPage {
                bitmap[page / 8] |= 1 << (page % 8)
                pages += newPage
            }
        }
        log += Array("DIRT".utf8) + bitmap
        let pagesStart = (log.count + sectorSize - 1) / sectorSize * sectorSize
        log += [UInt8](repeating: 0, count: pagesStart - log.count)
        return log + pages
    }

    /// `hive` made dirty the way an interrupted write leaves it: secondary sequence number one behind the
    /// primary one, checksum recomputed.
    public static func makeDirty(_ hive: [UInt8], primarySequence: UInt32) -> [UInt8] {
        var bytes = hive
        bytes.setUInt32(primarySequence, at: primarySequenceOffset)
        bytes.setUInt32(primarySequence &- 1, at: secondarySequenceOffset)
        bytes.setUInt32(BaseBlock.checksum(of: bytes), at: checksumOffset)
        return bytes
    }

    /// Marvin32 as the specification's sources describe it (lengths here are multiples of 4), written
    /// again so that a mistake in RegistryFormat's implementation cannot hide behind the same code.
    public static func marvin32(_ data: ArraySlice<UInt8>) -> UInt64 {
        var low = UInt32(truncatingIfNeeded: marvinSeed)
        var high = UInt32(truncatingIfNeeded: marvinSeed >> 32)
        func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 { (value << count) | (value >> (32 - count)) }
        func mix(_ value: UInt32) {
            low = low &+ value
            high ^= low
            low = rotate(low, 20) &+ high
            high = rotate(high, 9) ^ low
            low = rotate(low, 27) &+ high
            high = rotate(high, 19)
        }
        let words = Array(data)
        precondition(words.count % 4 == 0, "log entries hash whole dwords")
        for index in stride(from: 0, to: words.count, by: 4) { mix(words.uint32(at: index)) }
        mix(0x80)
        mix(0)
        return UInt64(high) << 32 | UInt64(low)
    }
}
