// Bounds-checked little-endian reads for code that parses untrusted bytes (free space, garbage):
// every read returns nil instead of trapping when it would leave the array.

extension Array where Element == UInt8 {
    /// The byte at `offset`, or nil when `offset` is outside the array.
    package func checkedUInt8(at offset: Int) -> UInt8? {
        guard offset >= 0, offset < count else { return nil }
        return self[offset]
    }

    /// The little-endian UInt16 at `offset`, or nil when any of its bytes is outside the array.
    package func checkedUInt16(at offset: Int) -> UInt16? {
        guard offset >= 0, offset <= count &- 2 else { return nil }
        return UInt16(self[offset]) | UInt16(self[offset + 1]) << 8
    }

    /// The little-endian UInt32 at `offset`, or nil when any of its bytes is outside the array.
    package func checkedUInt32(at offset: Int) -> UInt32? {
        guard offset >= 0, offset <= count &- 4 else { return nil }
        return UInt32(self[offset]) | UInt32(self[offset + 1]) << 8
            | UInt32(self[offset + 2]) << 16 | UInt32(self[offset + 3]) << 24
    }

    /// The little-endian Int32 at `offset`, or nil when any of its bytes is outside the array.
    package func checkedInt32(at offset: Int) -> Int32? {
        checkedUInt32(at: offset).map { Int32(bitPattern: $0) }
    }

    /// The little-endian UInt64 at `offset`, or nil when any of its bytes is outside the array.
    package func checkedUInt64(at offset: Int) -> UInt64? {
        guard let low = checkedUInt32(at: offset), let high = checkedUInt32(at: offset &+ 4) else { return nil }
        return UInt64(low) | UInt64(high) << 32
    }

    /// `length` bytes from `offset`, or nil when the range leaves the array (or `length` is negative).
    package func checkedSlice(at offset: Int, length: Int) -> ArraySlice<UInt8>? {
        guard offset >= 0, length >= 0, offset <= count, length <= count &- offset else { return nil }
        return self[offset..<(offset + length)]
    }

    /// Whether the two bytes at `offset` are the ASCII signature `signature` (e.g. "nk").
    package func hasSignature(_ signature: (UInt8, UInt8), at offset: Int) -> Bool {
        guard offset >= 0, offset <= count &- 2 else { return false }
        return self[offset] == signature.0 && self[offset + 1] == signature.1
    }
}
