/// One step of ``LiveCellMap``'s linear pass: what an allocated record references, and how much of
/// a referenced cell its own record uses. Records are read field by field, bounds-checked, without
/// decoding names.
///
/// Every record read here starts a cell that lies inside the bytes (a cell of the bins' chain, or one
/// ``Cell/atIndex(_:in:)`` parsed), and a cell is at least 8 bytes long: a record's first 4 bytes can
/// always be read, and each field past them is read only after the record is checked to reach it.
struct ReferenceMarker {
    let image: HiveImage
    /// The image's bytes, held apart so that the hot paths do not copy the image's fields.
    let bytes: HiveBytes
    /// Per 8-byte position: a referenced cell starts there.
    var referenced: BitSet
    /// Per 4-byte slot: covered by the used part of a referenced cell, as a referrer states it.
    var covered: BitSet
    /// Record offsets of the allocated key nodes that have values, for ``markValuesOfReferencedKeys()``.
    private var keysWithValues: [Int] = []

    init(image: HiveImage) {
        self.image = image
        bytes = image.bytes
        referenced = BitSet(capacity: LiveCellMap.position(image.bytes.count) + 1)
        covered = BitSet(capacity: LiveCellMap.slot(image.bytes.count) + 1)
    }

    /// The root key's cell, which the base block references.
    mutating func markRoot() {
        markStart(fileOffset: image.rootCellOffset)
    }

    /// Marks what the record in the allocated `cell` references, and returns where that record ends
    /// (``recordEnd(in:bytes:)``, read in the same step).
    @inline(__always)
    mutating func markReferences(of cell: Cell) -> Int? {
        let record = cell.dataOffset
        switch bytes.uint16(at: record) {
        case RecordSignature.keyNode: return markKeyNode(at: record, limit: cell.endOffset)
        case RecordSignature.indexLeaf, RecordSignature.fastLeaf, RecordSignature.hashLeaf, RecordSignature.indexRoot:
            return markSubkeyList(at: record, limit: cell.endOffset)
        default: return Self.recordEnd(in: cell, bytes: bytes)
        }
    }

    private mutating func markKeyNode(at record: Int, limit: Int) -> Int? {
        guard record + KeyNode.nameOffset <= limit else { return nil }
        let end = record + KeyNode.nameOffset + Int(bytes.uint16(at: record + KeyNode.nameLengthOffset))
        guard end > record + KeyNode.nameOffset, end <= limit else { return nil }
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
        return end
    }

    /// Marks the value lists, values and value data of the key nodes found referenced (a value of
    /// a key nothing references, such as a key a corrupt subkey list lost, is not live).
    mutating func markValuesOfReferencedKeys() {
        let keys = keysWithValues.filter { referenced.contains(LiveCellMap.position($0 - Cell.headerLength)) }
        var readAhead = ReadAhead(bytes)
        defer { readAhead.finish() }
        for record in keys {
            readAhead.advance(to: record)
            let valueCount = Int(bytes.uint32(at: record + KeyNode.valueCountOffset))
            guard let list = markUsed(index: bytes.uint32(at: record + KeyNode.valueListOffset), used: valueCount * ValueList.elementLength),
                  valueCount <= list.dataLength / ValueList.elementLength
            else { continue }
            var element = list.dataOffset
            for _ in 0..<valueCount {
                let index = bytes.uint32(at: element)
                element += ValueList.elementLength
                markStart(index: index)
                if let cell = Cell.atIndex(index, in: bytes), bytes.uint16(at: cell.dataOffset) == RecordSignature.keyValue {
                    markKeyValue(at: cell.dataOffset, limit: cell.endOffset)
                }
            }
        }
        keysWithValues = []
    }

