/// What replay needs to know about the primary hive file: whether its base block can be trusted and
/// whether it is dirty (specification, "Dirty state of a hive").
struct PrimaryHiveState {
    /// The primary's base block (its first sector is enough).
    var header: BaseBlock
    /// The checksum is right; otherwise the base block comes from a log.
    var baseBlockIsValid: Bool
    /// The timestamp an old-format log must match: the base block's, or the first hive bin's when the
    /// base block is invalid (as in yarp, which reads it from the bin header at 4096 + 20).
    var effectiveLastWrittenTicks: UInt64

    /// Dirty: a bad checksum or differing sequence numbers.
    var isDirty: Bool { !baseBlockIsValid || header.isDirty }

    /// Assesses `bytes`, the start of a primary hive of `fileSize` bytes (its base block and the
    /// first hive bin's header).
    /// - Throws: ``LogRejection`` when the bytes are not a primary hive at all (then nothing applies).
    init(bytes: [UInt8], fileSize: Int) throws(LogRejection) {
        guard let header = BaseBlock(headerSector: bytes, fileSize: UInt64(fileSize)) else {
            throw LogRejection("the primary file is not a registry hive (no 'regf' base block)")
        }
        // yarp trusts the file type even when the checksum is bad.
        guard header.fileType == .primary else {
            throw LogRejection("the primary file is a \(header.fileType), not a primary hive")
        }
        self.header = header
        baseBlockIsValid = header.checksumIsValid
        if baseBlockIsValid {
            effectiveLastWrittenTicks = bytes.uint64(at: BaseBlockLayout.lastWrittenTimestamp)
        } else {
            let bin = BaseBlock.size
            let hasBin = bytes.count >= bin + BaseBlockLayout.hiveBinTimestamp + 8
                && bytes[bin..<bin + 4].elementsEqual(BaseBlockLayout.hiveBinSignatureBytes)
            // No readable first bin: yarp would refuse the file; we let any old-format log match.
            effectiveLastWrittenTicks = hasBin ? bytes.uint64(at: bin + BaseBlockLayout.hiveBinTimestamp) : 0
        }
    }
}
