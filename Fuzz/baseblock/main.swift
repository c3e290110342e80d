// libFuzzer harness: RegistryFormat's base block parser on arbitrary bytes.
// Built and run by scripts/fuzz (target `baseblock`); see FUZZING.md.
import Foundation
import RegistryFormat

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    // BaseBlock.read hands the parser the first 4096 bytes and the file's size; do the same (plus
    // 8 bytes for a second, input-chosen size), so a 64 KiB input costs no more than a 4 KiB one.
    let bytes = Array(UnsafeBufferPointer(start: data, count: min(size, BaseBlock.size + 8)))
    // The file size the parser is told: the input's own size, and a size taken from the input
    // (capped at 2^62: real files cannot be larger and the cap keeps Int64 conversions honest).
    var sizes: [UInt64] = [UInt64(size)]
    if size >= BaseBlock.size + 8 {
        sizes.append(bytes.uint64(at: BaseBlock.size) & ((1 << 62) - 1))
    }
    for fileSize in sizes {
        if let block = BaseBlock(bytes: bytes, fileSize: fileSize) { consume(block) }
        // A transaction log's 512-byte copy of the header sector.
        if let block = BaseBlock(headerSector: Array(bytes.prefix(512)), fileSize: fileSize) { consume(block) }
    }
    // The helpers the base block uses, on the same bytes.
    consume(UTF16LE.decode(bytes.prefix(130)))
    consume(UTF16LE.codeUnits(bytes.prefix(131)).count)
    if size >= 8 { consume(FileTime.date(fromTicks: bytes.uint64(at: 0))) }
    consume(BaseBlock.checksum(of: bytes))  // documented for any length (0 below 508 bytes)
    consume(Marvin32.hash(Array(bytes.prefix(512))))
    return 0
}

/// Reads everything a report would read, so nothing is optimised away.
func consume(_ block: BaseBlock) {
    consume(block.problem)
    consume(block.isDirty)
    consume(block.isTruncated)
    consume(block.checksumIsValid)
    consume(block.version)
    consume(block.fileType.description)
    consume(block.fileType.isLog)
    consume(block.fileType.rawValue)
    consume(block.lastWritten)
    consume(block.embeddedFileName)
    if let date = block.lastWritten { consume(FileTime.ticks(from: date)) }
}

@inline(never)
func consume<T>(_ value: T) {
    withExtendedLifetime(value) {}
}
