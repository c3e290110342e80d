// Little-endian reads of hive bytes. The `checked` reads return nil instead of trapping when they
// would leave the bytes (for untrusted data: free space, garbage); the others expect a range the
// caller has checked.

extension HiveBytes {
    /// The byte at `offset`, or nil when `offset` is outside the bytes.
    @inline(__always)
    package func checkedUInt8(at offset: Int) -> UInt8? {
        guard offset >= 0, offset < count else { return nil }
        return buffer[offset]
    }

    /// The little-endian UInt16 at `offset`, or nil when any of its bytes is outside.
    @inline(__always)
    package func checkedUInt16(at offset: Int) -> UInt16? {
        guard offset >= 0, offset <= count &- 2 else { return nil }
        return uint16(at: offset)
    }

    /// The little-endian UInt32 at `offset`, or nil when any of its bytes is outside.
    @inline(__always)
    package func checkedUInt32(at offset: Int) -> UInt32? {
        guard offset >= 0, offset <= count &- 4 else { return nil }
        return uint32(at: offset)
    }

    /// The little-endian Int32 at `offset`, or nil when any of its bytes is outside.
    @inline(__always)
    package func checkedInt32(at offset: Int) -> Int32? {
        checkedUInt32(at: offset).map { Int32(bitPattern: $0) }
    }

    /// The little-endian UInt64 at `offset`, or nil when any of its bytes is outside.
    @inline(__always)
    package func checkedUInt64(at offset: Int) -> UInt64? {
        guard offset >= 0, offset <= count &- 8 else { return nil }
        return uint64(at: offset)
    }

    /// A copy of `length` bytes from `offset`, or nil when the range leaves the bytes.
    @inline(__always)
    package func checkedArray(at offset: Int, length: Int) -> [UInt8]? {
        guard offset >= 0, length >= 0, offset <= count, length <= count &- offset else { return nil }
        return array(offset..<(offset + length))
    }

    /// Whether the two bytes at `offset` are the ASCII signature `signature` (e.g. "nk").
    @inline(__always)
    package func hasSignature(_ signature: (UInt8, UInt8), at offset: Int) -> Bool {
        guard offset >= 0, offset <= count &- 2 else { return false }
        return buffer[offset] == signature.0 && buffer[offset + 1] == signature.1
    }

    /// The little-endian UInt16 at `offset` (inside the bytes).
    @inline(__always)
    package func uint16(at offset: Int) -> UInt16 {
        UInt16(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }

    /// The little-endian UInt32 at `offset` (inside the bytes).
    @inline(__always)
    package func uint32(at offset: Int) -> UInt32 {
        UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    /// The little-endian UInt64 at `offset` (inside the bytes).
    @inline(__always)
    package func uint64(at offset: Int) -> UInt64 {
        UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
}
