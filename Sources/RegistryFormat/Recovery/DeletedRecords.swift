/// Everything a free-space scan recovered from one hive.
public struct DeletedRecords: Hashable, Sendable {
    /// Deleted keys, in file order, each with the values its value list still leads to.
    public var keys: [KeyRecord]
    /// Deleted values that no recovered key's value list claims, in file order.
    public var orphanValues: [ValueRecord]

    /// Creates a result.
    public init(keys: [KeyRecord], orphanValues: [ValueRecord]) {
        self.keys = keys
        self.orphanValues = orphanValues
    }

    /// The recovered keys whose parent is the key at `offset` (a recovered or a live key's offset).
    public func children(of offset: Int) -> [KeyRecord] {
        keys.filter { $0.parentOffset == offset }
    }

    /// The recovered key at `offset` and every recovered key below it, parents before children
    /// (each key at most once, however the parent fields loop).
    public func subtree(at offset: Int) -> [KeyRecord] {
        var byParent: [Int: [KeyRecord]] = [:]
        for key in keys { if let parent = key.parentOffset { byParent[parent, default: []].append(key) } }
        var result: [KeyRecord] = []
        var seen: Set<Int> = []
        var queue = keys.filter { $0.offset == offset }
        var index = 0
        while index < queue.count {
            let key = queue[index]
            index += 1
            guard seen.insert(key.offset).inserted else { continue }
            result.append(key)
            queue += byParent[key.offset] ?? []
        }
        return result
    }
}
