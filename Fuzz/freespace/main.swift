// libFuzzer harness: RegistryFormat's cell records and free-space scanner (deleted keys and values).
//
// The input is a whole hive file, read in place (a HiveBytes over libFuzzer's buffer, as a mapped
// hive is read: no copy). FreeSpaceScanner.scan runs over it (with a fixed latest key time,
// so a run does not depend on the clock), then the harness checks the scanner's contract: every
// recovered key and value lies inside the input, paths stay within 512 ancestors plus the key,
// recovered data never exceeds its declared size, children/subtree queries terminate, and the live
// map the scan used (most live cells passed over unsettled) answers as the fully settled one. It also
// walks every hive bin's cells, reads the records at a few input-chosen offsets, and walks the live
// tree strictly (LiveKeyReader.walkStrictly, what edits are verified with).
//
// Built and run by scripts/fuzz (target `freespace`); see FUZZING.md.
import Foundation
import RegistryFormat

/// 2030-01-01: later than any seed's key times, and the same on every run.
let latestLastWrite = Date(timeIntervalSince1970: 1_893_456_000)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = HiveBytes(buffer: UnsafeRawBufferPointer(start: data, count: size), owner: nil)
    guard let image = try? HiveImage(bytes: bytes) else { return 0 }

    // The cell layer on its own.
    var cellCount = 0
    for bin in image.hiveBins {
        let (cells, chainEnd) = image.cells(in: bin)
        precondition(chainEnd <= bin.endOffset && bin.endOffset <= size, "a cell chain leaves its bin or the file")
        for cell in cells {
            precondition(cell.fileOffset >= bin.firstCellOffset && cell.endOffset <= bin.endOffset, "a cell leaves its bin")
            cellCount += 1
            if cellCount <= 256 {
                _ = image.keyNode(inCellAt: cell.fileOffset)
                _ = image.keyValue(inCellAt: cell.fileOffset)
            }
        }
    }
    for probe in 0..<min(16, size / 8) {
        let offset = Int(bytes[probe * 8]) << 8 | probe
        _ = image.cell(atIndex: UInt32(truncatingIfNeeded: offset * 8))
        _ = image.keyNode(inCellAt: BaseBlock.size + 32 + offset * 8)
    }
    _ = image.keyNode(inCellAt: image.rootCellOffset)

    // The strict walk an edit is verified with: it ends (no key twice, none deeper than 512 levels),
    // reads only inside the input, and stops only with LiveTreeDamage.
    var walked = Set<Int>()
    do {
        try LiveKeyReader(image: image).walkStrictly { key in
            precondition(walked.insert(key.offset).inserted, "the strict walk visited a key twice")
            precondition(key.offset >= BaseBlock.size && key.offset < size, "a walked key lies outside the input")
            precondition(key.pathComponents.count <= LiveKeyReader.maximumDepth, "the strict walk went deeper than 512 levels")
            check(key.values, size: size)
        }
    } catch is LiveTreeDamage {
    } catch {
        preconditionFailure("the strict walk threw \(error)")
    }

    // The scanner and its contract.
    let (records, scanLive) = FreeSpaceScanner.scanKeepingLiveMap(image, latestLastWrite: latestLastWrite)
    let live = LiveCellMap(image: image)
    // The map the scan used, which passed over most live cells unsettled, answers as the map that
    // settled them all: at input-chosen ranges, and at every recovered record.
    func agree(_ range: Range<Int>) {
        precondition(scanLive.overlapsLiveCell(range) == live.overlapsLiveCell(range),
                     "the scan's live map and the settled one disagree at \(range)")
    }
    for probe in 0..<min(512, size / 4) {
        let start = (Int(bytes[probe * 4 % size]) << 16 | Int(bytes[(probe * 4 + 1) % size]) << 8 | probe) % size
        agree(start..<(start + 1 + probe % 97))
    }
    for key in records.keys { agree(key.offset..<(key.offset + Cell.headerLength + KeyNode.nameOffset)) }
    for value in records.orphanValues { agree(value.offset..<(value.offset + Cell.headerLength + KeyValue.nameOffset)) }
    for key in records.keys {
        precondition(key.offset >= BaseBlock.size && key.offset < size, "a recovered key lies outside the input")
        precondition(!live.overlapsLiveCell((key.offset + Cell.headerLength)..<(key.offset + Cell.headerLength + KeyNode.nameOffset)),
                     "a recovered key overlaps the used part of a referenced cell")
        precondition(key.pathComponents.count <= 513, "a recovered path is longer than 512 ancestors")
        check(key.values, size: size)
    }
    check(records.orphanValues, size: size)
    // Each query is linear in the keys found (subtree indexes them all per call), so a few suffice:
    // the first keys and the last, whose parent fields the mutations point anywhere.
    for key in records.keys.prefix(4) + records.keys.suffix(1) {
        _ = records.children(of: key.offset)
        _ = records.subtree(at: key.offset)
    }
    return 0
}

func check(_ values: [ValueRecord], size: Int) {
    for value in values {
        precondition(value.offset >= BaseBlock.size && value.offset < size, "a recovered value lies outside the input")
        if let data = value.data {
            precondition(data.count <= max(value.dataSize, 0) || !value.dataRecoverable, "recovered data is longer than declared")
            precondition(data.count <= size, "recovered data is larger than the input")
        }
    }
}
