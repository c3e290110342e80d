/// Which bytes of a hive belong to its live tree, learnt in one linear pass over the hive bins (no
/// walk of the tree: hivex walks it): every allocated key node, subkey list and key value states the
/// cells it references, and a referenced cell's used part is its own record (a key node or value up
/// to its name, a list up to its last element) or what its referrer says (a value list's entries, a
/// value's data, a class name, big data's segments).
///
/// A cell counts as referenced when an allocated record names it, and a value when a referenced key
/// lists it: the subkeys, security and class name of a leaked (allocated but unreachable) key count
/// as live, the key itself and its values do not.
/// Every offset is read bounds-checked, so corrupt bytes cannot make it trap, and the work is linear
/// in the hive's size: a flag per 4-byte slot (used bytes) and four per 8-byte position (referenced,
/// unsettled, a chain cell, a cell to visit), about 15 MB for a 200 MB hive.
///
/// The bytes of a referenced cell past its used part are slack, which may still hold an older record.
///
/// The free-space scan settles only the referenced cells it must visit: most live cells hold a
/// record that fills them (no slack to search), and in a hive without stray references their used
/// part is read only when ``overlapsLiveCell(_:)`` is asked about their bytes. The answers are those
/// of the map settled all at once (``init(image:)``); `LiveCellMapTests` and the `freespace` fuzz
/// target hold them to it.
public struct LiveCellMap: Sendable {
    /// Granularity of ``overlapsLiveCell(_:)``, in bytes.
    static let slotLength = 4

    /// The 8-byte cell position of `fileOffset` (not negative): a shift, where `/` would also
    /// handle negative numbers, at each of a big hive's millions of cells.
    @inline(__always)
    static func position(_ fileOffset: Int) -> Int { fileOffset >> 3 }

    /// The 4-byte slot of `fileOffset` (not negative).
    @inline(__always)
    static func slot(_ fileOffset: Int) -> Int { fileOffset >> 2 }

    /// The first slot at or after `fileOffset` (not negative).
    @inline(__always)
    static func slot(roundingUp fileOffset: Int) -> Int { (fileOffset + 3) >> 2 }

    private let image: HiveImage
    /// The image's bytes (held apart: the hot paths then do not copy the image's fields).
    private let bytes: HiveBytes
    /// Per 8-byte position: a referenced cell starts there.
    private var referenced: BitSet
    /// Per 4-byte slot: the used part of a referenced cell covers it.
    private var covered: BitSet
    /// Per 8-byte position: a referenced cell whose own record was not read yet (see ``settle(_:)``).
    private var unsettled: BitSet
    /// Per 8-byte position: a cell of the hive bins' chain starts there.
    private let chainStarts: BitSet
    /// Per 8-byte position: a chain cell the free-space scan must visit. In a hive without stray
    /// references that is every chain cell but the referenced ones, at most ``longestSkippedCell``
    /// long, whose own record leaves too little slack to hold a record (most key nodes, values and
    /// subkey lists): those are passed over unsettled, and ``overlapsLiveCell(_:)`` reads their
    /// used part when asked about it.
    private let cellsToVisit: BitSet
    /// For each hive bin of the image, in order: the file offset where its chain of cells ends (its
    /// end, or the start of slack no cell covers).
    let chainEnds: [Int]
    /// The longest cell the scan may pass over unsettled, so that ``overlapsLiveCell(_:)`` looks for
    /// such cells only this far before a range.
    static let longestSkippedCell = 1024
    /// Whether some reference points elsewhere than at the start of a cell of the bins' chain (a
    /// corrupt hive): only then must a region be checked for referenced cells starting inside it.
    let hasStrayReferences: Bool

    /// Reads the references of every allocated record of `image`, then the used part of every
    /// referenced cell.
    public init(image: HiveImage) {
        self.init(referencesIn: image)
        settleRemaining()
    }

