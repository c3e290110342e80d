/// One step of ``LiveCellMap``'s linear pass: what an allocated record references, and how much of
/// a referenced cell its own record uses. Records are read field by field, bounds-checked, without
/// decoding names.
struct ReferenceMarker {
    let image: HiveImage
    /// Per 8-byte position: a referenced cell starts there.
    var referenced: BitSet
    /// Per 4-byte slot: covered by the used part of a referenced cell, as a referrer states it.
    var covered: BitSet
    /// Record offsets of the allocated key nodes that have values, for ``markValuesOfReferencedKeys()``.
    private var keysWithValues: [Int] = []

    init(image: HiveImage) {
        self.image = image
        referenced = BitSet(capacity: image.bytes.count / Cell.alignment + 1)
        covered = BitSet(capacity: image.bytes.count / LiveCellMap.slotLength + 1)
    }

    /// The root key's cell, which the base block references.
    mutating func markRoot() {
        markStart(fileOffset: image.rootCellOffset)
    }

    /// Marks what the record in the allocated `cell` references.
    mutating func markReferences(of cell: Cell) {
        let bytes = image.bytes
        let record = cell.dataOffset
        guard let first = bytes.checkedUInt8(at: record), let second = bytes.checkedUInt8(at: record + 1) else { return }
        switch (first, second) {
        case (KeyNode.signature.0, KeyNode.signature.1): markKeyNode(at: record, limit: cell.endOffset)
        case (0x6C, 0x69), (0x6C, 0x66), (0x6C, 0x68), (0x72, 0x69): markSubkeyList(at: record, limit: cell.endOffset)
        default: break
        }
    }

    private mutating func markKeyNode(at record: Int, limit: Int) {
        let bytes = image.bytes
        guard record + KeyNode.nameOffset <= limit, let nameLength = bytes.checkedUInt16(at: record + KeyNode.nameLengthOffset),
              nameLength > 0, record + KeyNode.nameOffset + Int(nameLength) <= limit
        else { return }
        let flags = bytes.uint16(at: record + KeyNode.flagsOffset)
        if bytes.uint32(at: record + KeyNode.subkeyCountOffset) > 0 {
            markStart(index: bytes.uint32(at: record + KeyNode.subkeyListOffset))
        }
        if flags & KeyNode.flagPredefinedHandle == 0, bytes.uint32(at: record + KeyNode.valueCountOffset) > 0 {
            keysWithValues.append(record)
        }
        markStart(index: bytes.uint32(at: record + KeyNode.securityOffset))
        let classNameLength = Int(bytes.uint16(at: record + KeyNode.classNameLengthOffset))
        if classNameLength > 0 { markUsed(index: bytes.uint32(at: record + KeyNode.classNameOffset), used: classNameLength) }
    }

    /// Marks the value lists, values and value data of the key nodes found referenced (a value of
    /// a key nothing references, such as a key a corrupt subkey list lost, is not live).
    mutating func markValuesOfReferencedKeys() {
        let bytes = image.bytes
        for record in keysWithValues where referenced.contains((record - Cell.headerLength) / Cell.alignment) {
            let valueCount = Int(bytes.uint32(at: record + KeyNode.valueCountOffset))
            guard let list = markUsed(index: bytes.uint32(at: record + KeyNode.valueListOffset), used: valueCount * ValueList.elementLength),
                  valueCount <= list.dataLength / ValueList.elementLength
            else { continue }
            for element in 0..<valueCount {
                let index = bytes.uint32(at: list.dataOffset + element * ValueList.elementLength)
                markStart(index: index)
                if let cell = image.cell(atIndex: index), bytes.hasSignature(KeyValue.signature, at: cell.dataOffset) {
                    markKeyValue(at: cell.dataOffset, limit: cell.endOffset)
                }
            }
        }
        keysWithValues = []
    }

    private mutating func markKeyValue(at record: Int, limit: Int) {
        let bytes = image.bytes
        guard record + KeyValue.nameOffset <= limit, let nameLength = bytes.checkedUInt16(at: record + KeyValue.nameLengthOffset),
              record + KeyValue.nameOffset + Int(nameLength) <= limit
        else { return }
        let storedSize = bytes.uint32(at: record + KeyValue.dataSizeOffset)
        let size = Int(storedSize & ~KeyValue.inlineDataBit)
        let dataIndex = bytes.uint32(at: record + KeyValue.dataOffset)
        guard storedSize & KeyValue.inlineDataBit == 0, size > 0, let dataCell = image.cell(atIndex: dataIndex) else { return }
        guard image.minorVersion > 3, size > KeyValue.bigDataThreshold,
              let bigData = BigData(bytes: bytes, recordOffset: dataCell.dataOffset, limit: dataCell.endOffset)
        else {
            markUsed(index: dataIndex, used: size)
            return
        }
        markStart(fileOffset: dataCell.fileOffset)
        guard let segmentList = markUsed(index: bigData.segmentListIndex, used: bigData.segmentCount * ValueList.elementLength),
              bigData.segmentCount <= segmentList.dataLength / ValueList.elementLength
        else { return }
        var remaining = size
        for segment in 0..<bigData.segmentCount {
            markUsed(index: bytes.uint32(at: segmentList.dataOffset + segment * ValueList.elementLength),
                     used: max(0, min(remaining, BigData.segmentLength)))
            remaining -= BigData.segmentLength
        }
    }

