import FoundationEssentials
import Hivex

/// The keys recovered from a hive's free space as a ``ProfileSource``: a key's children are the
/// recovered keys whose parent field names its cell, its values those its value list still leads to.
///
/// A key whose values hivex detached before freeing it (hivetool's own `delete-profile`) or whose
/// value list was reused has no values here: they are not guessed from the values found alone.
/// A value whose record survived but whose data did not is reported as lost, never decoded.
struct RecoveredProfileSource: ProfileSource {
    private let keysByOffset: [Int: KeyRecord]
    private let childrenByParent: [Int: [KeyRecord]]

    init(records: DeletedRecords) {
        var byOffset: [Int: KeyRecord] = [:]
        var byParent: [Int: [KeyRecord]] = [:]
        for key in records.keys {
            if byOffset[key.offset] == nil { byOffset[key.offset] = key }
            if let parent = key.parentOffset, parent != key.offset { byParent[parent, default: []].append(key) }
        }
        keysByOffset = byOffset
        childrenByParent = byParent
    }

    /// The recovered key whose cell starts at `offset`.
    func key(at offset: Int) -> KeyRecord? { keysByOffset[offset] }

    /// The recovered key at `offset` and every recovered key below it (each once, loops cut).
    func subtree(at offset: Int) -> [KeyRecord] {
        var result: [KeyRecord] = []
        var seen: Set<Int> = []
        var pending = keysByOffset[offset].map { [$0] } ?? []
        while let key = pending.popLast() {
            guard seen.insert(key.offset).inserted else { continue }
            result.append(key)
            pending += childrenByParent[key.offset] ?? []
        }
        return result
    }

    func lastWrite(of node: Int) throws -> Date? { keysByOffset[node]?.lastWrite }

    func children(of node: Int, path: String, enclosing: Set<Int>, problems: inout [String]) throws -> [(name: String, node: Int)] {
        var result: [(name: String, node: Int)] = []
        for child in childrenByParent[node] ?? [] {
            if child.offset == node || enclosing.contains(child.offset) {
                problems.append("\(RegistryPath.display(path)): a recovered subkey's parent chain loops back to an enclosing key; not followed")
                continue
            }
            result.append((child.name, child.offset))
        }
        return result
    }

    func values(of node: Int) throws -> [RegistryValue] {
        (keysByOffset[node]?.values ?? []).compactMap { value in
            value.data.map { RegistryValue(name: value.name, type: ValueType(rawValue: value.type), data: $0) }
        }
    }

    func lostValues(of node: Int, path: String) -> [UndecodableValue] {
        (keysByOffset[node]?.values ?? []).filter { $0.data == nil }.map { value in
            UndecodableValue(keyPath: path, value: value.name, type: ValueType(rawValue: value.type).name,
                             reason: "deleted value: its data cannot be recovered (its cells were reused or are damaged)")
        }
    }
}
