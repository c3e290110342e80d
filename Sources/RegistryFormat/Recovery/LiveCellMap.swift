/// Which bytes of a hive belong to its live (reachable) tree: every cell the allocated tree
/// references, found by walking it from the root key.
///
/// The walk follows key nodes, subkey lists (leaves and index roots), value lists, key values, value
/// data (including big data lists and segments), security (`sk`) cells and class names. It keeps a
/// visited set, uses an explicit stack instead of recursion, and reads every offset bounds-checked,
/// so a corrupt or looping tree cannot make it trap or run forever.
public struct LiveCellMap: Sendable {
    /// One flag per 8-byte slot of the file: whether a referenced cell covers it.
    private var coveredSlots: [Bool]
    /// File offsets of the referenced cells' size fields.
    public private(set) var referencedCells: Set<Int> = []
    /// File offsets of the cells of the live key nodes (what hivex calls node handles).
    public private(set) var liveKeyOffsets: Set<Int> = []
    /// File offsets of the cells of the live key values.
    public private(set) var liveValueOffsets: Set<Int> = []

    /// Walks the tree of `image` from its root key.
    public init(image: HiveImage) {
        coveredSlots = [Bool](repeating: false, count: image.bytes.count / Cell.alignment + 1)
        var pendingKeys = [image.rootCellOffset]
        while let keyOffset = pendingKeys.popLast() {
            guard !liveKeyOffsets.contains(keyOffset), let cell = image.cell(atFileOffset: keyOffset),
                  let key = KeyNode(bytes: image.bytes, recordOffset: cell.dataOffset, limit: cell.endOffset,
                                    minorVersion: image.minorVersion)
            else { continue }
            liveKeyOffsets.insert(keyOffset)
            mark(cell)
            markCell(atIndex: key.securityIndex, in: image)
            if key.classNameLength > 0 { markCell(atIndex: key.classNameIndex, in: image) }
            if key.subkeyCount > 0 { pendingKeys += subkeyOffsets(of: key, in: image) }
            if key.valueCount > 0 { markValues(of: key, in: image) }
        }
    }

    /// Whether a referenced cell starts at `fileOffset`.
    public func isReferencedCell(at fileOffset: Int) -> Bool { referencedCells.contains(fileOffset) }

    /// Whether any byte of `range` lies inside a referenced cell.
    public func overlapsLiveCell(_ range: Range<Int>) -> Bool {
        guard !range.isEmpty else { return false }
        let first = max(0, range.lowerBound / Cell.alignment)
        let last = min(coveredSlots.count - 1, (range.upperBound - 1) / Cell.alignment)
        guard first <= last else { return false }
        for slot in first...last where coveredSlots[slot] { return true }
        return false
    }

    // MARK: - Walk steps

    private mutating func mark(_ cell: Cell) {
        referencedCells.insert(cell.fileOffset)
        let first = cell.fileOffset / Cell.alignment
        let last = min(coveredSlots.count - 1, (cell.endOffset - 1) / Cell.alignment)
        guard first <= last else { return }
        for slot in first...last { coveredSlots[slot] = true }
    }

    @discardableResult
    private mutating func markCell(atIndex index: UInt32, in image: HiveImage) -> Cell? {
        guard let cell = image.cell(atIndex: index) else { return nil }
        if !referencedCells.contains(cell.fileOffset) { mark(cell) }
        return cell
    }

    /// Marks the subkey list (and an index root's leaves) and returns the key node cells it lists.
    private mutating func subkeyOffsets(of key: KeyNode, in image: HiveImage) -> [Int] {
        guard let listCell = markCell(atIndex: key.subkeyListIndex, in: image),
              let list = SubkeyList(bytes: image.bytes, recordOffset: listCell.dataOffset, limit: listCell.endOffset)
        else { return [] }
        guard list.kind == .indexRoot else { return list.elements.compactMap(Cell.fileOffset(ofIndex:)) }
        var offsets: [Int] = []
        for leafIndex in list.elements {
            guard let leafCell = markCell(atIndex: leafIndex, in: image),
                  let leaf = SubkeyList(bytes: image.bytes, recordOffset: leafCell.dataOffset, limit: leafCell.endOffset),
                  leaf.kind != .indexRoot
            else { continue }
            offsets += leaf.elements.compactMap(Cell.fileOffset(ofIndex:))
        }
        return offsets
    }

    /// Marks the value list, every value and its data.
    private mutating func markValues(of key: KeyNode, in image: HiveImage) {
        guard let listCell = markCell(atIndex: key.valueListIndex, in: image),
              let list = ValueList(bytes: image.bytes, recordOffset: listCell.dataOffset,
                                   count: Int(key.valueCount), limit: listCell.endOffset)
        else { return }
        for valueIndex in list.elements {
            guard let valueCell = markCell(atIndex: valueIndex, in: image),
                  let value = KeyValue(bytes: image.bytes, recordOffset: valueCell.dataOffset,
                                       limit: valueCell.endOffset, minorVersion: image.minorVersion)
            else { continue }
            liveValueOffsets.insert(valueCell.fileOffset)
            guard !value.isDataInline, value.dataSize > 0,
                  let dataCell = markCell(atIndex: value.dataIndex, in: image) else { continue }
            guard image.minorVersion > 3, value.dataSize > KeyValue.bigDataThreshold,
                  let bigData = BigData(bytes: image.bytes, recordOffset: dataCell.dataOffset, limit: dataCell.endOffset),
                  let segmentListCell = markCell(atIndex: bigData.segmentListIndex, in: image),
                  let segments = ValueList(bytes: image.bytes, recordOffset: segmentListCell.dataOffset,
                                           count: bigData.segmentCount, limit: segmentListCell.endOffset)
            else { continue }
            for segment in segments.elements { markCell(atIndex: segment, in: image) }
        }
    }
}
