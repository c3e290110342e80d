import Foundation
import Hivex

/// Every key of a hive with its values and last-write time, to prove an edit changed only what it meant to.
struct TreeSnapshot {
    struct KeyState: Equatable {
        var path: String
        var values: [RegistryValue]
        var lastWrite: Date?
    }

    /// What an edit intends, in the terms of a snapshot.
    struct Plan {
        /// Upper-cased key path -> values set (in order).
        var setValues: [String: [RegistryValue]] = [:]
        var deletedValues: [String: [String]] = [:]
        var createdKeys: [String] = []
        var deletedKeys: [String] = []
    }

    /// Keyed by the upper-cased path.
    var keys: [String: KeyState] = [:]

    /// Reads every key of `hive`; a hive whose walk is incomplete (loops, unreadable lists) is refused.
    init(hive: Hive) throws {
        let report = try hive.walk { entry in
            var id = entry.path.uppercased()
            while keys[id] != nil { id += "\u{0}#" }  // duplicate names in a damaged hive stay distinct
            keys[id] = KeyState(path: entry.path, values: try hive.values(of: entry.key), lastWrite: try hive.lastWrite(of: entry.key))
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
            let id = path.uppercased()
            result.keys = result.keys.filter { $0.key != id && !$0.key.hasPrefix(id + "\\") }
        }
        for path in plan.createdKeys {
            result.keys[path.uppercased()] = KeyState(path: path, values: [], lastWrite: nil)
        }
        for (id, names) in plan.deletedValues {
            for name in names { result.keys[id]?.values.removeAll { KeyPath.namesEqual($0.name, name) } }
        }
        for (id, values) in plan.setValues {
            for value in values {
                guard var state = result.keys[id] else { continue }
                if let index = state.values.firstIndex(where: { KeyPath.namesEqual($0.name, value.name) }) {
                    state.values[index] = value
                } else {
                    state.values.append(value)
                }
                result.keys[id] = state
            }
        }
        return result
    }

    /// The first difference between this (expected) snapshot and `actual`, ignoring the last-write
    /// times of `touched` keys, which must instead equal `editTime`.
    func firstDifference(from actual: TreeSnapshot, touched: Set<String>, editTime: Date) -> String? {
        for (id, expected) in keys.sorted(by: { $0.key < $1.key }) {
            guard let found = actual.keys[id] else { return "key \(KeyPath.display(expected.path)) is missing" }
            if found.values != expected.values { return "the values of \(KeyPath.display(expected.path)) differ" }
            if touched.contains(id) {
                guard let time = found.lastWrite, abs(time.timeIntervalSince(editTime)) < 0.001 else {
                    return "the last-write time of \(KeyPath.display(expected.path)) was not set to the edit time"
                }
            } else if found.lastWrite != expected.lastWrite {
                return "the last-write time of \(KeyPath.display(expected.path)) changed"
            }
        }
        if let extra = actual.keys.keys.first(where: { keys[$0] == nil }) {
            return "unexpected key \(KeyPath.display(actual.keys[extra]?.path ?? extra))"
        }
        return nil
    }
}
