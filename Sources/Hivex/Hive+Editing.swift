internal import CHivex
import FoundationEssentials
import Glibc

extension Hive {
    /// Adds a subkey called `name` under `parent` and returns it.
    ///
    /// The corresponding C function is `hivex_node_add_child`.
    /// - Throws: ``HiveError`` with kind `keyExists` when a subkey of that name (any case) exists.
    @discardableResult
    public func addKey(named name: String, under parent: HiveKey) throws -> HiveKey {
        try requireWritable("add key")
        guard !name.isEmpty, !name.contains("\\"), !name.contains("\0") else {
            throw HiveError(.invalidArgument, operation: "add key", path: path, keyPath: parent.description,
                            message: "invalid key name \"\(name)\": it must be non-empty, without backslash or NUL")
        }
        if try child(named: name, of: parent) != nil {
            throw HiveError(.keyExists, operation: "add key", path: path, keyPath: parent.description,
                            message: "subkey \"\(name)\" already exists")
        }
        chivex_set_errno(0)
        let node = hivex_node_add_child(handle, parent.offset, name)
        guard node != 0 else { throw error("add key", key: parent, detail: "subkey \"\(name)\"") }
        return HiveKey(offset: node)
    }

    /// Creates every missing key along `path` and returns the last one.
    @discardableResult
    public func addKeys(at path: String) throws -> HiveKey {
        var current = try root()
        for component in RegistryPath.components(path) {
            current = try child(named: component, of: current) ?? addKey(named: component, under: current)
        }
        return current
    }

    /// Deletes `key` and everything below it. The root cannot be deleted.
    ///
    /// The corresponding C function is `hivex_node_delete_child`.
    public func deleteKey(_ key: HiveKey) throws {
        try requireWritable("delete key")
        if key == (try root()) {
            throw HiveError(.invalidArgument, operation: "delete key", path: path, keyPath: "\\", message: "the root key cannot be deleted")
        }
        let keyPath = key.description
        chivex_set_errno(0)
        guard hivex_node_delete_child(handle, key.offset) == 0 else {
            throw error("delete key", keyPath: keyPath)
        }
    }

    /// Sets one value of `key` (replacing a value of the same name, any case, in place; else adding
    /// it last) and keeps every other value of the key byte-for-byte.
    ///
    /// hivex can only rewrite all of a key's values at once (`hivex_node_set_values`), and it would
    /// flatten a big-data record, so this refuses when any value involved is larger than
    /// ``bigDataThreshold`` bytes or has a name hivex cannot write back (one containing NUL), and it
    /// re-reads the key afterwards to prove the other values are unchanged.
    public func setValue(_ value: RegistryValue, in key: HiveKey) throws {
        try deleteOrSetValue(named: value.name, replacement: value, in: key, operation: "set value")
    }

    /// Replaces every value of `key` by `values`, in one write: for filling new keys. The same
    /// limits as ``setValue(_:in:)`` apply (no value over ``bigDataThreshold`` bytes, no NUL in names).
    public func replaceValues(_ values: [RegistryValue], of key: HiveKey) throws {
        try requireWritable("set values")
        for value in values where value.data.count > Hive.bigDataThreshold || value.name.contains("\0") {
            throw HiveError(.refused, operation: "set values", path: path, keyPath: key.description,
                            message: "refusing to write value \"\(value.name)\": over \(Hive.bigDataThreshold) bytes or a name with NUL")
        }
        try setAllValues(values, of: key, operation: "set values")
    }

    /// Deletes the value called `name` (any case) from `key`, keeping the others byte-for-byte.
    /// - Throws: ``HiveError`` with kind `valueNotFound` when there is no such value.
    public func deleteValue(named name: String, in key: HiveKey) throws {
        try deleteOrSetValue(named: name, replacement: nil, in: key, operation: "delete value")
    }

    private func deleteOrSetValue(named name: String, replacement: RegistryValue?, in key: HiveKey, operation: String) throws {
        try requireWritable(operation)
        let keyPath = key.description
        func refuse(_ message: String) -> HiveError {
            HiveError(.refused, operation: operation, path: path, keyPath: keyPath, message: message)
        }
        var values = try values(of: key)
        let index = values.firstIndex { RegistryPath.namesEqual($0.name, name) }
        switch (index, replacement) {
        case (let index?, let replacement?): values[index] = replacement
        case (nil, let replacement?): values.append(replacement)
        case (let index?, nil): values.remove(at: index)
        case (nil, nil):
            throw HiveError(.valueNotFound, operation: operation, path: path, keyPath: keyPath, message: "value \"\(name)\" not found")
        }
        for value in values {
            if value.data.count > Hive.bigDataThreshold {
                throw refuse("refusing to \(operation): value \"\(value.name)\" holds \(value.data.count) bytes (over \(Hive.bigDataThreshold)) and hivex would rewrite its big-data record as one flat cell")
            }
            if value.name.contains("\0") {
                throw refuse("refusing to \(operation): value name \"\(value.name.replacingEvery("\0", with: "\\0"))\" contains NUL, which hivex cannot write back")
            }
        }
        try setAllValues(values, of: key, operation: operation)
        let after = try self.values(of: key)
        guard after == values else {
            throw HiveError(.corrupt, operation: operation, path: path, keyPath: keyPath,
                            message: "after \(operation) the key's values differ from what was written; nothing was committed")
        }
    }

    /// Calls `hivex_node_set_values` with C copies of `values`, without the safety checks (tests use
    /// it to build hives with values hivetool would refuse to rewrite).
    func setAllValues(_ values: [RegistryValue], of key: HiveKey, operation: String) throws {
        var allocations: [UnsafeMutableRawPointer] = []
        defer { allocations.forEach { free($0) } }
        var entries: [hive_set_value] = []
        for value in values {
            guard let name = strdup(value.name), let data = malloc(max(value.data.count, 1)) else {
                throw HiveError(.ioError, operation: operation, path: path, message: "out of memory")
            }
            allocations += [UnsafeMutableRawPointer(name), data]
            value.data.withUnsafeBytes { bytes in
                if let base = bytes.baseAddress { data.copyMemory(from: base, byteCount: bytes.count) }
            }
            entries.append(hive_set_value(key: name, t: hive_type(value.type.rawValue), len: value.data.count,
                                          value: data.assumingMemoryBound(to: CChar.self)))
        }
        chivex_set_errno(0)
        let result = entries.withUnsafeBufferPointer { buffer in
            hivex_node_set_values(handle, key.offset, buffer.count, buffer.baseAddress, 0)
        }
        guard result == 0 else { throw error(operation, key: key) }
    }

    /// Writes the in-memory hive to a new file at `destination` (never in place).
    ///
    /// The corresponding C function is `hivex_commit`. hivex truncates and rewrites `destination`
    /// without syncing it; callers that replace a hive must write to a temporary file, sync it and
    /// rename it (see the safe-edit path of HivetoolKit).
    public func commit(to destination: String) throws {
        try requireWritable("commit")
        guard !destination.isEmpty else {
            throw HiveError(.invalidArgument, operation: "commit", path: path, message: "commit needs a destination file")
        }
        chivex_set_errno(0)
        guard hivex_commit(handle, destination, 0) == 0 else {
            var failure = Hive.hivexError(chivex_errno(), operation: "commit", path: destination)
            failure.message = "cannot write the edited hive: " + failure.message
            throw failure
        }
    }

    private func requireWritable(_ operation: String) throws {
        guard isWritable else {
            throw HiveError(.readOnly, operation: operation, path: path, message: "cannot \(operation): the hive was opened read-only")
        }
    }
}
