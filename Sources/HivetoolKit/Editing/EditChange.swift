import Foundation
import Hivex

/// One change an edit makes, as printed and journaled.
public struct EditChange: Codable, Hashable, Sendable {
    public enum Action: String, Codable, Hashable, Sendable {
        case setValue = "set-value"
        case deleteValue = "delete-value"
        case createKey = "create-key"
        case deleteKey = "delete-key"
        /// The whole file is replaced (restore).
        case replaceFile = "replace-file"
    }

    public var action: Action
    /// The key path ("\" for the root).
    public var key: String
    /// The value name, for value changes.
    @NullEncoded public var value: String?
    @NullEncoded public var old: ValueDescription?
    @NullEncoded public var new: ValueDescription?

    public init(action: Action, key: String, value: String? = nil, old: ValueDescription? = nil, new: ValueDescription? = nil) {
        self.action = action
        self.key = key
        self.value = value
        self.old = old
        self.new = new
    }

    /// One line for people: `set-value Key\Value: 3 (REG_DWORD) -> 1 (REG_DWORD)`.
    public var summary: String {
        switch action {
        case .setValue:
            let before = old.map { "\($0.summary) (\($0.type))" } ?? "(absent)"
            let after = new.map { "\($0.summary) (\($0.type))" } ?? "(absent)"
            return "set \(key)\\\(value ?? ""): \(before) -> \(after)"
        case .deleteValue: return "delete value \(key)\\\(value ?? "")" + (old.map { " (was \($0.summary))" } ?? "")
        case .createKey: return "create key \(key)"
        case .deleteKey: return "delete key \(key) and everything below it"
        case .replaceFile: return "replace the whole hive"
        }
    }
}

/// The handle given to an edit's closure: makes changes on the in-memory hive and records them.
public final class HiveEditSession {
    public let hive: Hive
    public private(set) var changes: [EditChange] = []
    /// Keys whose last-write time becomes the edit time.
    private(set) var touchedKeys: [HiveKey] = []
    /// Paths (as stored) of keys created or deleted, and of value changes, for verification.
    private(set) var plan = TreeSnapshot.Plan()

    init(hive: Hive) { self.hive = hive }

    /// Sets a value, creating nothing: the key must exist.
    public func setValue(_ value: RegistryValue, at keyPath: String) throws {
        let key = try hive.requireKey(at: keyPath)
        let path = try hive.path(of: key)
        let old = try hive.value(named: value.name, of: key)
        try hive.setValue(value, in: key)
        changes.append(EditChange(action: .setValue, key: KeyPath.display(path), value: value.name,
                                  old: old.map(ValueDescription.init), new: ValueDescription(value)))
        touchedKeys.append(key)
        plan.setValues[path, default: []].append(value)
    }

    /// Deletes a value; the key and the value must exist.
    public func deleteValue(named name: String, at keyPath: String) throws {
        let key = try hive.requireKey(at: keyPath)
        let path = try hive.path(of: key)
        let old = try hive.value(named: name, of: key)
        try hive.deleteValue(named: name, in: key)
        changes.append(EditChange(action: .deleteValue, key: KeyPath.display(path), value: old?.name ?? name, old: old.map(ValueDescription.init)))
        touchedKeys.append(key)
        plan.deletedValues[path, default: []].append(name)
    }

    /// Creates the key at `keyPath` and any missing parents; does nothing for parts that exist.
    public func createKey(at keyPath: String) throws {
        var current = try hive.root()
        var path = ""
        for component in KeyPath.components(keyPath) {
            if let existing = try hive.child(named: component, of: current) {
                current = existing
                path = KeyPath.appending(try hive.name(of: existing), to: path)
                continue
            }
            touchedKeys.append(current)
            current = try hive.addKey(named: component, under: current)
            path = KeyPath.appending(component, to: path)
            touchedKeys.append(current)
            changes.append(EditChange(action: .createKey, key: path))
            plan.createdKeys.append(path)
        }
    }

    /// Deletes the key at `keyPath` and everything below it.
    public func deleteKey(at keyPath: String) throws {
        let key = try hive.requireKey(at: keyPath)
        let path = try hive.path(of: key)
        guard let parent = try hive.parent(of: key) else {
            throw HiveError(.invalidArgument, operation: "delete key", path: hive.path, keyPath: "\\", message: "the root key cannot be deleted")
        }
        // Keys at or below the deleted one vanish with it: never stamp their freed cells.
        touchedKeys.removeAll { touched in
            guard let touchedPath = try? hive.path(of: touched) else { return true }
            return touchedPath == path || touchedPath.hasPrefix(path + "\\")
        }
        try hive.deleteKey(key)
        changes.append(EditChange(action: .deleteKey, key: path))
        touchedKeys.append(parent)
        plan.deletedKeys.append(path)
    }
}
