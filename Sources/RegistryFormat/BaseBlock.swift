import FoundationEssentials

/// The 4096-byte header ("base block") of a regf file, parsed by hivetool itself before hivex sees
/// the file, so that logs, truncated files and dirty hives are recognised without trusting hivex.
///
/// Layout: msuhanov's "Windows registry file format specification", section "Base block".
public struct BaseBlock: Hashable, Sendable {
    /// Size of the base block in bytes; hive bins start at this offset.
    public static let size = 4096

    /// What the file type field says the file is.
    public enum FileType: Hashable, Sendable, CustomStringConvertible {
        case primary
        case oldFormatLog(UInt32)
        case newFormatLog
        case unknown(UInt32)

        init(rawValue: UInt32) {
            switch rawValue {
            case 0: self = .primary
            case 1, 2: self = .oldFormatLog(rawValue)
            case 6: self = .newFormatLog
            default: self = .unknown(rawValue)
            }
        }

        /// The number stored in the base block.
        public var rawValue: UInt32 {
            switch self {
            case .primary: 0
            case .oldFormatLog(let value): value
            case .newFormatLog: 6
            case .unknown(let value): value
            }
        }

        public var description: String {
            switch self {
            case .primary: "primary"
            case .oldFormatLog: "transaction log (old format)"
            case .newFormatLog: "transaction log (new format)"
            case .unknown(let value): "unknown (\(value))"
            }
        }

        /// Whether the file is a transaction log rather than a hive.
        public var isLog: Bool {
            switch self {
            case .oldFormatLog, .newFormatLog: true
            default: false
            }
        }
    }

    public var primarySequenceNumber: UInt32
    public var secondarySequenceNumber: UInt32
    /// The header's last-written time (FILETIME at offset 12); nil when zero or out of range.
    public var lastWritten: Date?
    public var majorVersion: UInt32
    public var minorVersion: UInt32
    public var fileType: FileType
    /// The format field (1 means "direct memory load").
    public var format: UInt32
    /// Offset of the root key's cell, relative to the first hive bin.
    public var rootCellOffset: UInt32
    /// Size in bytes of all hive bins, as the header claims.
    public var hiveBinsDataSize: UInt32
    public var clusteringFactor: UInt32
    /// The embedded file name (UTF-16LE, up to 32 characters; often the tail of the original path).
    public var embeddedFileName: String
    public var storedChecksum: UInt32
    public var computedChecksum: UInt32
    /// Size of the whole file the base block was read from.
    public var fileSize: UInt64

    /// A hive is dirty when its sequence numbers differ: a write was interrupted or its data still
    /// sits in a transaction log.
    public var isDirty: Bool { primarySequenceNumber != secondarySequenceNumber }

    public var checksumIsValid: Bool { storedChecksum == computedChecksum }

    /// The header claims more hive-bin data than the file holds.
    public var isTruncated: Bool { UInt64(BaseBlock.size) + UInt64(hiveBinsDataSize) > fileSize }

    /// "1.3", "1.5", ...
    public var version: String { "\(majorVersion).\(minorVersion)" }

    /// Why the base block is unusable, if it is; nil means it describes a plausible primary hive.
    public var problem: String? {
        if fileType.isLog { return "is a \(fileType), not a primary hive" }
        if case .unknown = fileType { return "has an unknown file type \(fileType.rawValue), not a primary hive" }
        if majorVersion != 1 { return "has unsupported format version \(version)" }
        if isTruncated {
            return "is truncated: the header claims \(hiveBinsDataSize) bytes of hive bins, the file holds \(max(0, Int64(fileSize) - Int64(BaseBlock.size)))"
        }
        if hiveBinsDataSize == 0 || hiveBinsDataSize % 4096 != 0 {
            return "has an invalid hive bins size \(hiveBinsDataSize)"
        }
        if !checksumIsValid {
            return "has a bad base block checksum (stored 0x\(HexText.padded(storedChecksum, digits: 8)), computed 0x\(HexText.padded(computedChecksum, digits: 8)))"
        }
        return nil
    }

    /// Parses the first 4096 bytes of a file of `fileSize` bytes.
    /// - Returns: nil when the bytes do not start with the `regf` signature or are fewer than 4096.
    public init?(bytes: [UInt8], fileSize: UInt64) {
        guard bytes.count >= BaseBlock.size else { return nil }
        self.init(headerSector: bytes, fileSize: fileSize)
    }

    /// Parses only the first 512 bytes of a base block (the checksummed sector), which is all a
    /// transaction log holds of it; every field this type reads lies in that sector.
    /// - Returns: nil when the bytes do not start with `regf` or are fewer than 512.
    public init?(headerSector bytes: [UInt8], fileSize: UInt64) {
        typealias Layout = BaseBlockLayout
        guard bytes.count >= Layout.headerSectorSize,
              bytes[Layout.signature..<Layout.signature + 4].elementsEqual(Layout.signatureBytes) else { return nil }
        primarySequenceNumber = bytes.uint32(at: Layout.primarySequenceNumber)
        secondarySequenceNumber = bytes.uint32(at: Layout.secondarySequenceNumber)
        lastWritten = FileTime.date(fromTicks: bytes.uint64(at: Layout.lastWrittenTimestamp))
        majorVersion = bytes.uint32(at: Layout.majorVersion)
        minorVersion = bytes.uint32(at: Layout.minorVersion)
        fileType = FileType(rawValue: bytes.uint32(at: Layout.fileType))
        format = bytes.uint32(at: Layout.fileFormat)
        rootCellOffset = bytes.uint32(at: Layout.rootCellOffset)
        hiveBinsDataSize = bytes.uint32(at: Layout.hiveBinsDataSize)
        clusteringFactor = bytes.uint32(at: Layout.clusteringFactor)
        embeddedFileName = UTF16LE.decode(bytes[Layout.fileName..<Layout.fileName + Layout.fileNameLength])
        storedChecksum = bytes.uint32(at: Layout.checksum)
        computedChecksum = BaseBlock.checksum(of: bytes)
        self.fileSize = fileSize
    }

    /// The base block checksum: XOR of the first 127 little-endian dwords, with 0 and 0xFFFFFFFF remapped.
    /// `bytes` must hold at least 508 bytes; fewer yield 0, which is never a valid checksum.
    public static func checksum(of bytes: [UInt8]) -> UInt32 {
        guard bytes.count >= BaseBlockLayout.checksum else { return 0 }
        var sum: UInt32 = 0
        for index in 0..<BaseBlockLayout.checksummedDwordCount { sum ^= bytes.uint32(at: index * 4) }
        if sum == 0xFFFF_FFFF { return 0xFFFF_FFFE }
        if sum == 0 { return 1 }
        return sum
    }
}
