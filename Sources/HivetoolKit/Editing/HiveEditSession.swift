import FoundationEssentials
import Hivex

/// The handle given to an edit's closure: makes changes on the in-memory hive and records them,
/// with the keys whose last-write time becomes the edit time and what verification must expect.
public final class HiveEditSession {
    /// The writable in-memory hive. Changes made to it directly would bypass the record, so it is
    /// only read outside this type (by this module's planners). Throws once ``close()`` released it.
    var hive: Hive {
        get throws {
            guard let openHive else {
                throw HivetoolError(.editSessionClosed, path: path)
            }
            return openHive
        }
    }
    private var openHive: Hive?
    private let path: String
    public private(set) var changes: [EditChange] = []
    /// Keys whose last-write time becomes the edit time, with their paths as stored.
    private(set) var touched: [(key: HiveKey, path: String)] = []
    /// Paths (as stored) of keys created or deleted, and of value changes, for verification.
    private(set) var plan = TreeSnapshot.Plan()

    init(hive: Hive) {
        openHive = hive
        path = hive.path
    }

    /// Releases the in-memory hive once it is committed: the verification that follows needs only
    /// the record, and a large hive's copy in memory is freed.
    func close() { openHive = nil }

    var touchedKeys: [HiveKey] { touched.map(\.key) }
    var touchedPaths: Set<String> { Set(touched.map(\.path)) }

    /// Sets a value, creating nothing: the key must exist.
    public func setValue(_ value: RegistryValue, at keyPath: String) throws {
        let located = try hive.requireLocated(keyPath)
        let old = try hive.value(named: value.name, of: located.key)
        try keepOriginalValues(of: located)
        try hive.setValue(value, in: located.key)
        changes.append(EditChange(action: .setValue, key: RegistryPath.display(located.path), value: value.name,
                                  old: old.map(ValueDescription.init), new: ValueDescription(value)))
        touched.append((located.key, located.path))
        plan.setValues[located.path, default: []].append(value)
    }

    /// Deletes a value; the key and the value must exist.
    public func deleteValue(named name: String, at keyPath: String) throws {
        let located = try hive.requireLocated(keyPath)
        let old = try hive.value(named: name, of: located.key)
        try keepOriginalValues(of: located)
        try hive.deleteValue(named: name, in: located.key)
        changes.append(EditChange(action: .deleteValue, key: RegistryPath.display(located.path), value: old?.name ?? name,
                                  old: old.map(ValueDescription.init)))
        touched.append((located.key, located.path))
        plan.deletedValues[located.path, default: []].append(name)
    }

    /// Creates the key at `keyPath` and any missing parents; does nothing for parts that exist.
    public func createKey(at keyPath: String) throws {
        var current = try hive.root()
        var path = ""
        for component in RegistryPath.components(keyPath) {
            if let existing = try hive.child(named: component, of: current) {
                current = existing
                path = RegistryPath.appending(try hive.name(of: existing), to: path)
                continue
            }
            touched.append((current, path))
            current = try hive.addKey(named: component, under: current)
            path = RegistryPath.appending(component, to: path)
            touched.append((current, path))
            changes.append(EditChange(action: .createKey, key: path))
            plan.createdKeys.append(path)
        }
    }

    /// Deletes the key at `keyPath` and everything below it.
    public func deleteKey(at keyPath: String) throws {
        let located = try hive.requireLocated(keyPath)
        guard let parent = located.ancestors.last else {
            throw HivetoolError(.rootKeyDeletion, path: self.path, keyPath: "\\")
        }
        let path = located.path
        // Keys at or below the deleted one vanish with it: never stamp their freed cells.
        touched.removeAll { $0.path == path || $0.path.hasPrefix(path + "\\") }
        try hive.deleteKey(located.key)
        changes.append(EditChange(action: .deleteKey, key: RegistryPath.display(path)))
        touched.append((parent, RegistryPath.join(Array(RegistryPath.components(path).dropLast()))))
        plan.deletedKeys.append(path)
    }

    /// Keeps the key's values as they are before its first change, for the verification.
    private func keepOriginalValues(of located: LocatedKey) throws {
        if plan.originalValues[located.path] == nil { plan.originalValues[located.path] = try hive.values(of: located.key) }
    }
}
