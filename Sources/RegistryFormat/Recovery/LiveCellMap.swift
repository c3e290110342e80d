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
/// in the hive's size: a flag per 4-byte slot (used bytes) and per 8-byte position (referenced
/// cells), about 9 MB for a 200 MB hive.
///
/// The bytes of a referenced cell past its used part are slack, which may still hold an older record.
public struct LiveCellMap: Sendable {
    /// Granularity of ``overlapsLiveCell(_:)``, in bytes.
    static let slotLength = 4
    private let image: HiveImage
    /// Per 8-byte position: a referenced cell starts there.
    private var referenced: BitSet
    /// Per 4-byte slot: the used part of a referenced cell covers it.
    private var covered: BitSet
    /// Per 8-byte position: a referenced cell whose own record was not read yet (see ``settle(_:)``).
    private var unsettled: BitSet
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
        var marker = ReferenceMarker(image: image)
        var chainStarts = BitSet(capacity: image.bytes.count / Cell.alignment + 1)
        marker.markRoot()
        for bin in image.hiveBins {
            var position = bin.firstCellOffset
            while position < bin.endOffset, let cell = Cell(bytes: image.bytes, fileOffset: position, limit: bin.endOffset) {
                if cell.isAllocated { marker.markReferences(of: cell) }
                chainStarts.insert(position / Cell.alignment)
                position = cell.endOffset
            }
        }
        marker.markValuesOfReferencedKeys()
        referenced = marker.referenced
        covered = marker.covered
        unsettled = referenced.copy()
        hasStrayReferences = !referenced.isSubset(of: chainStarts)
    }

    /// Whether a referenced cell starts at `fileOffset`.
    public func isReferencedCell(at fileOffset: Int) -> Bool {
        fileOffset % Cell.alignment == 0 && referenced.contains(fileOffset / Cell.alignment)
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
        return covered.first(in: (range.lowerBound / LiveCellMap.slotLength)..<((range.upperBound - 1) / LiveCellMap.slotLength + 1)) != nil
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
        let position = cell.fileOffset / Cell.alignment
        let slot = cell.fileOffset / LiveCellMap.slotLength
        let cellEndSlot = (cell.endOffset + LiveCellMap.slotLength - 1) / LiveCellMap.slotLength
        // What a referrer said is used (a value list, data): covered from the cell's start.
        let marked = covered.contains(slot) ? covered.firstAbsent(from: slot, before: cellEndSlot) * LiveCellMap.slotLength : nil
        guard unsettled.contains(position) else { return min(cell.endOffset, marked ?? cell.endOffset) }
        unsettled.remove(position)
        let own = ReferenceMarker.recordEnd(in: cell, image: image)
        let usedEnd = min(cell.endOffset, max(own ?? 0, marked ?? 0, own == nil && marked == nil ? cell.endOffset : 0))
        covered.insert(slot..<((usedEnd + LiveCellMap.slotLength - 1) / LiveCellMap.slotLength))
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
            unsettled.remove(offset / Cell.alignment)
        }
    }
}
