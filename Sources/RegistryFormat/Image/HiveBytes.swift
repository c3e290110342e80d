/// Read-only bytes of a hive image, wherever they live: a mapped file (``MappedFile``), an
/// in-memory replayed image, or a copy of an array. Every parser of this module reads through it,
/// so one mapping of a hive serves the base block, the hash, log replay and the free-space scanner
/// without copying the file.
///
/// The bytes stay valid as long as any copy of this value exists: it keeps their owner alive.
/// Reads never trap on offsets outside the bytes when made through the `checked` functions.
public struct HiveBytes: @unchecked Sendable {
    /// The bytes. Valid while this value (or a copy) lives; never written through.
    public let buffer: UnsafeRawBufferPointer
    /// What keeps `buffer` alive: a mapping, or an owned copy; nil for a borrowed buffer.
    private let owner: AnyObject?

    /// Bytes owned by `owner` (a ``MappedFile`` or another object that outlives them).
    public init(buffer: UnsafeRawBufferPointer, owner: AnyObject?) {
        self.buffer = buffer
        self.owner = owner
    }

    /// A copy of `array`, owned by the new value.
    public init(copying array: [UInt8]) {
        self.init(capacity: array.count) { target in
            array.withUnsafeBytes { source in target.copyMemory(from: source) }
            return array.count
        }
    }

    /// Bytes written in place into a new allocation of `capacity` bytes owned by the value (a file
    /// read straight into it, with no copy): `fill` writes them and returns how many it wrote (at
    /// most `capacity`; a short read keeps only those).
    public init(capacity: Int, filling fill: (UnsafeMutableRawBufferPointer) throws -> Int) rethrows {
        let storage = OwnedBytes(capacity: capacity)
        storage.count = min(max(try fill(UnsafeMutableRawBufferPointer(start: storage.base, count: capacity)), 0), capacity)
        self.init(buffer: storage.buffer, owner: storage)
    }

    /// Bytes borrowed for the duration of a call (`withUnsafeBytes`); the caller keeps them alive
    /// and must not let the value escape.
    package init(borrowing buffer: UnsafeRawBufferPointer) {
        self.init(buffer: buffer, owner: nil)
    }

    /// Number of bytes.
    public var count: Int { buffer.count }

    /// The byte at `offset` (must be inside the bytes).
    @inline(__always)
    public subscript(offset: Int) -> UInt8 { buffer[offset] }

    /// The bytes of `range` (must be inside the bytes), without copying.
    public subscript(range: Range<Int>) -> Slice<UnsafeRawBufferPointer> { buffer[range] }

    /// The bytes of `range` (must be inside the bytes) as bytes of their own, kept alive by the same
    /// owner: no copy.
    public func bytes(_ range: Range<Int>) -> HiveBytes {
        HiveBytes(buffer: UnsafeRawBufferPointer(rebasing: buffer[range]), owner: owner)
    }

    /// A copy of the bytes of `range` (must be inside the bytes).
    public func array(_ range: Range<Int>) -> [UInt8] { [UInt8](buffer[range]) }

    /// A copy of all the bytes.
    public var array: [UInt8] { [UInt8](buffer) }
}