    private mutating func markSubkeyList(at record: Int, limit: Int) {
        guard let end = Self.subkeyListEnd(at: record, limit: limit, bytes: image.bytes) else { return }
        let elementLength = image.bytes[record] == 0x6C && image.bytes[record + 1] != 0x69 ? 8 : 4
        var element = record + SubkeyList.elementsOffset
        while element < end {
            markStart(index: image.bytes.uint32(at: element))
            element += elementLength
        }
    }

    // MARK: - Marks

    /// Marks the cell at `fileOffset` as referenced; its used part is read when it is settled.
    private mutating func markStart(fileOffset: Int) {
        guard fileOffset % Cell.alignment == 0, fileOffset >= BaseBlock.size + HiveBinHeader.length else { return }
        referenced.insert(fileOffset / Cell.alignment)
    }

    private mutating func markStart(index: UInt32) {
        guard let fileOffset = Cell.fileOffset(ofIndex: index) else { return }
        markStart(fileOffset: fileOffset)
    }

    /// Marks the cell `index` points at as referenced, its first `used` data bytes as live.
    @discardableResult
    private mutating func markUsed(index: UInt32, used: Int) -> Cell? {
        guard let cell = image.cell(atIndex: index) else { return nil }
        referenced.insert(cell.fileOffset / Cell.alignment)
        let usedEnd = cell.dataOffset + min(max(0, used), cell.dataLength)
        covered.insert((cell.fileOffset / LiveCellMap.slotLength)..<((usedEnd + LiveCellMap.slotLength - 1) / LiveCellMap.slotLength))
        return cell
    }

    // MARK: - Used parts

    /// Where the record at the start of `cell` ends (a key node or value after its name, a subkey
    /// list after its last element, big data after its header, a security record at the cell's end);
    /// nil when no such record parses there.
    static func recordEnd(in cell: Cell, image: HiveImage) -> Int? {
        let bytes = image.bytes
        let record = cell.dataOffset
        let limit = cell.endOffset
        guard let first = bytes.checkedUInt8(at: record), let second = bytes.checkedUInt8(at: record + 1) else { return nil }
        switch (first, second) {
        case (KeyNode.signature.0, KeyNode.signature.1):
            guard record + KeyNode.nameOffset <= limit, let nameLength = bytes.checkedUInt16(at: record + KeyNode.nameLengthOffset),
                  nameLength > 0, record + KeyNode.nameOffset + Int(nameLength) <= limit else { return nil }
            return record + KeyNode.nameOffset + Int(nameLength)
        case (KeyValue.signature.0, KeyValue.signature.1):
            guard record + KeyValue.nameOffset <= limit, let nameLength = bytes.checkedUInt16(at: record + KeyValue.nameLengthOffset),
                  record + KeyValue.nameOffset + Int(nameLength) <= limit else { return nil }
            return record + KeyValue.nameOffset + Int(nameLength)
        case (0x6C, 0x69), (0x6C, 0x66), (0x6C, 0x68), (0x72, 0x69):
            return subkeyListEnd(at: record, limit: limit, bytes: bytes)
        case (BigData.signature.0, BigData.signature.1):
            return BigData(bytes: bytes, recordOffset: record, limit: limit) == nil ? nil : record + BigData.length
        case (0x73, 0x6B):  // "sk": security records are shared and counted whole
            return limit
        default:
            return nil
        }
    }

    /// The end of the subkey list at `record` (li, lf, lh or ri), if its elements fit before `limit`.
    static func subkeyListEnd(at record: Int, limit: Int, bytes: HiveBytes) -> Int? {
        guard let count = bytes.checkedUInt16(at: record + SubkeyList.countOffset) else { return nil }
        let elementLength = bytes[record] == 0x6C && bytes[record + 1] != 0x69 ? 8 : 4
        let end = record + SubkeyList.elementsOffset + Int(count) * elementLength
        return end <= limit ? end : nil
    }
}
