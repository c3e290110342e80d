import Synchronization

/// Loads the cache lines ahead of a forward walk over a hive's bytes while the walk works on earlier
/// ones. A walk of the cells reads each cell's size to find the next cell, so each of its loads waits
/// for the one before: on a hive larger than the caches most of them miss, one at a time. Loads of
/// the bytes a fixed distance ahead depend on nothing, so the processor keeps many in flight, and the
/// walk then finds its bytes in the cache.
struct ReadAhead {
    /// How far ahead of the walk lines are loaded.
    static let distance = 4096
    /// Length of a cache line.
    static let lineLength = 64

    private let buffer: UnsafeRawBufferPointer
    /// The next byte to load.
    private var next: Int
    /// The wrapping sum of the bytes loaded, for ``finish()``.
    private(set) var checksum: UInt8 = 0
    /// Where ``finish()`` stores what the loads read: a store the compiler must keep, so it keeps
    /// the loads.
    private static let loaded = Atomic<UInt8>(0)

    init(_ bytes: HiveBytes, from start: Int = 0) {
        buffer = bytes.buffer
        next = min(max(start, 0), bytes.count)
    }

    /// Ends the walk: keeps what was loaded, so that the loads are not optimised away.
    func finish() {
        Self.loaded.store(checksum, ordering: .relaxed)
    }

    /// Loads the lines up to ``distance`` bytes past `position`, the walk's position.
    @inline(__always)
    mutating func advance(to position: Int) {
        let target = min(position &+ Self.distance, buffer.count)
        var next = max(self.next, position)
        var checksum = self.checksum
        while next < target {
            checksum &+= buffer[next]
            next &+= Self.lineLength
        }
        self.next = next
        self.checksum = checksum
    }

    /// Loads the line of the byte at `offset` (ignored when outside the bytes), for walks that know
    /// where they will read next but do not read it in order.
    @inline(__always)
    mutating func touch(_ offset: Int) {
        if UInt(bitPattern: offset) < UInt(bitPattern: buffer.count) { checksum &+= buffer[offset] }
    }
}
