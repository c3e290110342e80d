/// A cell: the allocation unit inside a hive bin. A signed 32-bit size (negative while allocated,
/// positive once freed) followed by the cell's data; sizes are multiples of 8.
///
/// Layout: msuhanov's "Windows registry file format specification", section "Cell".
public struct Cell: Hashable, Sendable {
    /// Length of the size field; the cell's data (a record) starts right after it.
    public static let headerLength = 4
    /// Cells are aligned to, and sized in multiples of, this many bytes (hive format 1.2 and later).
    public static let alignment = 8
    /// A cell index meaning "no cell".
    public static let nilOffset: UInt32 = 0xFFFF_FFFF

    /// File offset of the cell's size field.
    public let fileOffset: Int
    /// The cell's length in bytes, header included (the absolute value of the size field).
    public let length: Int
    /// Whether the size field is negative (the cell is in use, or was left allocated).
    public let isAllocated: Bool

    /// File offset of the cell's data (its record).
    public var dataOffset: Int { fileOffset + Cell.headerLength }
    /// Number of data bytes in the cell.
    public var dataLength: Int { length - Cell.headerLength }
    /// File offset just past the cell.
    public var endOffset: Int { fileOffset + length }

    /// Parses the size field at `fileOffset`; nil unless the size is a non-zero multiple of 8 and the
    /// whole cell ends at or before `limit`.
    @inline(__always)
    public init?(bytes: HiveBytes, fileOffset: Int, limit: Int) {
        guard let raw = bytes.checkedInt32(at: fileOffset) else { return nil }
        let magnitude = raw.magnitude
        guard magnitude >= UInt32(Cell.alignment), magnitude % UInt32(Cell.alignment) == 0,
              Int(magnitude) <= limit &- fileOffset else { return nil }
        self.fileOffset = fileOffset
        self.length = Int(magnitude)
        self.isAllocated = raw < 0
    }

    /// The cell a cell index (relative to the first hive bin) points at in the hive file `bytes`;
    /// nil for the nil index, an unaligned index, one before the first cell or an invalid cell.
    @inline(__always)
    static func atIndex(_ index: UInt32, in bytes: HiveBytes) -> Cell? {
        guard let fileOffset = fileOffset(ofIndex: index), fileOffset % alignment == 0,
              fileOffset >= BaseBlock.size + HiveBinHeader.length else { return nil }
        return Cell(bytes: bytes, fileOffset: fileOffset, limit: bytes.count)
    }

    /// File offset of the cell a cell index (an offset relative to the first hive bin) points at,
    /// or nil for the nil index.
    @inline(__always)
    public static func fileOffset(ofIndex index: UInt32) -> Int? {
        index == nilOffset ? nil : Int(index) + BaseBlock.size
    }
}
