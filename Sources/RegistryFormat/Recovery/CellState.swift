/// Where a cell, or a record read from one, comes from (notatin's `CellState`): the live tree, or one
/// of the places deleted data survives. Live and recovered records carry it alike; the free-space
/// scanner reports only the non-live states.
public enum CellState: String, Hashable, Sendable, Codable, CaseIterable {
    /// An allocated cell the live tree references: a live record (see ``LiveCellMap``).
    case allocated
    /// Inside a free cell (positive size): the usual place of a deleted record; adjacent freed
    /// cells merge, so the record may sit anywhere in the cell at an 8-byte cell boundary.
    case freeCell = "free-cell"
    /// Inside a cell still marked allocated that nothing in the live tree references.
    case unreferencedCell = "unreferenced-cell"
    /// In bytes no cell covers: after the last valid cell of a hive bin, after the last hive bin,
    /// or after the used part of a referenced cell.
    case slack
    /// In a page of a transaction log: data the primary file does not hold (yet).
    case logPage = "log-page"

    /// Whether the record is live (reachable in the hive as read).
    public var isLive: Bool { self == .allocated }
}

/// Where a recovered record was found: a ``CellState`` other than ``CellState/allocated``. The
/// former name of ``CellState``, kept for callers that name it.
public typealias RecoverySource = CellState
