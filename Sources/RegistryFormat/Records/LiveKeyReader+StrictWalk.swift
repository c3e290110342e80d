/// Why a strict walk of the live tree stopped: the first key that could not be read wholly, or
/// damage to the hive bins themselves.
public struct LiveTreeDamage: Error, Hashable, Sendable, CustomStringConvertible {
    /// The path of the damaged key from the root, without the root's own name (empty for the root);
    /// nil when the damage is in the hive bins' structure, not at a key.
    public var pathComponents: [String]?
    /// What is wrong, for a message: "its subkey list does not resolve wholly".
    public var problem: String

    /// Creates a description of damage.
    public init(pathComponents: [String]?, problem: String) {
        self.pathComponents = pathComponents
        self.problem = problem
    }

    /// The key's path joined with backslashes; nil for damage to the bins' structure.
    public var path: String? { pathComponents?.joined(separator: "\\") }

    public var description: String {
        guard let path else { return problem }
        return path.isEmpty ? "root key: \(problem)" : "\(path): \(problem)"
    }
}

extension LiveKeyReader {
    /// Keys nested deeper than this end a strict walk (Windows allows 512 levels).
    public static let maximumDepth = 512

    /// Visits every live key depth-first in stored order, the root first, each with all its values,
    /// or throws ``LiveTreeDamage`` at the first damage: hive bins that do not chain to the end the
    /// base block declares or whose cells do not chain to each bin's end (what hivex refuses to open);
    /// a root that is not a key node; a subkey or value list that does not resolve to as many records
    /// as the key declares, every key node, list and value record a whole allocated cell; value data
    /// that cannot be read; a subkey whose parent link does not point back to the key it is listed
    /// under; a key reached a second time (subkey lists that loop or repeat) or nested deeper than
    /// ``maximumDepth``. What an edit is verified with: a tree that can be read only in part cannot
    /// prove that nothing else changed.
    ///
    /// The keys waiting on the walk's stack are offsets, each key's at most once (a key is marked
    /// when it is listed, not when it is read), so the stack never outgrows the hive's key cells.
    public func walkStrictly(_ visit: (KeyRecord) throws -> Void) throws {
        var reader = self
        reader.allocatedCellStarts = try checkedAllocatedCellStarts()
        try reader.walkCheckedTree(visit)
    }

    private func walkCheckedTree(_ visit: (KeyRecord) throws -> Void) throws {
        guard let root = root() else { throw LiveTreeDamage(pathComponents: [], problem: "the root key's record cannot be read") }
        var listed = BitSet(capacity: image.bytes.count / Cell.alignment + 1)
        listed.insert(root.offset / Cell.alignment)
        var pending: [(offset: Int, parent: Int, parentPath: [String], depth: Int)] = []
        var next: KeyRecord? = root
        var depth = 0
        while let key = next {
            guard key.valueListIntact else {
                throw LiveTreeDamage(pathComponents: key.pathComponents,
                                     problem: "its value list does not resolve to the \(key.declaredValueCount) values it declares")
            }
            if let value = key.values.first(where: { !$0.dataRecoverable }) {
                throw LiveTreeDamage(pathComponents: key.pathComponents, problem: "the data of value \"\(value.name)\" cannot be read")
            }
            try visit(key)
            if key.declaredSubkeyCount > 0 {
                guard depth < Self.maximumDepth else {
                    throw LiveTreeDamage(pathComponents: key.pathComponents, problem: "it is nested deeper than \(Self.maximumDepth) levels")
                }
                let (offsets, intact) = subkeyOffsets(ofKeyAt: key.offset)
                guard intact else {
                    throw LiveTreeDamage(pathComponents: key.pathComponents,
                                         problem: "its subkey list does not resolve to the \(key.declaredSubkeyCount) keys it declares")
                }
                for offset in offsets {
                    let position = offset / Cell.alignment
                    guard !listed.contains(position) else {
                        let name = self.key(atCellOffset: offset, parentPathComponents: key.pathComponents)?.name ?? "?"
                        throw LiveTreeDamage(pathComponents: key.pathComponents + [name],
                                             problem: "the key is reached a second time (subkey lists loop or repeat)")
                    }
                    listed.insert(position)
                }
                pending.append(contentsOf: offsets.reversed().map { ($0, key.offset, key.pathComponents, depth + 1) })
            }
            guard let (offset, parent, parentPath, childDepth) = pending.popLast() else { break }
            // subkeyOffsets(ofKeyAt:) returned only cells holding key nodes, and nothing changes the image.
            guard let child = self.key(atCellOffset: offset, parentPathComponents: parentPath) else {
                throw LiveTreeDamage(pathComponents: parentPath, problem: "a subkey's record cannot be read")
            }
            guard child.parentOffset == parent else {
                throw LiveTreeDamage(pathComponents: child.pathComponents, problem: "its parent link does not point to the key above it")
            }
            next = child
            depth = childDepth
        }
    }

    /// The positions (file offset / 8) where allocated cells start, after checking that the hive
    /// bins chain to the end the base block declares and each bin's cells chain to its end.
    func checkedAllocatedCellStarts() throws -> BitSet {
        let declaredEnd = BaseBlock.size + Int(image.baseBlock.hiveBinsDataSize)
        guard image.hiveBinsEnd == declaredEnd else {
            throw LiveTreeDamage(pathComponents: nil, problem: "the hive bins end at offset 0x\(String(image.hiveBinsEnd, radix: 16)), "
                                 + "not at 0x\(String(declaredEnd, radix: 16)) as the base block declares")
        }
        var starts = BitSet(capacity: image.bytes.count / Cell.alignment + 1)
        for bin in image.hiveBins {
            let (cells, chainEnd) = image.cells(in: bin)
            guard chainEnd == bin.endOffset else {
                throw LiveTreeDamage(pathComponents: nil, problem: "the cells of the hive bin at offset 0x\(String(bin.fileOffset, radix: 16)) "
                                     + "do not chain to its end (a bad cell size at offset 0x\(String(chainEnd, radix: 16)))")
            }
            for cell in cells where cell.isAllocated { starts.insert(cell.fileOffset / Cell.alignment) }
        }
        return starts
    }
}
