/// A whole hive file's bytes (usually a ``MappedFile``, or the replayed image), with its base block
/// parsed and its hive bins located, and bounds-checked access to cells and records. Reading it
/// never traps, whatever the bytes.
public struct HiveImage: Sendable {
    /// The file's bytes.
    public let bytes: HiveBytes
    /// The parsed base block.
    public let baseBlock: BaseBlock
    /// The hive bins, in file order, as far as they form an unbroken chain from offset 4096.
    public let hiveBins: [HiveBinHeader]

    /// File offset just past the last hive bin of the chain (4096 when there is none).
    public var hiveBinsEnd: Int { hiveBins.last?.endOffset ?? BaseBlock.size }
    /// The hive's minor version (1.3 → 3, 1.5 → 5).
    public var minorVersion: UInt32 { baseBlock.minorVersion }
    /// File offset of the root key's cell.
    public var rootCellOffset: Int { Int(baseBlock.rootCellOffset) + BaseBlock.size }

    /// Locates the hive bins of `bytes`.
    ///
    /// The chain of bins is followed up to the end the base block claims (or the end of the file,
    /// when the claim is larger or invalid) and stops at the first bin whose header does not check out.
    /// - Throws: ``HiveImageError`` when there is no base block, the file is a log, or not even the
    ///   first hive bin is valid.
    public init(bytes: HiveBytes) throws(HiveImageError) {
        let header = bytes.array(0..<min(bytes.count, BaseBlock.size))
        guard let baseBlock = BaseBlock(bytes: header, fileSize: UInt64(bytes.count)) else { throw .notAHive }
        if baseBlock.fileType != .primary { throw .notAPrimaryHive(baseBlock.fileType.description) }
        let claimed = Int(baseBlock.hiveBinsDataSize)
        var limit = bytes.count
        if claimed > 0, claimed % HiveBinHeader.alignment == 0, claimed <= bytes.count - BaseBlock.size {
            limit = BaseBlock.size + claimed
        }
        var bins: [HiveBinHeader] = []
        var position = BaseBlock.size
        while position < limit, let bin = HiveBinHeader(bytes: bytes, fileOffset: position, limit: limit) {
            bins.append(bin)
            position = bin.endOffset
        }
        guard !bins.isEmpty else { throw .noHiveBins }
        self.bytes = bytes
        self.baseBlock = baseBlock
        self.hiveBins = bins
    }

    /// Locates the hive bins of a copy of `bytes` (see ``init(bytes:)-(HiveBytes)``).
    public init(bytes: [UInt8]) throws(HiveImageError) {
        try self.init(bytes: HiveBytes(copying: bytes))
    }

    /// The cells of `bin` in order, as far as their sizes chain without a gap, and the file offset
    /// where the chain stopped: the bin's end, or the start of slack the cells do not cover.
    public func cells(in bin: HiveBinHeader) -> (cells: [Cell], chainEnd: Int) {
        var cells: [Cell] = []
        var position = bin.firstCellOffset
        while position < bin.endOffset, let cell = Cell(bytes: bytes, fileOffset: position, limit: bin.endOffset) {
            cells.append(cell)
            position = cell.endOffset
        }
        return (cells, position)
    }

    /// The cell whose size field is at `fileOffset`, read without knowing whether a cell really starts
    /// there (deleted data is read this way); nil when the size is invalid or the cell would leave the
    /// file.
    ///
    /// The limit is the file's end, not the end the base block claims for the hive bins: a hive that
    /// shrank keeps its old bins after that end, and deleted keys still point into them (yarp reads
    /// them the same way).
    @inline(__always)
    public func cell(atFileOffset fileOffset: Int) -> Cell? {
        guard fileOffset >= BaseBlock.size + HiveBinHeader.length else { return nil }
        return Cell(bytes: bytes, fileOffset: fileOffset, limit: bytes.count)
    }

    /// The cell a cell index (relative to the first hive bin) points at; nil for the nil index, an
    /// unaligned index or an invalid cell.
    @inline(__always)
    public func cell(atIndex index: UInt32) -> Cell? {
        Cell.atIndex(index, in: bytes)
    }

    /// The key node in the cell at `cellOffset`, if one parses there.
    public func keyNode(inCellAt cellOffset: Int) -> KeyNode? {
        guard let cell = cell(atFileOffset: cellOffset) else { return nil }
        return KeyNode(bytes: bytes, recordOffset: cell.dataOffset, limit: cell.endOffset, minorVersion: minorVersion)
    }

    /// The key value in the cell at `cellOffset`, if one parses there.
    public func keyValue(inCellAt cellOffset: Int) -> KeyValue? {
        guard let cell = cell(atFileOffset: cellOffset) else { return nil }
        return KeyValue(bytes: bytes, recordOffset: cell.dataOffset, limit: cell.endOffset, minorVersion: minorVersion)
    }
}