    /// The references only: each referenced cell's own record is read by ``settle(_:)`` (the
    /// free-space scan does it as it passes the cell) or ``settleRemaining()``.
    init(referencesIn image: HiveImage) {
        self.image = image
        let bytes = image.bytes
        self.bytes = bytes
        var marker = ReferenceMarker(image: image)
        var chainStarts = BitSet(capacity: Self.position(bytes.count) + 1)
        var tightCells = BitSet(capacity: Self.position(bytes.count) + 1)
        var chainEnds: [Int] = []
        chainEnds.reserveCapacity(image.hiveBins.count)
        marker.markRoot()
        var readAhead = ReadAhead(bytes, from: image.hiveBins.first?.fileOffset ?? 0)
        for bin in image.hiveBins {
            var position = bin.firstCellOffset
            while position < bin.endOffset, let cell = Cell(bytes: bytes, fileOffset: position, limit: bin.endOffset) {
                readAhead.advance(to: position)
                if cell.isAllocated, let own = marker.markReferences(of: cell), cell.length <= Self.longestSkippedCell,
                   Self.slackStart(of: cell, usedEnd: own) + FreeSpaceScan.shortestRecordSpan > cell.endOffset {
                    tightCells.insert(Self.position(position))
                }
                chainStarts.insert(Self.position(position))
                position = cell.endOffset
            }
            chainEnds.append(position)
        }
        marker.markValuesOfReferencedKeys()
        readAhead.finish()
        referenced = marker.referenced
        covered = marker.covered
        unsettled = referenced.copy()
        hasStrayReferences = !referenced.isSubset(of: chainStarts)
        if hasStrayReferences {
            cellsToVisit = chainStarts
        } else {
            tightCells.formMembers(of: chainStarts, notAlsoIn: referenced)
            cellsToVisit = tightCells
        }
        self.chainStarts = chainStarts
        self.chainEnds = chainEnds
    }

    /// The file offset of the first chain cell the free-space scan must visit in `range`, or nil.
    @inline(__always)
    func firstCellToVisit(in range: Range<Int>) -> Int? {
        cellsToVisit.first(in: Self.position(range.lowerBound + Cell.alignment - 1)..<Self.position(range.upperBound + Cell.alignment - 1))
            .map { $0 << 3 }
    }

    /// Where the slack of `cell` is searched from when `usedEnd` bytes of it are used: the first
    /// 8-byte boundary from which a remnant record would lie past the used bytes (its cell header
    /// may overlap them, the record may not). `usedEnd` is at least 4 bytes into the cell.
    @inline(__always)
    static func slackStart(of cell: Cell, usedEnd: Int) -> Int {
        cell.fileOffset + ((usedEnd - Cell.headerLength - cell.fileOffset + Cell.alignment - 1) & ~(Cell.alignment - 1))
    }

    /// Whether a referenced cell starts at `fileOffset`.
    @inline(__always)
    public func isReferencedCell(at fileOffset: Int) -> Bool {
        fileOffset % Cell.alignment == 0 && referenced.contains(fileOffset >> 3)
    }

    /// Where `cell` (a cell of the hive bins' chain) comes from: ``CellState/allocated`` when
    /// allocated and referenced, ``CellState/unreferencedCell`` or ``CellState/freeCell`` otherwise.
    public func state(of cell: Cell) -> CellState {
        guard cell.isAllocated else { return .freeCell }
        return isReferencedCell(at: cell.fileOffset) ? .allocated : .unreferencedCell
    }

    /// Whether any byte of `range` lies in the used part of a referenced cell (its header included),
    /// to within 4 bytes: a slot counts as used when any of its bytes is.
    public func overlapsLiveCell(_ range: Range<Int>) -> Bool {
        guard !range.isEmpty, range.lowerBound >= 0 else { return false }
        let slots = Self.slot(range.lowerBound)..<(Self.slot(range.upperBound - 1) + 1)
        if covered.first(in: slots) != nil { return true }
        return overlapsSkippedCell(slots)
    }

