import FoundationEssentials
import Hivex

/// What `hivetool ls` and `hivetool get` report about one key.
public struct KeyListing: Codable, Hashable, Sendable {
    /// A subkey in a listing.
    public struct Subkey: Codable, Hashable, Sendable {
        public var name: String
        @NullEncoded public var lastWrite: Date?
        public var subkeyCount: Int
        public var valueCount: Int
    }

    public var schemaVersion = JSONOutput.schemaVersion
    /// The build of hivetool that made the document.
    public var tool = ToolInfo()
    public var hive: HiveIdentity
    /// The key's path from the root ("\" for the root).
    public var key: String
    @NullEncoded public var lastWrite: Date?
    public var subkeys: [Subkey]
    public var values: [ValueDescription]

    /// Lists the key at `keyPath` (the root when empty).
    /// - Parameters:
    ///   - hive: the open hive.
    ///   - keyPath: a backslash path below the root, any case.
    ///   - includeSubkeys: false for `get`, which shows values only.
    ///   - valueName: only this value (case-insensitive); throws `valueNotFound` when absent.
    public init(hive: Hive, keyPath: String, includeSubkeys: Bool = true, valueName: String? = nil) throws {
        guard let located = try hive.locate(keyPath) else {
            throw HivetoolError(.missingKey(creatable: false), path: hive.path, keyPath: RegistryPath.display(keyPath))
        }
        let key = located.key
        self.hive = try HiveIdentity(hive: hive)
        let path = located.path
        self.key = RegistryPath.display(path)
        lastWrite = try hive.lastWrite(of: key)
        subkeys = []
        if includeSubkeys {
            for child in try hive.children(of: key) {
                subkeys.append(Subkey(name: try hive.name(of: child), lastWrite: try hive.lastWrite(of: child),
                                      subkeyCount: try hive.children(of: child).count, valueCount: try hive.valueCount(of: child)))
            }
        }
        if let valueName {
            guard let value = try hive.value(named: valueName, of: key) else {
                throw HivetoolError(.missingValue(name: valueName), path: hive.path, keyPath: self.key)
            }
            values = [ValueDescription(value)]
        } else {
            values = try hive.values(of: key).map(ValueDescription.init)
        }
    }
}

extension KeyListing {
    /// The `ls` text form: the key, its subkeys, its values.
    public func writeListing(to output: inout some TextOutputStream) {
        output.write("\(key)  (last write \(Timestamp.text(lastWrite)))\n")
        output.write("Subkeys (\(subkeys.count)):\n")
        let nameWidth = min(40, subkeys.map(\.name.count).max() ?? 0)
        for subkey in subkeys {
            let name = subkey.name.padded(to: max(nameWidth, subkey.name.count))
            output.write("  \(name)  \(Timestamp.text(subkey.lastWrite))  \(subkey.subkeyCount) subkeys, \(subkey.valueCount) values\n")
        }
        writeValues(to: &output)
    }

    /// The `get` text form: one value's data alone, or every value as a table.
    public func writeValuesText(to output: inout some TextOutputStream, single: Bool) {
        if single, let value = values.first {
            output.write(value.plain + "\n")
        } else {
            output.write("\(key)  (last write \(Timestamp.text(lastWrite)))\n")
            writeValues(to: &output)
        }
    }

    private func writeValues(to output: inout some TextOutputStream) {
        output.write("Values (\(values.count)):\n")
        let nameWidth = min(40, values.map(\.displayName.count).max() ?? 0)
        let typeWidth = values.map(\.type.count).max() ?? 0
        for value in values {
            let name = value.displayName.padded(to: max(nameWidth, value.displayName.count))
            let type = value.type.padded(to: typeWidth)
            output.write("  \(name)  \(type)  \(value.summary)\n")
        }
    }
}
