/// A key node (`nk`) record: one registry key.
///
/// Layout (offsets from the record's start, i.e. the cell data): msuhanov's "Windows registry file
/// format specification", section "Key node".
public struct KeyNode: Hashable, Sendable {
    /// The `nk` signature.
    public static let signature: (UInt8, UInt8) = (0x6E, 0x6B)
    /// Offset of the flags (UInt16).
    public static let flagsOffset = 2
    /// Offset of the last-written FILETIME (UInt64).
    public static let lastWrittenOffset = 4
    /// Offset of the parent key node's cell index (UInt32).
    public static let parentOffset = 16
    /// Offset of the number of (stable) subkeys (UInt32).
    public static let subkeyCountOffset = 20
    /// Offset of the number of volatile subkeys (UInt32).
    public static let volatileSubkeyCountOffset = 24
    /// Offset of the subkey list's cell index (UInt32).
    public static let subkeyListOffset = 28
    /// Offset of the number of values (UInt32).
    public static let valueCountOffset = 36
    /// Offset of the value list's cell index (UInt32).
    public static let valueListOffset = 40
    /// Offset of the key security (`sk`) cell index (UInt32).
    public static let securityOffset = 44
    /// Offset of the class name's cell index (UInt32).
    public static let classNameOffset = 48
    /// Offset of the key name's length in bytes (UInt16).
    public static let nameLengthOffset = 72
    /// Offset of the class name's length in bytes (UInt16).
    public static let classNameLengthOffset = 74
    /// Offset of the key name; also the length of the fixed part of the record.
    public static let nameOffset = 76

    /// Flag: the key is volatile (never stored in a file).
    public static let flagVolatile: UInt16 = 0x0001
    /// Flag: the key is the hive's root ("hive entry").
    public static let flagHiveEntry: UInt16 = 0x0004
    /// Flag: the name is stored one byte per character (Latin-1).
    public static let flagCompressedName: UInt16 = 0x0020
    /// Flag: the key is a predefined handle; its value count field means something else.
    public static let flagPredefinedHandle: UInt16 = 0x0040

    /// File offset of the record (the byte after the cell's size field).
    public let recordOffset: Int
    /// The key flags (``flagHiveEntry``, ``flagCompressedName``, ...).
    public let flags: UInt16
    /// The last-written time as raw FILETIME ticks.
    public let lastWrittenTicks: UInt64
    /// Cell index of the parent key node.
    public let parentIndex: UInt32
    /// Number of stable subkeys.
    public let subkeyCount: UInt32
    /// Number of volatile subkeys (those live in memory only; never in a file's lists).
    public let volatileSubkeyCount: UInt32
    /// Cell index of the subkey list (lf, lh, li or ri).
    public let subkeyListIndex: UInt32
    /// Number of values as stored (see ``valueCount`` for the effective one).
    public let storedValueCount: UInt32
    /// Cell index of the value list.
    public let valueListIndex: UInt32
    /// Cell index of the key security (`sk`) record.
    public let securityIndex: UInt32
    /// Cell index of the class name.
    public let classNameIndex: UInt32
    /// Length of the class name in bytes.
    public let classNameLength: UInt16
    /// Length of the stored name in bytes.
    public let nameLength: Int
    /// The decoded name (may contain NUL or U+FFFD when the bytes are damaged).
    public let name: String

    /// Whether this is the hive's root key.
    public var isHiveEntry: Bool { flags & KeyNode.flagHiveEntry != 0 }
    /// The number of values, 0 for a predefined-handle key (whose count field is not a count).
    public var valueCount: UInt32 { flags & KeyNode.flagPredefinedHandle != 0 ? 0 : storedValueCount }
    /// File offset just past the record's name.
    public var endOffset: Int { recordOffset + KeyNode.nameOffset + nameLength }

    /// Parses the record at `recordOffset`; nil unless the signature matches, the name is not empty
    /// and the record with its name ends at or before `limit`. `minorVersion` is the hive's (names
    /// are never compressed in version 1.1 hives).
    public init?(bytes: HiveBytes, recordOffset: Int, limit: Int, minorVersion: UInt32) {
        guard bytes.hasSignature(KeyNode.signature, at: recordOffset),
              recordOffset >= 0, limit <= bytes.count, recordOffset <= limit &- KeyNode.nameOffset,
              let nameLength = bytes.checkedUInt16(at: recordOffset + KeyNode.nameLengthOffset),
              nameLength > 0, Int(nameLength) <= limit - recordOffset - KeyNode.nameOffset
        else { return nil }
        let at = { (field: Int) in bytes.uint32(at: recordOffset + field) }
        self.recordOffset = recordOffset
        self.flags = bytes.uint16(at: recordOffset + KeyNode.flagsOffset)
        self.lastWrittenTicks = bytes.uint64(at: recordOffset + KeyNode.lastWrittenOffset)
        self.parentIndex = at(KeyNode.parentOffset)
        self.subkeyCount = at(KeyNode.subkeyCountOffset)
        self.volatileSubkeyCount = at(KeyNode.volatileSubkeyCountOffset)
        self.subkeyListIndex = at(KeyNode.subkeyListOffset)
        self.storedValueCount = at(KeyNode.valueCountOffset)
        self.valueListIndex = at(KeyNode.valueListOffset)
        self.securityIndex = at(KeyNode.securityOffset)
        self.classNameIndex = at(KeyNode.classNameOffset)
        self.classNameLength = bytes.uint16(at: recordOffset + KeyNode.classNameLengthOffset)
        self.nameLength = Int(nameLength)
        let nameStart = recordOffset + KeyNode.nameOffset
        let compressed = minorVersion > 1 && flags & KeyNode.flagCompressedName != 0
        self.name = RecordName.decode(bytes[nameStart..<(nameStart + Int(nameLength))], compressed: compressed)
    }
}
