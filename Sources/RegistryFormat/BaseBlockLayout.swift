/// Offsets and sizes inside a regf base block (msuhanov's specification, "Base block"), so that no
/// other code in this layer spells a base-block offset as a bare number.
package enum BaseBlockLayout {
    /// The `regf` signature (4 bytes).
    package static let signature = 0
    package static let signatureBytes: [UInt8] = Array("regf".utf8)
    /// Incremented when a write starts.
    package static let primarySequenceNumber = 4
    /// Incremented when a write ends; equal to the primary one in a clean hive.
    package static let secondarySequenceNumber = 8
    /// FILETIME of the last write.
    package static let lastWrittenTimestamp = 12
    package static let majorVersion = 20
    package static let minorVersion = 24
    /// 0 primary, 1 or 2 old-format log, 6 new-format log.
    package static let fileType = 28
    /// 1, "direct memory load".
    package static let fileFormat = 32
    /// Relative to the start of the hive bins data.
    package static let rootCellOffset = 36
    package static let hiveBinsDataSize = 40
    package static let clusteringFactor = 44
    /// UTF-16LE, 64 bytes.
    package static let fileName = 48
    package static let fileNameLength = 64
    /// Windows 10 flags; bit 0 is carried over from new-format log entries.
    package static let flags = 144
    /// XOR-32 checksum of the 508 bytes before it.
    package static let checksum = 508
    /// Number of dwords the checksum covers (508 / 4).
    package static let checksummedDwordCount = 127
    /// The part of the base block that is checksummed and copied into transaction logs: one sector.
    package static let headerSectorSize = 512
    /// File type of a primary hive.
    package static let primaryFileType: UInt32 = 0
    /// Offset of the `hbin` signature and the FILETIME inside a hive bin header (relative to the bin).
    package static let hiveBinSignatureBytes: [UInt8] = Array("hbin".utf8)
    package static let hiveBinTimestamp = 20
    /// Hive bins are multiples of this size; so is the hive bins data size.
    package static let hiveBinAlignment = 4096
}
