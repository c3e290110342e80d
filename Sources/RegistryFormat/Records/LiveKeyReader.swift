import FoundationEssentials

/// Reads a hive's live keys from its image in pure Swift: a key node, its values through its value
/// list (big data included) and its subkeys through its subkey lists (`li`, `lf`, `lh`, and `ri` over
/// those), as ``KeyRecord``s in state ``CellState/allocated``, the same type the free-space scanner
/// returns for deleted keys.
///
/// Like hivex, it reads only allocated cells and marks a list that does not resolve wholly (a missing
/// cell, an entry that is not a key or value record, a count that does not match the key's) as not
/// intact, keeping what did resolve. Every read is bounds-checked, so damaged bytes give nil or a
/// partial record, never a trap; a list is read at most two levels deep and at most
/// ``maximumSubkeys`` subkeys and ``maximumValues`` values are read per key. It reads one key at a
/// time: a walk over the tree must guard against subkey lists that loop back to an ancestor.
public struct LiveKeyReader: Sendable {
    /// Most subkeys read for one key (hivex's limit).
    public static let maximumSubkeys = 70_000
    /// Most values read for one key (hivex's limit).
    public static let maximumValues = 110_000

    /// The image read.
    public let image: HiveImage
    /// When set (a strict walk), only cells starting at these positions (file offset / 8) are read.
    var allocatedCellStarts: BitSet?

    /// A reader of `image`.
    public init(image: HiveImage) {
        self.image = image
    }

    /// The root key (the cell the base block names), with an empty, complete path; nil when no key
    /// node is there.
    public func root() -> KeyRecord? {
        keyNode(atCellOffset: image.rootCellOffset).map {
            record($0, cellOffset: image.rootCellOffset, pathComponents: [], pathComplete: true)
        }
    }

    /// The key whose cell starts at `cellOffset`, its path resolved through its parents; nil unless
    /// an allocated cell inside the hive bins holds a key node there.
    public func key(atCellOffset cellOffset: Int) -> KeyRecord? {
        if cellOffset == image.rootCellOffset { return root() }
        guard let node = keyNode(atCellOffset: cellOffset) else { return nil }
        var resolver = DeletedKeyPathResolver(image: image)
        let (components, complete) = resolver.path(of: node, cellOffset: cellOffset)
        return record(node, cellOffset: cellOffset, pathComponents: components, pathComplete: complete)
    }

    /// The key whose cell starts at `cellOffset`, reached down the tree from the key whose path is
    /// `parentPathComponents` (its path is that plus its own name); nil unless an allocated cell inside
    /// the hive bins holds a key node there.
    func key(atCellOffset cellOffset: Int, parentPathComponents: [String]) -> KeyRecord? {
        guard let node = keyNode(atCellOffset: cellOffset) else { return nil }
        return record(node, cellOffset: cellOffset, pathComponents: parentPathComponents + [node.name], pathComplete: true)
    }

    /// The subkeys of `key` in stored order, each with `key`'s path and its own name, and whether the
    /// subkey list resolved wholly to as many key nodes as `key` declares.
    public func subkeys(of key: KeyRecord) -> (keys: [KeyRecord], intact: Bool) {
        let (nodes, intact) = subkeyNodes(ofKeyAt: key.offset)
        let keys = nodes.map {
            record($0.node, cellOffset: $0.offset, pathComponents: key.pathComponents + [$0.node.name], pathComplete: key.pathComplete)
        }
        return (keys, intact)
    }

    /// The cell offsets of the subkeys of the key at `cellOffset`, in stored order, and whether the
    /// subkey list resolved wholly to as many key nodes as the key declares.
    public func subkeyOffsets(ofKeyAt cellOffset: Int) -> (offsets: [Int], intact: Bool) {
        let (nodes, intact) = subkeyNodes(ofKeyAt: cellOffset)
        return (nodes.map(\.offset), intact)
    }

