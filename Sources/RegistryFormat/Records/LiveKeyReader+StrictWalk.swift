/// Why a strict walk of the live tree stopped: the first key that could not be read wholly.
public struct LiveTreeDamage: Error, Hashable, Sendable, CustomStringConvertible {
    /// The path of the damaged key from the root, without the root's own name (empty for the root).
    public var pathComponents: [String]
    /// What is wrong with it, for a message: "its subkey list does not resolve wholly".
    public var problem: String

    /// Creates a description of damage.
    public init(pathComponents: [String], problem: String) {
        self.pathComponents = pathComponents
        self.problem = problem
    }

    /// The path joined with backslashes.
    public var path: String { pathComponents.joined(separator: "\\") }

    public var description: String { path.isEmpty ? "root key: \(problem)" : "\(path): \(problem)" }
}

extension LiveKeyReader {
    /// Keys nested deeper than this end a strict walk (Windows allows 512 levels).
    public static let maximumDepth = 512

    /// Visits every live key depth-first in stored order, the root first, each with all its values,
    /// or throws ``LiveTreeDamage`` at the first key that cannot be read wholly: a root that is not a
    /// key node, a subkey or value list that does not resolve to as many records as the key declares,
    /// value data that cannot be read, a subkey whose parent link does not point back to the key it
    /// is listed under, a key reached a second time (subkey lists that loop) or nested deeper than
    /// ``maximumDepth``. What an edit is verified with: a tree that can be read only in part cannot
    /// prove that nothing else changed.
    ///
    /// The keys waiting on the walk's stack are offsets, not records: at most one key's values are
    /// held at a time, whatever the fan-out.
    public func walkStrictly(_ visit: (KeyRecord) throws -> Void) throws {
        guard let root = root() else { throw LiveTreeDamage(pathComponents: [], problem: "the root key's record cannot be read") }
        var visited = BitSet(capacity: image.bytes.count / Cell.alignment + 1)
        var pending: [(offset: Int, parent: Int, parentPath: [String], depth: Int)] = []
        var next: KeyRecord? = root
        var depth = 0
        while let key = next {
            let position = key.offset / Cell.alignment
            guard !visited.contains(position) else {
                throw LiveTreeDamage(pathComponents: key.pathComponents, problem: "the key is reached a second time (subkey lists loop)")
            }
            visited.insert(position)
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
}
