/// A replayed hive file described, not copied: the primary's bytes, then the log pages and the new
/// base block written over them in order, in a file of ``length`` bytes (zeros past the primary).
/// Whoever needs the file writes the pieces where they go (``forEachPiece(_:)``: hivetool writes
/// them into the in-memory file hivex opens), so replay itself copies nothing.
public struct ReplayedHive: Sendable {
    /// One write over the primary: `bytes` at file offset `offset`.
    public struct Patch: Sendable {
        public var offset: Int
        public var bytes: HiveBytes
        /// The file range it writes.
        var range: Range<Int> { offset..<offset + bytes.count }
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

    /// Calls `body` with each piece of the file and its offset, so that writing them in this order
    /// into a file of ``length`` zero bytes gives ``bytes``: the primary's bytes that no patch
    /// replaces (in offset order), then the patches in order, each range only the last time it is
    /// written (Windows rewrites the same page in entry after entry). A byte is so written once,
    /// unless patches overlap without covering the same range.
    public func forEachPiece(_ body: (_ offset: Int, _ bytes: UnsafeRawBufferPointer) throws -> Void) rethrows {
        let final = finalPatches
        let primaryEnd = min(primary.count, length)
        var next = 0  // the first primary byte not yet written or replaced
        for range in final.map(\.range).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            guard next < primaryEnd else { break }
            let end = min(range.lowerBound, primaryEnd)
            if next < end { try body(next, UnsafeRawBufferPointer(rebasing: primary.buffer[next..<end])) }
            next = max(next, range.upperBound)
        }
        if next < primaryEnd { try body(next, UnsafeRawBufferPointer(rebasing: primary.buffer[next..<primaryEnd])) }
        for patch in final {
            try body(patch.offset, patch.bytes.buffer)
        }
    }

    /// Calls `body` with each patch in order, without those a later patch of the same range replaces:
    /// what to write over a file that already holds the primary's bytes.
    public func forEachPatch(_ body: (_ offset: Int, _ bytes: UnsafeRawBufferPointer) throws -> Void) rethrows {
        for patch in finalPatches { try body(patch.offset, patch.bytes.buffer) }
    }

    /// The non-empty patches in order, without those a later patch of the same range replaces.
    private var finalPatches: [Patch] {
        var lastIndex: [Range<Int>: Int] = [:]
        for (index, patch) in patches.enumerated() { lastIndex[patch.range] = index }
        return patches.indices.compactMap { index in
            let patch = patches[index]
            return patch.bytes.count > 0 && lastIndex[patch.range] == index ? patch : nil
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
