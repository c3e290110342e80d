/// Rebuilds a deleted key's path by following parent cell indexes through key nodes, live or
/// deleted, until the root key (complete) or a parent that no longer reads as a key node (partial).
struct DeletedKeyPathResolver {
    /// Most ancestors followed for one key (Windows allows 512 levels).
    static let maximumDepth = 512

    let image: HiveImage
    /// Key nodes already parsed, by cell offset (nil: nothing parses there).
    private var keyNodes: [Int: KeyNode?] = [:]
    /// Parent steps still allowed in this scan. Real paths are short, but garbage can chain thousands
    /// of plausible key nodes 512 deep; past the budget a path stops where it got to (partial).
    private var remainingSteps: Int

    init(image: HiveImage) {
        self.image = image
        self.remainingSteps = max(1_000_000, image.bytes.count / 8)
    }

    /// The path components from the root (without the root's name) or from the oldest readable
    /// ancestor, ending with `key`'s own name, and whether the root was reached.
    mutating func path(of key: KeyNode, cellOffset: Int) -> (components: [String], complete: Bool) {
        var reversed = [key.name]
        var current = key
        var currentOffset = cellOffset
        var visited: Set<Int> = [cellOffset]
        for _ in 0..<DeletedKeyPathResolver.maximumDepth {
            if current.isHiveEntry || currentOffset == image.rootCellOffset {
                // The root's own name is not part of a hivetool path; a key that is itself a root has only its name.
                if reversed.count > 1 { reversed.removeLast() }
                return (reversed.reversed(), reversed.count > 0 && currentOffset != cellOffset)
            }
            guard remainingSteps > 0, let parentOffset = Cell.fileOffset(ofIndex: current.parentIndex),
                  visited.insert(parentOffset).inserted, let parent = keyNode(inCellAt: parentOffset)
            else { break }
            remainingSteps -= 1
            reversed.append(parent.name)
            current = parent
            currentOffset = parentOffset
        }
        return (reversed.reversed(), false)
    }

    private mutating func keyNode(inCellAt offset: Int) -> KeyNode? {
        if let cached = keyNodes[offset] { return cached }
        let node = offset % Cell.alignment == 0 ? image.keyNode(inCellAt: offset) : nil
        keyNodes[offset] = node
        return node
    }
}