    /// Whether a referenced cell the scan passed over unsettled (see ``cellsToVisit``) uses any slot
    /// of `slots`: such a cell is at most ``longestSkippedCell`` long, so only the chain
    /// cells starting that far before the slots, or among them, are read.
    private func overlapsSkippedCell(_ slots: Range<Int>) -> Bool {
        guard !hasStrayReferences else { return false }
        let firstStart = max(0, (slots.lowerBound << 2) - Self.longestSkippedCell - Cell.alignment)
        let starts = Self.position(firstStart + Cell.alignment - 1)..<(Self.position((slots.upperBound << 2) - 1) + 1)
        var position = starts.lowerBound
        while let member = chainStarts.first(in: position..<starts.upperBound) {
            position = member + 1
            guard !cellsToVisit.contains(member), unsettled.contains(member),
                  let cell = Cell(bytes: bytes, fileOffset: member << 3, limit: bytes.count),
                  let own = ReferenceMarker.recordEnd(in: cell, bytes: bytes)
            else { continue }
            if Self.slot(cell.fileOffset) < slots.upperBound, slots.lowerBound < Self.slot(roundingUp: own) { return true }
        }
        return false
    }

    /// Number of referenced chain cells the free-space scan passes over unsettled (see
    /// ``cellsToVisit``): none in a hive with stray references.
    var cellsPassedOver: Int {
        var count = 0, position = 0
        while let member = chainStarts.first(in: position..<chainStarts.capacity) {
            if !cellsToVisit.contains(member) { count += 1 }
            position = member + 1
        }
        return count
    }

    /// File offsets of the cells of the live key nodes: the referenced cells that hold one (what
    /// hivex calls node handles).
    public var liveKeyOffsets: Set<Int> {
        var offsets: Set<Int> = []
        var position = 0
        while let member = referenced.first(in: position..<referenced.capacity) {
            let offset = member * Cell.alignment
            if image.keyNode(inCellAt: offset) != nil { offsets.insert(offset) }
            position = member + 1
        }
        return offsets
    }

    // MARK: - Settling used parts

    /// Reads the record of the referenced `cell` for its used part, marks it live and returns the
    /// file offset where the used part ends (the cell's slack starts there).
    @discardableResult
    mutating func settle(_ cell: Cell) -> Int {
        let position = Self.position(cell.fileOffset)
        let slot = Self.slot(cell.fileOffset)
        // What a referrer said is used (a value list, data): covered from the cell's start.
        let marked = covered.contains(slot) ? covered.firstAbsent(from: slot, before: Self.slot(roundingUp: cell.endOffset)) << 2 : nil
        guard unsettled.contains(position) else { return min(cell.endOffset, marked ?? cell.endOffset) }
        unsettled.remove(position)
        let usedEnd: Int
        switch (ReferenceMarker.recordEnd(in: cell, bytes: bytes), marked) {
        case (let own?, let marked?): usedEnd = min(cell.endOffset, max(own, marked))
        case (let own?, nil): usedEnd = own
        case (nil, let marked?): usedEnd = min(cell.endOffset, marked)
        case (nil, nil): usedEnd = cell.endOffset
        }
        covered.insert(slot..<Self.slot(roundingUp: usedEnd))
        return usedEnd
    }

    /// Settles the referenced cells that start inside `range` (a region about to be searched that
    /// a referenced cell should not start in: a reference into the middle of a cell, in a corrupt hive).
    mutating func settleReferences(startingIn range: Range<Int>) {
        var position = (range.lowerBound + Cell.alignment - 1) / Cell.alignment
        let end = (range.upperBound + Cell.alignment - 1) / Cell.alignment
        while let member = unsettled.first(in: position..<end) {
            settle(offset: member * Cell.alignment)
            position = member + 1
        }
    }

    /// ``settleReferences(startingIn:)`` when the hive has stray references, else nothing: every
    /// referenced cell then starts a cell of the chain, and the scan settles it as it passes.
    mutating func settleStrayReferences(startingIn range: Range<Int>) {
        if hasStrayReferences { settleReferences(startingIn: range) }
    }

    /// Settles every referenced cell not settled yet.
    mutating func settleRemaining() {
        settleReferences(startingIn: 0..<image.bytes.count)
    }

    private mutating func settle(offset: Int) {
        if let cell = image.cell(atFileOffset: offset) {
            settle(cell)
        } else {
            unsettled.remove(Self.position(offset))
        }
    }
}
