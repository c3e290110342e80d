/// Reads value records and their data from a hive image, live or deleted alike. Live data must sit
/// in allocated cells (as hivex requires); deleted data must not overlap the live tree (that space
/// was reused and holds someone else's bytes).
struct ValueRecordReader {
    /// Which cells a value's data may be read from.
    enum Mode {
        /// Live values: allocated cells only.
        case live
        /// Deleted values: any cell whose bytes read lie outside the used part of the live tree.
        case deleted(LiveCellMap, RecordPlausibility)
    }

    /// Most bytes of data read for one value (hivex's own limit for a value).
    static let maximumDataSize = 8 * 1024 * 1024

    let image: HiveImage
    let mode: Mode
    /// Data bytes still allowed to be copied by this reader, so that many records pointing at the
    /// same large cell cannot make a scan quadratic.
    private(set) var dataBudget: Int

    init(image: HiveImage, mode: Mode) {
        self.image = image
        self.mode = mode
        self.dataBudget = 4 * image.bytes.count + 1024 * 1024
    }

    /// The reader of deleted values, which accepts nothing `live` uses and only plausible records.
    init(image: HiveImage, live: LiveCellMap, plausibility: RecordPlausibility) {
        self.init(image: image, mode: .deleted(live, plausibility))
    }

    /// Whether `range` of `cell` may be read in this mode.
    private func isReadable(_ range: Range<Int>, of cell: Cell) -> Bool {
        switch mode {
        case .live: cell.isAllocated
        case .deleted(let live, _): !live.overlapsLiveCell(range)
        }
    }

    /// The value record in the cell at `cellOffset`: for a deleted value, only a plausible one
    /// outside the live tree; for a live one, in an allocated cell.
    func value(inCellAt cellOffset: Int) -> (value: KeyValue, cell: Cell)? {
        guard let cell = image.cell(atFileOffset: cellOffset),
              let value = KeyValue(bytes: image.bytes, recordOffset: cell.dataOffset, limit: cell.endOffset,
                                   minorVersion: image.minorVersion),
              isReadable(cell.dataOffset..<value.endOffset, of: cell)
        else { return nil }
        if case .deleted(_, let plausibility) = mode, !plausibility.isPlausible(value) { return nil }
        return (value, cell)
    }

    /// Builds the public record for `value`, whose cell starts at `cellOffset`, reading its data.
    mutating func record(_ value: KeyValue, cellOffset: Int, state: CellState) -> ValueRecord {
        let data = self.data(of: value)
        return ValueRecord(offset: cellOffset, name: value.name, type: value.type, dataSize: value.dataSize,
                           data: data, dataRecoverable: data != nil, state: state)
    }

    /// The value's data, or nil when it cannot be read back intact.
    mutating func data(of value: KeyValue) -> [UInt8]? {
        let size = value.dataSize
        if size == 0 { return [] }
        if value.isDataInline { return size <= KeyValue.maximumInlineDataSize ? value.inlineData : nil }
        guard size <= ValueRecordReader.maximumDataSize, size <= dataBudget,
              let cell = image.cell(atIndex: value.dataIndex) else { return nil }
        if image.minorVersion > 3, size > KeyValue.bigDataThreshold,
           let bigData = BigData(bytes: image.bytes, recordOffset: cell.dataOffset, limit: cell.endOffset) {
            return segmentedData(bigData, cell: cell, size: size)
        }
        guard cell.dataLength >= size, isReadable(cell.dataOffset..<(cell.dataOffset + size), of: cell),
              let bytes = image.bytes.checkedArray(at: cell.dataOffset, length: size)
        else { return nil }
        dataBudget -= size
        return bytes
    }

    /// Data stored as big data: the `db` record, its segment list and every segment must be intact.
    private mutating func segmentedData(_ bigData: BigData, cell: Cell, size: Int) -> [UInt8]? {
        let needed = (size + BigData.segmentLength - 1) / BigData.segmentLength
        guard bigData.segmentCount >= needed, isReadable(cell.dataOffset..<(cell.dataOffset + BigData.length), of: cell),
              let listCell = image.cell(atIndex: bigData.segmentListIndex),
              let list = ValueList(bytes: image.bytes, recordOffset: listCell.dataOffset, count: needed,
                                   limit: listCell.endOffset),
              isReadable(listCell.dataOffset..<(listCell.dataOffset + needed * ValueList.elementLength), of: listCell)
        else { return nil }
        var data: [UInt8] = []
        data.reserveCapacity(size)
        for segmentIndex in list.elements {
            let wanted = min(BigData.segmentLength, size - data.count)
            guard let segment = image.cell(atIndex: segmentIndex), segment.dataLength >= wanted,
                  isReadable(segment.dataOffset..<(segment.dataOffset + wanted), of: segment),
                  let bytes = image.bytes.checkedArray(at: segment.dataOffset, length: wanted)
            else { return nil }
            data += bytes
        }
        dataBudget -= size
        return data
    }
}
