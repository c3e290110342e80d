import FoundationEssentials

/// Recovers deleted keys and values from a hive's free space, the way yarp's `RegistryRecover`
/// does: every free cell, every allocated cell the live tree does not reference, the slack of
/// referenced cells (the bytes after the live record), and the slack no cell covers are searched
/// for `nk` and `vk` records at every 8-byte cell boundary (freed cells merge, so records also sit
/// inside a cell, not only at its start). Each candidate must pass ``RecordPlausibility``; a deleted
/// key's values are rebuilt through its value list, its path through its parents. Nothing inside
/// the used part of a referenced cell is ever reported or read as deleted data, so a live key or
/// value is never reported as deleted.
///
/// Paths: ``KeyRecord/pathComponents`` follow hivetool's convention (from below the root,
/// without the root's own name: `Software\Microsoft\...`). yarp's reference lists
/// (`hives/reference/*.deleted.tsv`) print the same thing: a complete path without the root's
/// name, or, when a parent no longer reads as a key node, the partial path from the oldest
/// ancestor that does (`0000\Channel0`); the two agree on every key of the shared hives.
///
/// Keys deleted by hivex (hivetool's own edits, `delete-profile`) come back with their paths, but
/// hivex zeroes a key's value count and value list before freeing it, so their values are found
/// as ``DeletedRecords/orphanValues`` rather than under the key. Windows leaves both fields intact.
///
/// Where this differs from yarp: values are not read from a value list or `vk` cell the live tree
/// now uses (yarp reads them naively and so can attribute a live key's values to a deleted key);
/// key times must fall between 1990 and a year from now (yarp: 1970–2100); records are looked for
/// at cell boundaries only (yarp: every 2 bytes).
///
/// The work is linear in the hive's size: each 8-byte position is looked at once, a record's
/// checks are bounded (names ≤ 1024 characters, ≤ 1000 values, ≤ 512 ancestors, keys sharing a
/// value list resolve it once, a per-scan budget of parent steps), and the data copied for values
/// is capped.
public enum FreeSpaceScanner {
    /// Scans the hive file `image` (all its bytes, base block included).
    /// - Throws: ``HiveImageError`` when the bytes have no usable base block or hive bins.
    public static func scan(image: [UInt8]) throws(HiveImageError) -> DeletedRecords {
        scan(try HiveImage(bytes: image))
    }

    /// Scans the hive image `bytes` (a mapped file, or the replayed image), without copying it.
    /// - Throws: ``HiveImageError`` when the bytes have no usable base block or hive bins.
    public static func scan(bytes: HiveBytes) throws(HiveImageError) -> DeletedRecords {
        scan(try HiveImage(bytes: bytes))
    }

    /// Scans an already parsed image. `latestLastWrite` is the latest plausible key time (a year
    /// from now by default).
    public static func scan(_ image: HiveImage,
                            latestLastWrite: Date = Date().addingTimeInterval(365 * 86_400)) -> DeletedRecords {
        scanKeepingLiveMap(image, latestLastWrite: latestLastWrite).records
    }

    /// ``scan(_:latestLastWrite:)``, also returning the live map the scan used, with the cells it
    /// passed over still unsettled: for checks that hold it to ``LiveCellMap/init(image:)``.
    package static func scanKeepingLiveMap(_ image: HiveImage, latestLastWrite: Date) -> (records: DeletedRecords, live: LiveCellMap) {
        var scan = FreeSpaceScan(image: image, live: LiveCellMap(referencesIn: image),
                                 plausibility: RecordPlausibility(latestLastWrite: latestLastWrite))
        scan.collectCandidates()
        return (scan.rebuild(), scan.live)
    }
}

/// One scan's state: the candidates found, then the records rebuilt from them.
struct FreeSpaceScan {
    /// A value list as a key node points at it.
    struct ValueListReference: Hashable {
        var index: UInt32
        var count: UInt32
    }

    struct Candidate<Record> {
        var record: Record
        var cellOffset: Int
        var source: CellState
    }

    let image: HiveImage
    var live: LiveCellMap
    let plausibility: RecordPlausibility
    var keyCandidates: [Candidate<KeyNode>] = []
    var valueCandidates: [Candidate<KeyValue>] = []

    init(image: HiveImage, live: LiveCellMap, plausibility: RecordPlausibility) {
        self.image = image
        self.live = live
        self.plausibility = plausibility
    }

    // MARK: - Step 1: find candidates

    /// The fewest bytes from a cell's start that can hold a record searched for (a cell header and a
    /// value record up to its name); shorter regions are not searched.
    static let shortestRecordSpan = Cell.headerLength + KeyValue.nameOffset

