import FoundationEssentials
import Hivex

/// Every key of a hive with its values and last-write time, to prove an edit changed only what it meant to.
struct TreeSnapshot {
    struct KeyState: Equatable {
        var path: String
        var values: [RegistryValue]
        var lastWrite: Date?
    }

    /// What an edit intends, in the terms of a snapshot (paths as stored in the hive).
    struct Plan {
        /// Key path -> values set (in order).
        var setValues: [String: [RegistryValue]] = [:]
        var deletedValues: [String: [String]] = [:]
        var createdKeys: [String] = []
        var deletedKeys: [String] = []
    }

    /// Keyed by the path as stored; a second key of the same path in a damaged hive gets a suffix.
    var keys: [String: KeyState] = [:]

    /// An empty snapshot (no keys), before anything is read.
    init() {}

    /// Reads every key of `hive`; a hive whose walk is incomplete (loops, unreadable lists) is refused.
    init(hive: Hive) throws {
        var keys: [String: KeyState] = [:]
        try Self.walk(hive) { id, entry in
            keys[id] = KeyState(path: entry.path, values: try hive.values(of: entry.key), lastWrite: try hive.lastWrite(of: entry.key))
        }
        self.keys = keys
    }

    /// Walks `hive` completely, giving each key a unique id (its path), or throws when the walk is
    /// incomplete or any key is damaged: a name, timestamp or value that cannot be read, a parent link
    /// that does not point to the key above it (a key that is its own parent, a parent chain that
    /// loops), the root's own name.
    static func walk(_ hive: Hive, _ visit: (String, Walk.Entry) throws -> Void) throws {
        var seen: Set<String> = []
        func damaged(_ entry: Walk.Entry, _ what: String) -> HiveError {
            HiveError(.corrupt, operation: "read the whole tree", path: hive.path, keyPath: RegistryPath.display(entry.path),
                      message: "hive is damaged and cannot be verified: \(RegistryPath.display(entry.path)): \(what)")
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
            } catch let error as HiveError where error.operation != "read the whole tree" {
                throw damaged(entry, error.message)
            }
        }
        if let stop = report.stops.first {
            throw HiveError(.corrupt, operation: "read the whole tree", path: hive.path,
                            message: "hive is damaged and cannot be verified: \(stop)")
        }
    }

    /// Applies `plan` to this snapshot: what the edited hive must hold.
    func applying(_ plan: Plan) -> TreeSnapshot {
        var result = self
        for path in plan.deletedKeys {
            result.keys = result.keys.filter { $0.key != path && !$0.key.hasPrefix(path + "\\") }
        }
        for path in plan.createdKeys {
            result.keys[path] = KeyState(path: path, values: [], lastWrite: nil)
        }
        for (id, names) in plan.deletedValues {
            for name in names { result.keys[id]?.values.removeAll { RegistryPath.namesEqual($0.name, name) } }
        }
        for (id, values) in plan.setValues {
            for value in values {
                guard var state = result.keys[id] else { continue }
                if let index = state.values.firstIndex(where: { RegistryPath.namesEqual($0.name, value.name) }) {
                    state.values[index] = value
                } else {
                    state.values.append(value)
                }
                result.keys[id] = state
            }
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
                if try actual.values(of: entry.key) != expected.values {
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
}
