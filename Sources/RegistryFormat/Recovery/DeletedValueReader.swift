/// Reads deleted values back from a hive image: the `vk` record in a cell and its data, accepting
/// nothing that overlaps the live tree (that space was reused and holds someone else's bytes).
struct DeletedValueReader {
    /// Most bytes of data read for one value (hivex's own limit for a value).
    static let maximumDataSize = 8 * 1024 * 1024

    let image: HiveImage
    let live: LiveCellMap
    let plausibility: RecordPlausibility
    /// Data bytes still allowed to be copied in this scan, so that many garbage records pointing at the
    /// same large cell cannot make the scan quadratic.
    private(set) var dataBudget: Int

    init(image: HiveImage, live: LiveCellMap, plausibility: RecordPlausibility) {
        self.image = image
        self.live = live
        self.plausibility = plausibility
        self.dataBudget = 4 * image.bytes.count + 1024 * 1024
    }

    /// The plausible value record in the cell at `cellOffset`, provided the cell lies outside the live tree.
    func value(inCellAt cellOffset: Int) -> (value: KeyValue, cell: Cell)? {
        guard let cell = image.cell(atFileOffset: cellOffset),
              let value = KeyValue(bytes: image.bytes, recordOffset: cell.dataOffset, limit: cell.endOffset,
                                   minorVersion: image.minorVersion),
              !live.overlapsLiveCell(cell.dataOffset..<value.endOffset), plausibility.isPlausible(value)
        else { return nil }
        return (value, cell)
    }

    /// Builds the public record for `value`, whose cell starts at `cellOffset`, reading its data.
    mutating func recovered(_ value: KeyValue, cellOffset: Int, source: CellState) -> RecoveredValue {
        let data = self.data(of: value)
        return RecoveredValue(offset: cellOffset, name: value.name, type: value.type, dataSize: value.dataSize,
                              data: data, dataRecoverable: data != nil, source: source)
    }

    /// The value's data, or nil when it cannot be read back intact.
    mutating func data(of value: KeyValue) -> [UInt8]? {
        let size = value.dataSize
        if size == 0 { return [] }
        if value.isDataInline { return size <= KeyValue.maximumInlineDataSize ? value.inlineData : nil }
        guard size <= DeletedValueReader.maximumDataSize, size <= dataBudget,
              let cell = image.cell(atIndex: value.dataIndex) else { return nil }
        if image.minorVersion > 3, size > KeyValue.bigDataThreshold,
           let bigData = BigData(bytes: image.bytes, recordOffset: cell.dataOffset, limit: cell.endOffset) {
            return segmentedData(bigData, cell: cell, size: size)
        }
        guard cell.dataLength >= size, !live.overlapsLiveCell(cell.dataOffset..<(cell.dataOffset + size)),
              let bytes = image.bytes.checkedArray(at: cell.dataOffset, length: size)
        else { return nil }
        dataBudget -= size
        return bytes
    }

    /// Data stored as big data: the `db` record, its segment list and every segment must be intact.
    private mutating func segmentedData(_ bigData: BigData, cell: Cell, size: Int) -> [UInt8]? {
        let needed = (size + BigData.segmentLength - 1) / BigData.segmentLength
        guard bigData.segmentCount >= needed, !live.overlapsLiveCell(cell.dataOffset..<(cell.dataOffset + BigData.length)),
              let listCell = image.cell(atIndex: bigData.segmentListIndex),
              let list = ValueList(bytes: image.bytes, recordOffset: listCell.dataOffset, count: needed,
                                   limit: listCell.endOffset),
              !live.overlapsLiveCell(listCell.dataOffset..<(listCell.dataOffset + needed * ValueList.elementLength))
        else { return nil }
        var data: [UInt8] = []
        data.reserveCapacity(size)
        for segmentIndex in list.elements {
            let wanted = min(BigData.segmentLength, size - data.count)
            guard let segment = image.cell(atIndex: segmentIndex), segment.dataLength >= wanted,
                  !live.overlapsLiveCell(segment.dataOffset..<(segment.dataOffset + wanted)),
                  let bytes = image.bytes.checkedArray(at: segment.dataOffset, length: wanted)
            else { return nil }
            data += bytes
        }
        dataBudget -= size
        return data
    }
}
