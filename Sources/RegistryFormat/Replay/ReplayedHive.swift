/// A replayed hive file described, not copied: the primary's bytes, then the log pages and the new
/// base block written over them in order, in a file of ``length`` bytes (zeros past the primary).
/// Whoever needs the file writes the pieces where they go (``forEachPiece(_:)``: hivetool writes
/// them into the in-memory file hivex opens), so replay itself copies nothing.
public struct ReplayedHive: Sendable {
    /// One write over the primary: `bytes` at file offset `offset`.
    public struct Patch: Sendable {
        public var offset: Int
        public var bytes: HiveBytes
    }

    /// The primary file's bytes, the image's first layer.
    public let primary: HiveBytes
    /// The replayed file's length: at least the primary's.
    public internal(set) var length: Int
    /// The writes over the primary, in the order they apply (later ones win).
    public internal(set) var patches: [Patch] = []

    init(primary: HiveBytes) {
        self.primary = primary
        length = primary.count
    }

    /// Calls `body` with each piece of the file and its offset: the primary's bytes first, then every
    /// patch in order. Writing them in this order into a file of ``length`` zero bytes gives ``bytes``.
    public func forEachPiece(_ body: (_ offset: Int, _ bytes: UnsafeRawBufferPointer) throws -> Void) rethrows {
        try body(0, UnsafeRawBufferPointer(rebasing: primary.buffer[0..<min(primary.count, length)]))
        for patch in patches {
            try body(patch.offset, patch.bytes.buffer)
        }
    }

    /// The whole replayed file, copied into one array.
    public var bytes: [UInt8] {
        var file = [UInt8](repeating: 0, count: length)
        file.withUnsafeMutableBytes { target in
            forEachPiece { offset, piece in
                UnsafeMutableRawBufferPointer(rebasing: target[offset..<(offset + piece.count)]).copyMemory(from: piece)
            }
        }
        return file
    }
}
