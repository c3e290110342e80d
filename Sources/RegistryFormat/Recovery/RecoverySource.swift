/// Where in the hive a recovered record was found.
public enum RecoverySource: String, Hashable, Sendable, Codable, CaseIterable {
    /// Inside a free cell (positive size): the usual place of a deleted record; adjacent freed
    /// cells merge, so the record may sit anywhere in the cell at an 8-byte cell boundary.
    case freeCell = "free-cell"
    /// Inside a cell still marked allocated that nothing in the live tree references.
    case unreferencedCell = "unreferenced-cell"
    /// In bytes no cell covers: after the last valid cell of a hive bin, or after the last hive bin.
    case slack
}