    /// Searches every region outside the live tree, in one pass over the cells that also settles
    /// the used part of each referenced cell it passes.
    mutating func collectCandidates() {
        let bytes = image.bytes
        var readAhead = ReadAhead(bytes)
        defer { readAhead.finish() }
        for (bin, chainEnd) in zip(image.hiveBins, live.chainEnds) {
            // The bin's header is never searched, but a corrupt reference may name a "cell" inside
            // it (its size field is then the bin's size, so it covers the bin's first cells): settle
            // it before the bin's cells are searched, as the scan settles strays in every region.
            live.settleStrayReferences(startingIn: bin.fileOffset..<bin.firstCellOffset)
            // The chain's cells in order, but those the live map lets the scan pass over.
            var next = bin.firstCellOffset
            while let offset = live.firstCellToVisit(in: next..<chainEnd),
                  let cell = Cell(bytes: bytes, fileOffset: offset, limit: bin.endOffset) {
                readAhead.advance(to: offset)
                next = cell.endOffset
                let usedEnd = live.isReferencedCell(at: cell.fileOffset) ? live.settle(cell) : nil
                if cell.isAllocated, let usedEnd {
                    // A reference into the middle of this cell (corrupt) may use bytes past its end.
                    live.settleStrayReferences(startingIn: cell.fileOffset..<cell.endOffset)
                    // The cell's slack: a remnant record's cell header may overlap the live bytes, the record may not.
                    let firstCell = LiveCellMap.slackStart(of: cell, usedEnd: usedEnd)
                    if cell.endOffset - firstCell >= Self.shortestRecordSpan {
                        searchOutsideLiveCells(max(cell.fileOffset, firstCell)..<cell.endOffset, source: .slack)
                    }
                    continue
                }
                searchOutsideLiveCells(cell.fileOffset..<cell.endOffset, source: cell.isAllocated ? .unreferencedCell : .freeCell)
            }
            if chainEnd < bin.endOffset { searchOutsideLiveCells(chainEnd..<bin.endOffset, source: .slack) }
        }
        // Remnant data after the last hive bin (a file longer than its bins).
        let tail = image.hiveBinsEnd
        if tail < image.bytes.count, (tail - BaseBlock.size) % Cell.alignment == 0 {
            searchOutsideLiveCells(tail..<image.bytes.count, source: .slack)
        }
        // Referenced cells off the chain (strays); the cells passed over are read when asked about.
        if live.hasStrayReferences { live.settleRemaining() }
    }

    /// Searches `region` after settling the referenced cells that start inside it (only a corrupt
    /// hive has any), so that nothing they use is taken for deleted data.
    private mutating func searchOutsideLiveCells(_ region: Range<Int>, source: CellState) {
        live.settleStrayReferences(startingIn: region)
        search(region, source: source)
    }

    /// Looks for records at each position of `region` where a cell could start (8-byte steps from
    /// its start); a record found is skipped over, so its name is not searched again.
    private mutating func search(_ region: Range<Int>, source: CellState) {
        let buffer = image.bytes.buffer
        let last = min(region.upperBound, buffer.count) - Self.shortestRecordSpan
        var cellOffset = region.lowerBound
        while cellOffset <= last {
            // "nk" and "vk" both end in "k": one byte rules out almost every position. Four
            // positions at a time while none has it (most of free space).
            cellOffset = Self.firstPossibleRecord(in: buffer, from: cellOffset, through: last)
            guard cellOffset <= last else { return }
            let record = cellOffset + Cell.headerLength
            guard buffer[record + 1] == KeyNode.signature.1 else {
                cellOffset += Cell.alignment
                continue
            }
            var end: Int?
            if buffer[record] == KeyNode.signature.0 {
                end = acceptKey(at: record, cellOffset: cellOffset, limit: region.upperBound, source: source)
            } else if buffer[record] == KeyValue.signature.0 {
                end = acceptValue(at: record, cellOffset: cellOffset, limit: region.upperBound, source: source)
            }
            if let end {
                // The next record may start where this one ends: its cell header sits 4 bytes before it.
                let nextCell = end - Cell.headerLength - cellOffset
                cellOffset += max(Cell.alignment, (nextCell + Cell.alignment - 1) / Cell.alignment * Cell.alignment)
            } else {
                cellOffset += Cell.alignment
            }
        }
    }

    /// The first cell position from `start` (in 8-byte steps, at most `last`) whose record's second
    /// byte is `k`, or a position past `last`; skips four positions per step.
    @inline(__always)
    static func firstPossibleRecord(in buffer: UnsafeRawBufferPointer, from start: Int, through last: Int) -> Int {
        let second = Cell.headerLength + 1, k = KeyNode.signature.1, step = Cell.alignment
        var position = start
        while position + 3 * step <= last {
            let hit = (buffer[position + second] == k) || (buffer[position + step + second] == k)
                || (buffer[position + 2 * step + second] == k) || (buffer[position + 3 * step + second] == k)
            if hit { return position }
            position += 4 * step
        }
        return position
    }