    /// The subkeys' key nodes through the key's subkey list (a leaf, or an index root over leaves).
    private func subkeyNodes(ofKeyAt cellOffset: Int) -> (nodes: [(offset: Int, node: KeyNode)], intact: Bool) {
        guard let node = keyNode(atCellOffset: cellOffset) else { return ([], false) }
        guard node.subkeyCount > 0 else { return ([], true) }
        guard let list = subkeyList(atIndex: node.subkeyListIndex) else { return ([], false) }
        var nodes: [(offset: Int, node: KeyNode)] = []
        var intact = true
        let leaves = list.kind == .indexRoot ? list.elements.map(subkeyList(atIndex:)) : [Optional(list)]
        for leaf in leaves {
            guard let leaf, leaf.kind != .indexRoot else {
                intact = false
                continue
            }
            for index in leaf.elements {
                guard nodes.count < LiveKeyReader.maximumSubkeys else { return (nodes, false) }
                guard let offset = Cell.fileOffset(ofIndex: index), let subkey = keyNode(atCellOffset: offset) else {
                    intact = false
                    continue
                }
                nodes.append((offset, subkey))
            }
        }
        return (nodes, intact && nodes.count == Int(node.subkeyCount))
    }

    /// The key record for `node`, its values read through its value list.
    private func record(_ node: KeyNode, cellOffset: Int, pathComponents: [String], pathComplete: Bool) -> KeyRecord {
        let (values, intact) = values(of: node)
        return KeyRecord(offset: cellOffset, name: node.name, lastWrite: FileTime.date(fromTicks: node.lastWrittenTicks),
                         lastWriteTicks: node.lastWrittenTicks, pathComponents: pathComponents, pathComplete: pathComplete,
                         parentOffset: node.isHiveEntry ? nil : Cell.fileOffset(ofIndex: node.parentIndex),
                         declaredSubkeyCount: Int(node.subkeyCount), declaredValueCount: Int(node.valueCount),
                         valueListIntact: intact, values: values, state: .allocated)
    }

    /// The key node at `cellOffset` when it is a cell start inside the hive bins and allocated.
    private func keyNode(atCellOffset cellOffset: Int) -> KeyNode? {
        guard let cell = liveCell(atFileOffset: cellOffset) else { return nil }
        return KeyNode(bytes: image.bytes, recordOffset: cell.dataOffset, limit: cell.endOffset, minorVersion: image.minorVersion)
    }

    /// The subkey list in the cell at `index`, when that cell is live.
    private func subkeyList(atIndex index: UInt32) -> SubkeyList? {
        guard let offset = Cell.fileOffset(ofIndex: index), let cell = liveCell(atFileOffset: offset) else { return nil }
        return SubkeyList(bytes: image.bytes, recordOffset: cell.dataOffset, limit: cell.endOffset)
    }

    /// The allocated cell at `fileOffset` (8-aligned, inside the hive bins), or nil.
    private func liveCell(atFileOffset fileOffset: Int) -> Cell? {
        guard fileOffset % Cell.alignment == 0, fileOffset < image.hiveBinsEnd,
              allocatedCellStarts?.contains(fileOffset / Cell.alignment) ?? true,
              let cell = image.cell(atFileOffset: fileOffset), cell.isAllocated, cell.endOffset <= image.hiveBinsEnd
        else { return nil }
        return cell
    }

    /// The values `node`'s value list leads to, in stored order, and whether every entry resolved.
    private func values(of node: KeyNode) -> (values: [ValueRecord], intact: Bool) {
        let count = Int(node.valueCount)
        guard count > 0 else { return ([], true) }
        guard count <= LiveKeyReader.maximumValues, let listOffset = Cell.fileOffset(ofIndex: node.valueListIndex),
              let listCell = liveCell(atFileOffset: listOffset),
              let list = ValueList(bytes: image.bytes, recordOffset: listCell.dataOffset, count: count, limit: listCell.endOffset)
        else { return ([], false) }
        var reader = ValueRecordReader(image: image, mode: .live)
        var values: [ValueRecord] = []
        for index in list.elements {
            guard let offset = Cell.fileOffset(ofIndex: index), liveCell(atFileOffset: offset) != nil,
                  let (value, _) = reader.value(inCellAt: offset)
            else { continue }
            values.append(reader.record(value, cellOffset: offset, state: .allocated))
        }
        return (values, values.count == count)
    }
}
