/// A key value (`vk`) record: one value's name, type and where its data is.
///
/// Layout (offsets from the record's start): msuhanov's "Windows registry file format
/// specification", section "Key value".
public struct KeyValue: Hashable, Sendable {
    /// The `vk` signature.
    public static let signature: (UInt8, UInt8) = (0x76, 0x6B)
    /// Offset of the name's length in bytes (UInt16).
    public static let nameLengthOffset = 2
    /// Offset of the data size (UInt32; the top bit means "data stored inline").
    public static let dataSizeOffset = 4
    /// Offset of the data's cell index, or of the data itself when inline (UInt32).
    public static let dataOffset = 8
    /// Offset of the value type (UInt32).
    public static let typeOffset = 12
    /// Offset of the flags (UInt16).
    public static let flagsOffset = 16
    /// Offset of the name; also the length of the fixed part of the record.
    public static let nameOffset = 20

    /// Flag: the name is stored one byte per character (Latin-1).
    public static let flagCompressedName: UInt16 = 0x0001
    /// Top bit of the data size: the data (at most 4 bytes) sits in the data offset field.
    public static let inlineDataBit: UInt32 = 0x8000_0000
    /// Most bytes inline data can hold.
    public static let maximumInlineDataSize = 4
    /// Data larger than this is stored as big data (`db`) in hives of version 1.4 and later.
    public static let bigDataThreshold = 16_344

    /// File offset of the record (the byte after the cell's size field).
    public let recordOffset: Int
    /// The data size field as stored (including the inline bit).
    public let storedDataSize: UInt32
    /// The data's cell index, or the inline data's bytes.
    public let dataIndex: UInt32
    /// The registry value type (REG_SZ is 1, REG_BINARY 3, ...).
    public let type: UInt32
    /// The value flags (``flagCompressedName``, ...).
    public let flags: UInt16
    /// Length of the stored name in bytes.
    public let nameLength: Int
    /// The decoded name; empty for the default value.
    public let name: String

    /// Whether the data is stored in the record itself.
    public var isDataInline: Bool { storedDataSize & KeyValue.inlineDataBit != 0 }
    /// The data's size in bytes (without the inline bit).
    public var dataSize: Int { Int(storedDataSize & ~KeyValue.inlineDataBit) }
    /// File offset just past the record's name.
    public var endOffset: Int { recordOffset + KeyValue.nameOffset + nameLength }
    /// The inline data (only meaningful when ``isDataInline``), cut to ``dataSize``.
    public var inlineData: [UInt8] {
        let all = (0..<4).map { UInt8(truncatingIfNeeded: dataIndex >> (8 * $0)) }
        return Array(all.prefix(min(dataSize, KeyValue.maximumInlineDataSize)))
    }

    /// Parses the record at `recordOffset`; nil unless the signature matches and the record with
    /// its name ends at or before `limit`.
    public init?(bytes: HiveBytes, recordOffset: Int, limit: Int, minorVersion: UInt32) {
        guard bytes.hasSignature(KeyValue.signature, at: recordOffset),
              recordOffset >= 0, limit <= bytes.count, recordOffset <= limit &- KeyValue.nameOffset,
              let nameLength = bytes.checkedUInt16(at: recordOffset + KeyValue.nameLengthOffset),
              Int(nameLength) <= limit - recordOffset - KeyValue.nameOffset
        else { return nil }
        self.recordOffset = recordOffset
        self.storedDataSize = bytes.uint32(at: recordOffset + KeyValue.dataSizeOffset)
        self.dataIndex = bytes.uint32(at: recordOffset + KeyValue.dataOffset)
        self.type = bytes.uint32(at: recordOffset + KeyValue.typeOffset)
        self.flags = bytes.uint16(at: recordOffset + KeyValue.flagsOffset)
        self.nameLength = Int(nameLength)
        let nameStart = recordOffset + KeyValue.nameOffset
        let compressed = minorVersion > 1 && flags & KeyValue.flagCompressedName != 0
        self.name = RecordName.decode(bytes[nameStart..<(nameStart + Int(nameLength))], compressed: compressed)
    }
}