    private mutating func acceptKey(at record: Int, cellOffset: Int, limit: Int, source: CellState) -> Int? {
        guard let key = KeyNode(bytes: image.bytes, recordOffset: record, limit: limit, minorVersion: image.minorVersion),
              plausibility.isPlausible(key), !live.overlapsLiveCell(record..<key.endOffset)
        else { return nil }
        keyCandidates.append(Candidate(record: key, cellOffset: cellOffset, source: source))
        return key.endOffset
    }

    private mutating func acceptValue(at record: Int, cellOffset: Int, limit: Int, source: CellState) -> Int? {
        guard let value = KeyValue(bytes: image.bytes, recordOffset: record, limit: limit, minorVersion: image.minorVersion),
              plausibility.isPlausible(value), !live.overlapsLiveCell(record..<value.endOffset)
        else { return nil }
        valueCandidates.append(Candidate(record: value, cellOffset: cellOffset, source: source))
        return value.endOffset
    }

    // MARK: - Step 2: rebuild keys, their values and paths

    /// Turns the candidates into public records: keys with values and paths, then the values no key claims.
    func rebuild() -> DeletedRecords {
        var values = ValueRecordReader(image: image, live: live, plausibility: plausibility)
        var paths = DeletedKeyPathResolver(image: image)
        let sourceByValueOffset = Dictionary(valueCandidates.map { ($0.cellOffset, $0.source) }, uniquingKeysWith: { first, _ in first })
        var claimedValues: Set<Int> = []
        // Keys sharing a value list (old copies of one key, or garbage) are resolved once, so the
        // work stays linear: distinct lists of n entries need distinct cells of 4n bytes.
        var valuesByList: [ValueListReference: ([ValueRecord], Bool)] = [:]
        var keys: [KeyRecord] = []
        keys.reserveCapacity(keyCandidates.count)
        for candidate in keyCandidates {
            let key = candidate.record
            let (components, complete) = paths.path(of: key, cellOffset: candidate.cellOffset)
            let reference = ValueListReference(index: key.valueListIndex, count: key.valueCount)
            let (keyValues, intact): ([ValueRecord], Bool)
            if let known = valuesByList[reference] {
                (keyValues, intact) = known
            } else {
                (keyValues, intact) = rebuildValues(of: key, reader: &values, sources: sourceByValueOffset)
                valuesByList[reference] = (keyValues, intact)
            }
            claimedValues.formUnion(keyValues.map(\.offset))
            keys.append(KeyRecord(
                offset: candidate.cellOffset, name: key.name, lastWrite: FileTime.date(fromTicks: key.lastWrittenTicks),
                lastWriteTicks: key.lastWrittenTicks, pathComponents: components, pathComplete: complete,
                parentOffset: key.isHiveEntry ? nil : Cell.fileOffset(ofIndex: key.parentIndex),
                declaredSubkeyCount: Int(key.subkeyCount), declaredValueCount: Int(key.valueCount),
                valueListIntact: intact, values: keyValues, state: candidate.source))
        }
        var orphans: [ValueRecord] = []
        for candidate in valueCandidates where !claimedValues.contains(candidate.cellOffset) {
            orphans.append(values.record(candidate.record, cellOffset: candidate.cellOffset, state: candidate.source))
        }
        return DeletedRecords(keys: keys, orphanValues: orphans)
    }

    /// The values a deleted key's value list still leads to, and whether the list is wholly intact.
    private func rebuildValues(of key: KeyNode, reader: inout ValueRecordReader,
                               sources: [Int: CellState]) -> ([ValueRecord], Bool) {
        let count = Int(key.valueCount)
        guard count > 0 else { return ([], true) }
        guard let listCell = image.cell(atIndex: key.valueListIndex),
              let list = ValueList(bytes: image.bytes, recordOffset: listCell.dataOffset, count: count, limit: listCell.endOffset),
              !live.overlapsLiveCell(listCell.dataOffset..<(listCell.dataOffset + count * ValueList.elementLength))
        else { return ([], false) }
        var recovered: [ValueRecord] = []
        var seen: Set<Int> = []
        for index in list.elements {
            guard let cellOffset = Cell.fileOffset(ofIndex: index), index % UInt32(Cell.alignment) == 0,
                  seen.insert(cellOffset).inserted, let (value, cell) = reader.value(inCellAt: cellOffset)
            else { continue }
            let source = sources[cellOffset] ?? (cell.isAllocated ? .unreferencedCell : .freeCell)
            recovered.append(reader.record(value, cellOffset: cellOffset, state: source))
        }
        return (recovered, recovered.count == count)
    }
}