    @inline(__always)
    private mutating func markKeyValue(at record: Int, limit: Int) {
        guard record + KeyValue.nameOffset <= limit,
              record + KeyValue.nameOffset + Int(bytes.uint16(at: record + KeyValue.nameLengthOffset)) <= limit
        else { return }
        let storedSize = bytes.uint32(at: record + KeyValue.dataSizeOffset)
        let size = Int(storedSize & ~KeyValue.inlineDataBit)
        guard storedSize & KeyValue.inlineDataBit == 0, size > 0 else { return }
        let dataIndex = bytes.uint32(at: record + KeyValue.dataOffset)
        guard size > KeyValue.bigDataThreshold else {
            markUsed(index: dataIndex, used: size)
            return
        }
        guard let dataCell = Cell.atIndex(dataIndex, in: bytes) else { return }
        guard image.minorVersion > 3,
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

    private mutating func markSubkeyList(at record: Int, limit: Int) -> Int? {
        guard let end = Self.subkeyListEnd(at: record, limit: limit, bytes: bytes) else { return nil }
        let elementLength = Self.subkeyListElementLength(at: record, bytes: bytes)
        var element = record + SubkeyList.elementsOffset
        while element < end {
            markStart(index: bytes.uint32(at: element))
            element += elementLength
        }
        return end
    }

    // MARK: - Marks

    /// Marks the cell at `fileOffset` as referenced; its used part is read when it is settled.
    @inline(__always)
    private mutating func markStart(fileOffset: Int) {
        guard fileOffset % Cell.alignment == 0, fileOffset >= BaseBlock.size + HiveBinHeader.length else { return }
        referenced.insert(LiveCellMap.position(fileOffset))
    }

    @inline(__always)
    private mutating func markStart(index: UInt32) {
        guard let fileOffset = Cell.fileOffset(ofIndex: index) else { return }
        markStart(fileOffset: fileOffset)
    }

    /// Marks the cell `index` points at as referenced, its first `used` data bytes as live.
    @discardableResult @inline(__always)
    private mutating func markUsed(index: UInt32, used: Int) -> Cell? {
        guard let cell = Cell.atIndex(index, in: bytes) else { return nil }
        referenced.insert(LiveCellMap.position(cell.fileOffset))
        let usedEnd = cell.dataOffset + min(max(0, used), cell.dataLength)
        covered.insert(LiveCellMap.slot(cell.fileOffset)..<LiveCellMap.slot(roundingUp: usedEnd))
        return cell
    }

    // MARK: - Used parts

    /// Where the record at the start of `cell` ends (a key node or value after its name, a subkey
    /// list after its last element, big data after its header, a security record at the cell's end);
    /// nil when no such record parses there.
    @inline(__always)
    static func recordEnd(in cell: Cell, bytes: HiveBytes) -> Int? {
        let record = cell.dataOffset
        let limit = cell.endOffset
        switch bytes.uint16(at: record) {
        case RecordSignature.keyNode:
            guard record + KeyNode.nameOffset <= limit else { return nil }
            let end = record + KeyNode.nameOffset + Int(bytes.uint16(at: record + KeyNode.nameLengthOffset))
            return end > record + KeyNode.nameOffset && end <= limit ? end : nil
        case RecordSignature.keyValue:
            guard record + KeyValue.nameOffset <= limit else { return nil }
            let end = record + KeyValue.nameOffset + Int(bytes.uint16(at: record + KeyValue.nameLengthOffset))
            return end <= limit ? end : nil
        case RecordSignature.indexLeaf, RecordSignature.fastLeaf, RecordSignature.hashLeaf, RecordSignature.indexRoot:
            return subkeyListEnd(at: record, limit: limit, bytes: bytes)
        case RecordSignature.bigData:
            return BigData(bytes: bytes, recordOffset: record, limit: limit) == nil ? nil : record + BigData.length
        case RecordSignature.security:  // security records are shared and counted whole
            return limit
        default:
            return nil
        }
    }

    /// The end of the subkey list at `record` (li, lf, lh or ri), if its elements fit before `limit`.
    @inline(__always)
    static func subkeyListEnd(at record: Int, limit: Int, bytes: HiveBytes) -> Int? {
        guard let count = bytes.checkedUInt16(at: record + SubkeyList.countOffset) else { return nil }
        let end = record + SubkeyList.elementsOffset + Int(count) * subkeyListElementLength(at: record, bytes: bytes)
        return end <= limit ? end : nil
    }

    /// 8 bytes per element in fast and hash leaves (an index and a hint), 4 in index leaves and roots.
    @inline(__always)
    private static func subkeyListElementLength(at record: Int, bytes: HiveBytes) -> Int {
        bytes[record] == 0x6C && bytes[record + 1] != 0x69 ? 8 : 4
    }
}

/// The two signature bytes of each record kind, read as one little-endian UInt16: `nk` (0x6E 0x6B)
/// is 0x6B6E. Literals, so that a switch over them compiles to compares.
enum RecordSignature {
    static let keyNode: UInt16 = 0x6B6E  // "nk"
    static let keyValue: UInt16 = 0x6B76  // "vk"
    static let indexLeaf: UInt16 = 0x696C  // "li"
    static let fastLeaf: UInt16 = 0x666C  // "lf"
    static let hashLeaf: UInt16 = 0x686C  // "lh"
    static let indexRoot: UInt16 = 0x6972  // "ri"
    static let bigData: UInt16 = 0x6264  // "db"
    static let security: UInt16 = 0x6B73  // "sk"
}
