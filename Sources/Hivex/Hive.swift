internal import CHivex
import FoundationEssentials

/// An open registry hive file, read through hivex.
///
/// Opening is read-only by default: hivex then maps the file and never writes it. Before hivex sees
/// the file, hivetool parses the base block itself (see `BaseBlock` in RegistryFormat) and refuses files that are not
/// primary hives, so hivex's crash-prone paths are never reached with a log file or random bytes.
///
/// `Hive` owns the C handle and closes it in `deinit`. It is not `Sendable`: hivex handles are not
/// thread-safe, so use one `Hive` per thread.
public final class Hive {
    /// How to open a hive.
    public struct OpenOptions: OptionSet, Hashable, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// Load the hive for writing (`HIVEX_OPEN_WRITE`). Changes stay in memory until ``Hive/commit(to:)``.
        public static let writable = OpenOptions(rawValue: 1)
        /// hivex's unsafe mode (`HIVEX_OPEN_UNSAFE`): tolerate some corruption. Only for primary hives.
        public static let unsafe = OpenOptions(rawValue: 2)
        /// Read the primary file as it is, even when it is dirty and its transaction logs hold
        /// newer data (by default the logs are replayed in memory first, as Windows would).
        public static let ignoreLogs = OpenOptions(rawValue: 4)
    }

    /// Values larger than this are stored as big-data (`db`) records in version 1.4+ hives; hivex
    /// would flatten them when it rewrites a key's values, so hivetool refuses such rewrites.
    public static let bigDataThreshold = 16_344

    /// The file this hive was opened from.
    public let path: String
    /// The primary file's base block as parsed by hivetool when the hive was opened (before any
    /// log replay: it tells whether the file on disk is dirty).
    public var baseBlock: BaseBlock { image.baseBlock }
    /// What was done with the transaction logs beside the file; nil when there are none or
    /// ``OpenOptions/ignoreLogs`` was given. When logs were applied, everything read through this
    /// hive is the replayed hive, held in memory: the files on disk are never written.
    public var logReplay: LogReplayReport? { image.logReplay }
    public let options: OpenOptions

    let handle: OpaquePointer
    /// The file mapped, its base block checked and its logs replayed: what hivex opened.
    let image: HiveFileImage
    /// The primary file, mapped read-only once: the base block, the hash and log replay read it.
    var file: MappedFile { image.file }
    /// The replayed hive hivex opened, when logs were applied.
    var replayedImage: InMemoryHiveImage? { image.replayedImage }
    /// hivex's root node, read once at open (0 when the hive has none).
    let rootNode: Int
    /// What ``locate(_:)`` has found so far.
    let locateMemo = LocateMemo()
    /// What the `whenMapped` closure given to ``init(path:options:whenMapped:whenImageReady:)``
    /// returned: work started on the file's bytes before the hive was parsed (its hash, for instance).
    public let startedWhenMapped: (any Sendable)?
    /// What the `whenImageReady` closure given to ``init(path:options:whenMapped:whenImageReady:)``
    /// returned: work started on the image hivex reads before hivex parsed it (a search of its free
    /// space, for instance).
    public let startedWhenImageReady: (any Sendable)?

    /// Opens the hive at `path`.
    ///
    /// `whenMapped` is called with the primary file's bytes as soon as they are mapped, before the
    /// base block is checked, logs are replayed and hivex parses the hive: work it starts on another
    /// thread (the file's hash) then overlaps the open. What it returns is ``startedWhenMapped``.
    /// `whenImageReady` is called with the image hivex is about to parse (``bytes``: the replayed
    /// hive when logs were applied) and the paths of the logs applied, once the base block passed its
    /// checks; what it returns is ``startedWhenImageReady``.
    ///
    /// The corresponding C function is `hivex_open`.
    /// - Throws: ``HiveError`` when the file is missing, not a regular file, not a primary hive,
    ///   truncated, has a bad header checksum, or hivex rejects its structure.
    public init(path: String, options: OpenOptions = [], whenMapped: (HiveBytes) -> (any Sendable)? = { _ in nil },
                whenImageReady: (HiveBytes, [String]) -> (any Sendable)? = { _, _ in nil }) throws {
        var started: (any Sendable)?
        let image = try HiveFileImage(path: path, options: options) { started = whenMapped($0) }
        let startedOnImage = whenImageReady(image.bytes, image.logReplay?.applied.map(\.path) ?? [])
        var flags: Int32 = 0
        if options.contains(.writable) { flags |= HIVEX_OPEN_WRITE }
        if options.contains(.unsafe) { flags |= HIVEX_OPEN_UNSAFE }
        chivex_set_errno(0)
        guard let handle = hivex_open(image.hivexPath, flags) else {
            throw Hive.openError(chivex_errno(), path: path)
        }
        self.image = image
        self.startedWhenMapped = started
        self.startedWhenImageReady = startedOnImage
        self.handle = handle
        chivex_set_errno(0)
        self.rootNode = hivex_root(handle)
        self.path = path
        self.options = options
    }

    deinit { hivex_close(handle) }

    /// Whether the hive was opened with ``OpenOptions/writable``.
    public var isWritable: Bool { options.contains(.writable) }

    // MARK: - Navigation

    /// The root key. The corresponding C function is `hivex_root`.
    public func root() throws -> HiveKey {
        guard rootNode != 0 else { throw error("find the root key", keyPath: "", code: ENOKEY) }
        return HiveKey(offset: rootNode)
    }

    /// The key's own name, exactly as stored (NUL and non-ASCII characters survive).
    ///
    /// The corresponding C functions are `hivex_node_name_len` and `hivex_node_name`.
    public func name(of key: HiveKey) throws -> String {
        if let name = latin1Name(of: key) { return name }
        return try hivexName(of: key)
    }

    /// The key's name as hivex decodes it (``name(of:)`` reads most names without hivex).
    func hivexName(of key: HiveKey) throws -> String {
        chivex_set_errno(0)
        let length = hivex_node_name_len(handle, key.offset)
        if length == 0 && chivex_errno() != 0 { throw error("read key name", key: key) }
        chivex_set_errno(0)
        guard let raw = hivex_node_name(handle, key.offset) else { throw error("read key name", key: key) }
        defer { free(raw) }
        return Hive.utf8String(raw, length: length)
    }

    /// The key's last-write time. The corresponding C function is `hivex_node_timestamp`.
    public func lastWrite(of key: HiveKey) throws -> Date? {
        chivex_set_errno(0)
        let ticks = hivex_node_timestamp(handle, key.offset)
        if ticks < 0 { throw error("read key timestamp", key: key) }
        return FileTime.date(fromTicks: UInt64(ticks))
    }

    /// The key's subkeys in stored order. The corresponding C function is `hivex_node_children`.
    public func children(of key: HiveKey) throws -> [HiveKey] {
        chivex_set_errno(0)
        guard let list = hivex_node_children(handle, key.offset) else { throw error("list subkeys", key: key) }
        defer { free(list) }
        var result: [HiveKey] = []
        var index = 0
        while list[index] != 0 {
            result.append(HiveKey(offset: list[index]))
            index += 1
        }
        return result
    }

    /// The subkey called `name` (case-insensitive), or nil when `key` has no such subkey.
    ///
    /// A subkey whose name cannot be read, or a subkey list that lists `key` itself, cannot be ruled
    /// out: when no readable subkey matches and such damage was seen, this throws a
    /// ``HiveError/Kind/corrupt`` error instead of answering "absent".
    public func child(named name: String, of key: HiveKey) throws -> HiveKey? {
        try child(named: name, of: key, enclosing: [key])
    }

    /// Like ``child(named:of:)``, also treating a subkey that is one of `enclosing` (the keys above
    /// it) as damage: a looping subkey list.
    func child(named name: String, of key: HiveKey, enclosing: [HiveKey]) throws -> HiveKey? {
        var damage: String?
        // An ASCII name (almost every name asked for) is compared with Latin-1 names in the image.
        let ascii: [UInt8]? = name.utf8.allSatisfy { $0 < 0x80 } ? Array(name.utf8) : nil
        let image = ascii == nil ? nil : latin1NameImage
        for child in try children(of: key) {
            if enclosing.contains(child) {
                damage = damage ?? "its subkey list loops back to an enclosing key"
            }
            if let ascii, let image, let range = latin1NameRange(of: child, in: image) {
                if Self.latin1Name(image[range], equalsASCII: ascii) { return child }
                continue
            }
            let childName: String
            do {
                childName = try self.name(of: child)
            } catch let error as HiveError {
                damage = damage ?? "the name of subkey \(child) cannot be read (\(error.message))"
                continue
            }
            if RegistryPath.namesEqual(childName, name) { return child }
        }
        if let damage {
            throw HiveError(.corrupt, operation: "find subkey", path: path, keyPath: nil,
                            message: "hive is corrupt: cannot tell whether subkey \"\(name)\" exists: \(damage)")
        }
        return nil
    }

    /// The key at a backslash path below the root (case-insensitive), or nil when any part is missing.
    public func key(at path: String) throws -> HiveKey? {
        try locate(path)?.key
    }

    /// The key at `path`, or a ``HiveError/Kind/keyNotFound`` error.
    public func requireKey(at path: String) throws -> HiveKey {
        try requireLocated(path).key
    }

    /// The located key at `path` (see ``locate(_:)``), or a ``HiveError/Kind/keyNotFound`` error.
    public func requireLocated(_ path: String) throws -> LocatedKey {
        guard let located = try locate(path) else {
            throw HiveError(.keyNotFound, operation: "find key", path: self.path, keyPath: RegistryPath.display(path), message: "key not found")
        }
        return located
    }

    /// The key's parent, or nil for the root. The corresponding C function is `hivex_node_parent`.
    public func parent(of key: HiveKey) throws -> HiveKey? {
        if key == (try root()) { return nil }
        chivex_set_errno(0)
        let node = hivex_node_parent(handle, key.offset)
        guard node != 0 else { throw error("find parent key", key: key) }
        return HiveKey(offset: node)
    }

    /// The key's path from the root, built from its parents (at most 512 levels).
    public func path(of key: HiveKey) throws -> String {
        var names: [String] = []
        var current = key
        var seen: Set<HiveKey> = []
        while let parent = try parent(of: current) {
            guard seen.insert(current).inserted, names.count < Walk.defaultMaxDepth else {
                throw HiveError(.corrupt, operation: "find key path", path: path, keyPath: key.description,
                                message: "hive is corrupt: the parent chain of \(key) loops")
            }
            names.append(try name(of: current))
            current = parent
        }
        return RegistryPath.join(names.reversed())
    }

    // MARK: - Values

    /// All values of the key in stored order, with their raw data.
    ///
    /// The corresponding C functions are `hivex_node_values` and `hivex_value_value`.
    public func values(of key: HiveKey) throws -> [RegistryValue] {
        try valueHandles(of: key).map { try value(handle: $0, key: key) }
    }

    /// The value called `name` (case-insensitive; "" is the default value), or nil.
    public func value(named name: String, of key: HiveKey) throws -> RegistryValue? {
        for valueHandle in try valueHandles(of: key) where RegistryPath.namesEqual(try valueName(valueHandle, key: key), name) {
            return try value(handle: valueHandle, key: key)
        }
        return nil
    }

    /// The number of values of a key without reading their data.
    public func valueCount(of key: HiveKey) throws -> Int {
        try valueHandles(of: key).count
    }

    func valueHandles(of key: HiveKey) throws -> [Int] {
        chivex_set_errno(0)
        guard let list = hivex_node_values(handle, key.offset) else { throw error("list values", key: key) }
        defer { free(list) }
        var result: [Int] = []
        var index = 0
        while list[index] != 0 {
            result.append(list[index])
            index += 1
        }
        return result
    }

    func valueName(_ valueHandle: Int, key: HiveKey) throws -> String {
        chivex_set_errno(0)
        let length = hivex_value_key_len(handle, valueHandle)
        if length == 0 && chivex_errno() != 0 { throw error("read value name", key: key) }
        chivex_set_errno(0)
        guard let raw = hivex_value_key(handle, valueHandle) else { throw error("read value name", key: key) }
        defer { free(raw) }
        return Hive.utf8String(raw, length: length)
    }

    func value(handle valueHandle: Int, key: HiveKey) throws -> RegistryValue {
        let name = try valueName(valueHandle, key: key)
        var type = hive_type(0)
        var length = 0
        chivex_set_errno(0)
        guard let raw = hivex_value_value(handle, valueHandle, &type, &length) else {
            throw error("read value data", key: key, detail: "value \"\(name)\"")
        }
        defer { free(raw) }
        let data = raw.withMemoryRebound(to: UInt8.self, capacity: max(length, 1)) { Array(UnsafeBufferPointer(start: $0, count: length)) }
        return RegistryValue(name: name, type: ValueType(rawValue: type.rawValue), data: data)
    }
}
