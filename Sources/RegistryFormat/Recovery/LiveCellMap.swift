/// Which bytes of a hive belong to its live (reachable) tree: every cell the allocated tree
/// references, found by walking it from the root key.
///
/// The walk follows key nodes, subkey lists (leaves and index roots), value lists, key values, value
/// data (including big data lists and segments), security (`sk`) cells and class names. It keeps a
/// visited set, uses an explicit stack instead of recursion, and reads every offset bounds-checked,
/// so a corrupt or looping tree cannot make it trap or run forever.
///
/// For each referenced cell it also knows how many bytes the live record uses: the rest of the cell
/// is slack, which may still hold an older record (yarp scans it too).
public struct LiveCellMap: Sendable {
    /// Granularity of ``overlapsLiveCell(_:)``, in bytes.
    static let slotLength = 4
    /// One flag per 4-byte slot of the file: whether the used part of a referenced cell covers it.
    private var coveredSlots: [Bool]
    /// File offsets of the referenced cells' size fields, each with the file offset where the live
    /// record's bytes end (the cell's slack starts there).
    public private(set) var usedEnds: [Int: Int] = [:]
    /// File offsets of the cells of the live key nodes (what hivex calls node handles).
    public private(set) var liveKeyOffsets: Set<Int> = []
    /// File offsets of the cells of the live key values.
    public private(set) var liveValueOffsets: Set<Int> = []

    /// Walks the tree of `image` from its root key.
    public init(image: HiveImage) {
        coveredSlots = [Bool](repeating: false, count: image.bytes.count / LiveCellMap.slotLength + 1)
        var pendingKeys = [image.rootCellOffset]
        while let keyOffset = pendingKeys.popLast() {
            guard !liveKeyOffsets.contains(keyOffset), let cell = image.cell(atFileOffset: keyOffset),
                  let key = KeyNode(bytes: image.bytes, recordOffset: cell.dataOffset, limit: cell.endOffset,
                                    minorVersion: image.minorVersion)
            else { continue }
            liveKeyOffsets.insert(keyOffset)
            mark(cell, used: key.endOffset - cell.dataOffset)
            markCell(atIndex: key.securityIndex, in: image)
            if key.classNameLength > 0 { markCell(atIndex: key.classNameIndex, in: image, used: Int(key.classNameLength)) }
            if key.subkeyCount > 0 { pendingKeys += subkeyOffsets(of: key, in: image) }
            if key.valueCount > 0 { markValues(of: key, in: image) }
        }
    }

    /// File offsets of the referenced cells' size fields.
    public var referencedCells: Dictionary<Int, Int>.Keys { usedEnds.keys }

    /// Whether a referenced cell starts at `fileOffset`.
    public func isReferencedCell(at fileOffset: Int) -> Bool { usedEnds[fileOffset] != nil }

    /// Whether any byte of `range` lies in the used part of a referenced cell (its header included),
    /// to within 4 bytes: a slot counts as used when any of its bytes is.
    public func overlapsLiveCell(_ range: Range<Int>) -> Bool {
        guard !range.isEmpty else { return false }
        let first = max(0, range.lowerBound / LiveCellMap.slotLength)
        let last = min(coveredSlots.count - 1, (range.upperBound - 1) / LiveCellMap.slotLength)
        guard first <= last else { return false }
        for slot in first...last where coveredSlots[slot] { return true }
        return false
    }

    // MARK: - Walk steps

    /// Records `cell` as referenced, its first `used` data bytes as live (the whole cell when nil).
    private mutating func mark(_ cell: Cell, used: Int?) {
        let usedEnd = cell.dataOffset + min(max(0, used ?? cell.dataLength), cell.dataLength)
        if let known = usedEnds[cell.fileOffset], known >= usedEnd { return }
        usedEnds[cell.fileOffset] = usedEnd
        let first = cell.fileOffset / LiveCellMap.slotLength
        let last = min(coveredSlots.count - 1, (usedEnd - 1) / LiveCellMap.slotLength)
        guard first <= last else { return }
        for slot in first...last { coveredSlots[slot] = true }
    }

    @discardableResult
    private mutating func markCell(atIndex index: UInt32, in image: HiveImage, used: Int? = nil) -> Cell? {
        guard let cell = image.cell(atIndex: index) else { return nil }
        mark(cell, used: used)
        return cell
    }

    /// Marks the subkey list (and an index root's leaves) and returns the key node cells it lists.
    private mutating func subkeyOffsets(of key: KeyNode, in image: HiveImage) -> [Int] {
        guard let listCell = image.cell(atIndex: key.subkeyListIndex),
              let list = SubkeyList(bytes: image.bytes, recordOffset: listCell.dataOffset, limit: listCell.endOffset)
        else {
            markCell(atIndex: key.subkeyListIndex, in: image)
            return []
        }
        mark(listCell, used: list.usedLength)
        guard list.kind == .indexRoot else { return list.elements.compactMap(Cell.fileOffset(ofIndex:)) }
        var offsets: [Int] = []
        for leafIndex in list.elements {
            guard let leafCell = image.cell(atIndex: leafIndex),
                  let leaf = SubkeyList(bytes: image.bytes, recordOffset: leafCell.dataOffset, limit: leafCell.endOffset),
                  leaf.kind != .indexRoot
            else {
                markCell(atIndex: leafIndex, in: image)
                continue
            }
            mark(leafCell, used: leaf.usedLength)
            offsets += leaf.elements.compactMap(Cell.fileOffset(ofIndex:))
        }
        return offsets
    }

    /// Marks the value list, every value and its data.
    private mutating func markValues(of key: KeyNode, in image: HiveImage) {
        let count = Int(key.valueCount)
        guard let listCell = markCell(atIndex: key.valueListIndex, in: image, used: count * ValueList.elementLength),
              let list = ValueList(bytes: image.bytes, recordOffset: listCell.dataOffset,
                                   count: Int(key.valueCount), limit: listCell.endOffset)
        else { return }
        for valueIndex in list.elements {
            guard let valueCell = image.cell(atIndex: valueIndex),
                  let value = KeyValue(bytes: image.bytes, recordOffset: valueCell.dataOffset,
                                       limit: valueCell.endOffset, minorVersion: image.minorVersion)
            else {
                markCell(atIndex: valueIndex, in: image)
                continue
            }
            liveValueOffsets.insert(valueCell.fileOffset)
            mark(valueCell, used: value.endOffset - valueCell.dataOffset)
            guard !value.isDataInline, value.dataSize > 0, let dataCell = image.cell(atIndex: value.dataIndex) else { continue }
            guard image.minorVersion > 3, value.dataSize > KeyValue.bigDataThreshold,
                  let bigData = BigData(bytes: image.bytes, recordOffset: dataCell.dataOffset, limit: dataCell.endOffset)
            else {
                mark(dataCell, used: value.dataSize)
                continue
            }
            mark(dataCell, used: BigData.length)
            guard let segmentListCell = markCell(atIndex: bigData.segmentListIndex, in: image,
                                                 used: bigData.segmentCount * ValueList.elementLength),
                  let segments = ValueList(bytes: image.bytes, recordOffset: segmentListCell.dataOffset,
                                           count: bigData.segmentCount, limit: segmentListCell.endOffset)
            else { continue }
            var remaining = value.dataSize
            for segment in segments.elements {
                markCell(atIndex: segment, in: image, used: max(0, min(remaining, BigData.segmentLength)))
                remaining -= BigData.segmentLength
            }
        }
    }
}
