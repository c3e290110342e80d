import FoundationEssentials
import Hivex

/// Every key and value recovered from a hive's free space: what `hivetool deleted` reports.
/// The JSON form is documented in the README ("deleted JSON").
public struct DeletedReport: Codable, Hashable, Sendable {
    public var schemaVersion = JSONOutput.schemaVersion
    /// The build of hivetool that made the document.
    public var tool = ToolInfo()
    public var hive: HiveIdentity
    /// The KEY asked for (a case-insensitive path prefix), or nil for everything.
    @NullEncoded public var key: String?
    /// Transaction logs replayed in memory before the scan, in the order applied.
    public var appliedLogs: [String]
    /// Recovered keys, in file order, each with the values its value list still leads to.
    public var keys: [DeletedEntry]
    /// Recovered values no recovered key claims (`kind` `value`, no path), in file order.
    public var values: [DeletedEntry]
    public var counts: Counts
    /// Plain-language notes: logs applied, how hivex-deleted keys look.
    public var notes: [String]

    /// Totals of the report.
    public struct Counts: Codable, Hashable, Sendable {
        public var keys: Int
        /// Keys whose path reached the hive's root.
        public var keysWithCompletePath: Int
        /// Values listed under recovered keys.
        public var keyValues: Int
        /// Values found alone.
        public var values: Int
        /// Values (under keys or alone) whose data could not be read back.
        public var unrecoverableData: Int
    }

    /// Builds the report of `recovery` for the hive `identity`, keeping keys under `key` (every
    /// recovered key and value when nil; values found alone have no path and are left out then).
    public init(hive identity: HiveIdentity, recovery: FreeSpaceRecovery, key: String? = nil) {
        hive = identity
        self.key = key
        appliedLogs = recovery.appliedLogs
        let prefix = key.map(RegistryPath.components) ?? []
        keys = recovery.records.keys
            .filter { recovered in
                prefix.count <= recovered.pathComponents.count
                    && zip(prefix, recovered.pathComponents).allSatisfy { RegistryPath.namesEqual($0, $1) }
            }
            .map(DeletedEntry.init(key:))
        values = key == nil ? recovery.records.orphanValues.map(DeletedEntry.init(value:)) : []
        let keyValues = keys.flatMap(\.values)
        counts = Counts(keys: keys.count, keysWithCompletePath: keys.filter(\.pathComplete).count, keyValues: keyValues.count,
                        values: values.count,
                        unrecoverableData: (keyValues + values.flatMap(\.values)).filter { !$0.dataRecoverable }.count)
        var notes: [String] = []
        if !values.isEmpty {
            notes.append("values found alone may belong to keys deleted by hivex (hivetool's own edits), which detaches a key's values before freeing it")
        }
        self.notes = notes
    }

    /// Whether nothing was found.
    public var isEmpty: Bool { keys.isEmpty && values.isEmpty }
}

/// One recovered record: a key with its values, or a value found alone.
public struct DeletedEntry: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Hashable, Sendable {
        case key
        case value
    }

    public var kind: Kind
    /// The key's path as far as its parents resolve; nil for a value found alone.
    @NullEncoded public var path: String?
    /// Whether ``path`` runs from the hive's root (false for a partial path and for values).
    public var pathComplete: Bool
    public var name: String
    /// The key's last-written time; nil for values (they have none) and bad times.
    @NullEncoded public var lastWrite: Date?
    /// A key's recovered values; a value found alone lists itself.
    public var values: [DeletedValue]
    /// File offset of the record's cell.
    public var offset: Int
    public var source: RecoverySource
    /// Keys: the parent cell the record names, and how many values and subkeys it declared.
    @NullEncoded public var parentOffset: Int?
    @NullEncoded public var declaredValueCount: Int?
    @NullEncoded public var declaredSubkeyCount: Int?
    /// Keys: whether the value list was still intact (every declared value recovered).
    @NullEncoded public var valueListIntact: Bool?

    /// A recovered key.
    public init(key: KeyRecord) {
        kind = .key
        path = key.path
        pathComplete = key.pathComplete
        name = key.name
        lastWrite = key.lastWrite
        values = key.values.map(DeletedValue.init)
        offset = key.offset
        source = key.state
        parentOffset = key.parentOffset
        declaredValueCount = key.declaredValueCount
        declaredSubkeyCount = key.declaredSubkeyCount
        valueListIntact = key.valueListIntact
    }

    /// A value found alone.
    public init(value: ValueRecord) {
        kind = .value
        path = nil
        pathComplete = false
        name = value.name
        lastWrite = nil
        values = [DeletedValue(value)]
        offset = value.offset
        source = value.state
    }
}

/// A recovered value, its data decoded as `hivetool get` decodes it when the data survived.
public struct DeletedValue: Codable, Hashable, Sendable {
    public var name: String
    public var type: String
    /// The data size the record declares.
    public var size: Int
    /// Decoded data (see ``ValueDescription/Data``); null when binary, undecodable or not recoverable.
    public var data: ValueDescription.Data
    /// The raw bytes in hex; nil when the data could not be recovered.
    @NullEncoded public var hex: String?
    /// Why the data could not be decoded, when it was recovered but does not fit its type.
    @NullEncoded public var error: String?
    /// Whether the data could be read back intact.
    public var dataRecoverable: Bool
    public var offset: Int
    public var source: RecoverySource

    /// Describes `value`.
    public init(_ value: ValueRecord) {
        name = value.name
        type = ValueType(rawValue: value.type).name
        size = value.dataSize
        dataRecoverable = value.dataRecoverable
        offset = value.offset
        source = value.state
        if let bytes = value.data {
            let description = ValueDescription(RegistryValue(name: value.name, type: ValueType(rawValue: value.type), data: bytes))
            data = description.data
            hex = description.hex
            error = description.error
        } else {
            data = .none
        }
    }

    /// The name as shown in text: `(default)` for the unnamed value.
    public var displayName: String { name.isEmpty ? "(default)" : name }

    /// The data on one line, as `get` shows it in tables; `<data not recoverable>` when lost.
    public var summary: String {
        guard let hex else { return "<data not recoverable>" }
        return ValueDescription(name: name, type: type, size: size, data: data, hex: hex, error: error).summary
    }
}
