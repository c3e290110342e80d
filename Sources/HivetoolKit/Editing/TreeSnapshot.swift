import FoundationEssentials
import Hivex

/// Every key of a hive with a digest of its values and its last-write time, to prove an edit changed
/// only what it meant to. Only digests are kept (not the values: a 200 MB hive's would take more
/// memory than the hive); the values of the keys an edit changes come with its ``Plan``.
struct TreeSnapshot {
    struct KeyState: Equatable {
        var path: String
        /// ``TreeSnapshot/digest(of:)`` of the key's values.
        var valuesDigest: Int
        var lastWrite: Date?
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

    /// Keyed by the path as stored; a second key of the same path in a damaged hive gets a suffix.
    var keys: [String: KeyState] = [:]

    /// An empty snapshot (no keys), before anything is read.
    init() {}

    /// Reads every key of `hive`; a hive whose walk is incomplete (loops, unreadable lists) is refused.
    init(hive: Hive) throws {
        var keys: [String: KeyState] = [:]
        try Self.walk(hive) { id, entry in
            keys[id] = KeyState(path: entry.path, valuesDigest: Self.digest(of: try hive.values(of: entry.key)),
                                lastWrite: try hive.lastWrite(of: entry.key))
        }
        self.keys = keys
    }

    /// Walks `hive` completely, giving each key a unique id (its path), or throws when the walk is
    /// incomplete or any key is damaged: a name, timestamp or value that cannot be read, a parent link
    /// that does not point to the key above it (a key that is its own parent, a parent chain that
    /// loops), the root's own name.
    static func walk(_ hive: Hive, _ visit: (String, Walk.Entry) throws -> Void) throws {
        var seen: Set<String> = []
        func damaged(_ entry: Walk.Entry, _ what: String) -> HivetoolError {
            HivetoolError(.unverifiableHive(detail: "\(RegistryPath.display(entry.path)): \(what)"), path: hive.path,
                          keyPath: RegistryPath.display(entry.path))
        }
        let report = try hive.walk { entry in
            var id = entry.path
            while !seen.insert(id).inserted { id += "\u{0}#" }  // duplicate names in a damaged hive stay distinct
            do {
                if let parent = entry.parent {
                    guard try hive.parent(of: entry.key) == parent else { throw damaged(entry, "its parent link does not point to the key above it") }
                } else {
                    _ = try hive.name(of: entry.key)
                }
                try visit(id, entry)
            } catch let error as HiveError {
                throw damaged(entry, error.message)
            }
        }
        if let stop = report.stops.first {
            throw HivetoolError(.unverifiableHive(detail: "\(stop)"), path: hive.path)
        }
    }

    /// Applies `plan` to this snapshot: what the edited hive must hold.
    func applying(_ plan: Plan) -> TreeSnapshot {
        var result = self
        for path in plan.deletedKeys {
            result.keys = result.keys.filter { $0.key != path && !$0.key.hasPrefix(path + "\\") }
        }
        for path in plan.createdKeys {
            result.keys[path] = KeyState(path: path, valuesDigest: Self.digest(of: []), lastWrite: nil)
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
    func firstDifference(from actual: Hive, touched: Set<String>, editTime: Date) throws -> String? {
        var difference: String?
        var matched = 0
        struct Stop: Error {}
        do {
            try Self.walk(actual) { id, entry in
                guard let expected = keys[id] else {
                    difference = "unexpected key \(RegistryPath.display(entry.path))"
                    throw Stop()
                }
                matched += 1
                if Self.digest(of: try actual.values(of: entry.key)) != expected.valuesDigest {
                    difference = "the values of \(RegistryPath.display(expected.path)) differ"
                    throw Stop()
                }
                let lastWrite = try actual.lastWrite(of: entry.key)
                if touched.contains(id) {
                    guard let time = lastWrite, abs(time.timeIntervalSince(editTime)) < 0.001 else {
                        difference = "the last-write time of \(RegistryPath.display(expected.path)) was not set to the edit time"
                        throw Stop()
                    }
                } else if lastWrite != expected.lastWrite {
                    difference = "the last-write time of \(RegistryPath.display(expected.path)) changed"
                    throw Stop()
                }
            }
        } catch is Stop {
            return difference
        }
        if matched != keys.count {
            return "\(keys.count - matched) key(s) are missing"
        }
        return nil
    }

    /// A digest of `values` (names, types, data, order), the same for equal lists within one process.
    static func digest(of values: [RegistryValue]) -> Int {
        var hasher = Hasher()
        hasher.combine(values.count)
        for value in values {
            hasher.combine(value.name)
            hasher.combine(value.type)
            hasher.combine(value.data.count)
            value.data.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
        return hasher.finalize()
    }
}
