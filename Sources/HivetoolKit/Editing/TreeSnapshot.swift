import FoundationEssentials
import Hivex
import RegistryFormat

/// Every key of a hive with a digest of its values and its last-write time, to prove an edit changed
/// only what it meant to. Only digests are kept (not the values: a 200 MB hive's would take more
/// memory than the hive); the values of the keys an edit changes come with its ``Plan``.
struct TreeSnapshot {
    struct KeyState: Equatable {
        /// ``TreeSnapshot/digest(of:)`` of the key's values.
        var valuesDigest: Int
        /// The last-write time as stored (FILETIME ticks), compared exactly.
        var lastWriteTicks: UInt64
    }

    /// What an edit intends, in the terms of a snapshot (paths as stored in the hive).
    struct Plan {
        /// Key path -> values set (in order).
        var setValues: [String: [RegistryValue]] = [:]
        var deletedValues: [String: [String]] = [:]
        var createdKeys: [String] = []
        var deletedKeys: [String] = []
        /// Key path -> the key's values before the edit first changed them.
        var originalValues: [String: [RegistryValue]] = [:]
    }

    /// Keyed by the path as stored (names are unique among siblings: a hive where they are not is
    /// refused).
    var keys: [String: KeyState] = [:]

    /// An empty snapshot (no keys), before anything is read.
    init() {}

    /// Reads every key of `hive` (the image hivex is given: the replayed one when logs were applied)
    /// with hivetool's own reader, independent of hivex, which makes the edits; a hive that cannot be
    /// read wholly (loops, lists that do not resolve, broken parent links, two subkeys of one key
    /// with the same name) is refused.
    init(hive: HiveFileImage) throws {
        var keys: [String: KeyState] = [:]
        try Self.walk(hive) { key, path in
            let state = KeyState(valuesDigest: Self.digest(of: key.values), lastWriteTicks: key.lastWriteTicks)
            if keys.updateValue(state, forKey: path) != nil {
                throw LiveTreeDamage(pathComponents: key.pathComponents, problem: "another subkey of its parent has the same name")
            }
        }
        self.keys = keys
    }

    /// Walks `hive`'s image completely (``LiveKeyReader/walkStrictly(_:)``), giving `visit` each key and
    /// its path, or throws `unverifiableHive` at the first key that cannot be read wholly (or that
    /// `visit` finds damaged by throwing `LiveTreeDamage`).
    static func walk(_ hive: HiveFileImage, _ visit: (KeyRecord, String) throws -> Void) throws {
        func damaged(_ path: String?, _ what: String) -> HivetoolError {
            guard let path else { return HivetoolError(.unverifiableHive(detail: what), path: hive.path) }
            return HivetoolError(.unverifiableHive(detail: "\(RegistryPath.display(path)): \(what)"), path: hive.path,
                                 keyPath: RegistryPath.display(path))
        }
        let reader: LiveKeyReader
        do {
            reader = LiveKeyReader(image: try HiveImage(bytes: hive.bytes))
        } catch {
            throw damaged(nil, "the hive bins cannot be read (\(error))")
        }
        do {
            try reader.walkStrictly { key in try visit(key, key.path) }
        } catch let damage as LiveTreeDamage {
            throw damaged(damage.path, damage.problem)
        }
    }

    /// The first key whose values, as hivex read them for `plan` (its ``Plan/originalValues``),
    /// differ from what this snapshot read with hivetool's own reader (keys the plan creates aside);
    /// nil when they agree. The expected state of an edited key is built from hivex's reading, so
    /// the two must agree first.
    func readingDisagreement(with plan: Plan) -> String? {
        let created = Set(plan.createdKeys)
        for (path, values) in plan.originalValues.sorted(by: { $0.key < $1.key })
        where !created.contains(path) && keys[path]?.valuesDigest != Self.digest(of: values) {
            return "hivex and hivetool's reader read the values of \(RegistryPath.display(path)) differently"
        }
        return nil
    }

    /// Applies `plan` to this snapshot: what the edited hive must hold.
    func applying(_ plan: Plan) -> TreeSnapshot {
        var result = self
        for path in plan.deletedKeys {
            result.keys = result.keys.filter { $0.key != path && !$0.key.hasPrefix(path + "\\") }
        }
        for path in plan.createdKeys {
            result.keys[path] = KeyState(valuesDigest: Self.digest(of: [RegistryValue]()), lastWriteTicks: 0)
        }
        for id in Set(plan.deletedValues.keys).union(plan.setValues.keys) {
            guard var state = result.keys[id] else { continue }
            var values = plan.originalValues[id] ?? []
            for name in plan.deletedValues[id] ?? [] { values.removeAll { RegistryPath.namesEqual($0.name, name) } }
            for value in plan.setValues[id] ?? [] {
                if let index = values.firstIndex(where: { RegistryPath.namesEqual($0.name, value.name) }) {
                    values[index] = value
                } else {
                    values.append(value)
                }
            }
            state.valuesDigest = Self.digest(of: values)
            result.keys[id] = state
        }
        return result
    }

    /// Walks `actual` and returns the first difference from this (expected) snapshot, ignoring the
    /// last-write times of `touched` keys, which must instead equal `editTime`; nil when none.
    func firstDifference(from actual: HiveFileImage, touched: Set<String>, editTime: Date) throws -> String? {
        var difference: String?
        var remaining = keys
        struct Stop: Error {}
        do {
            try Self.walk(actual) { key, path in
                guard let expected = remaining.removeValue(forKey: path) else {
                    difference = "unexpected key \(RegistryPath.display(path))"
                    throw Stop()
                }
                if Self.digest(of: key.values) != expected.valuesDigest {
                    difference = "the values of \(RegistryPath.display(path)) differ"
                    throw Stop()
                }
                if touched.contains(path) {
                    guard key.lastWriteTicks == FileTime.ticks(from: editTime) else {
                        difference = "the last-write time of \(RegistryPath.display(path)) was not set to the edit time"
                        throw Stop()
                    }
                } else if key.lastWriteTicks != expected.lastWriteTicks {
                    difference = "the last-write time of \(RegistryPath.display(path)) changed"
                    throw Stop()
                }
            }
        } catch is Stop {
            return difference
        }
        if !remaining.isEmpty {
            return "\(remaining.count) key(s) are missing"
        }
        return nil
    }

    /// A digest of `values` (names, types, data, order), the same for equal lists within one process.
    static func digest(of values: [RegistryValue]) -> Int {
        digest(values.count, values.lazy.map { ($0.name, $0.type.rawValue, $0.data) })
    }

    /// The same digest of values as read by hivetool's own reader.
    static func digest(of values: [ValueRecord]) -> Int {
        digest(values.count, values.lazy.map { ($0.name, $0.type, $0.data ?? []) })
    }

    private static func digest(_ count: Int, _ values: some Sequence<(name: String, type: UInt32, data: [UInt8])>) -> Int {
        var hasher = Hasher()
        hasher.combine(count)
        for value in values {
            hasher.combine(value.name)
            hasher.combine(value.type)
            hasher.combine(value.data.count)
            hasher.combine(value.data.withUnsafeBytes(XXH64.hash))
        }
        return hasher.finalize()
    }
}
