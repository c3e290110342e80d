/// The Marvin32 hash (Microsoft's seeded 64-bit hash), which new-format transaction log entries use
/// for their Hash-1 and Hash-2 fields.
///
/// This is the canonical algorithm (as in the .NET runtime), checked against its published vectors.
/// yarp's `Marvin32` folds only the last byte of a 2- or 3-byte tail into the final block; the two agree
/// on every length that is a multiple of 4 (and on tails of 1 byte), which covers every log-entry hash:
/// Hash-2 covers 32 bytes and Hash-1 `size - 40` bytes with `size` a multiple of 512.
public enum Marvin32 {
    /// The seed Windows uses for log entries, as yarp spells it. The specification gives it as
    /// 14219357686671994754 "(little-endian)": that number is 0xC5554E7A884DEF82, the bytes of this
    /// value in memory order.
    public static let logEntrySeed: UInt64 = 0x82EF_4D88_7A4E_55C5

    /// The 64-bit Marvin32 hash of `bytes[range]` with `seed`; the high half of the result is the
    /// second state word, as Windows stores it.
    ///
    /// - Precondition: `range` lies within `bytes` (callers bounds-check first).
    public static func hash(_ bytes: [UInt8], range: Range<Int>, seed: UInt64 = logEntrySeed) -> UInt64 {
        bytes.withUnsafeBytes { buffer in
            hash(UnsafeRawBufferPointer(rebasing: buffer[range]), seed: seed)
        }
    }

    /// The 64-bit Marvin32 hash of all of `bytes` with `seed`.
    public static func hash(_ bytes: [UInt8], seed: UInt64 = logEntrySeed) -> UInt64 {
        hash(bytes, range: bytes.indices, seed: seed)
    }

    /// The 64-bit Marvin32 hash of `buffer` with `seed`.
    public static func hash(_ buffer: UnsafeRawBufferPointer, seed: UInt64 = logEntrySeed) -> UInt64 {
        var state = State(low: UInt32(truncatingIfNeeded: seed), high: UInt32(truncatingIfNeeded: seed >> 32))
        let wholeWords = buffer.count / 4
        for index in 0..<wholeWords {
            state.mix(UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)))
        }
        // The tail bytes, little-endian, followed by a 0x80 marker byte.
        var final: UInt32 = 0x80
        let tailStart = wholeWords * 4
        for index in stride(from: buffer.count - 1, through: tailStart, by: -1) {
            final = final << 8 | UInt32(buffer[index])
        }
        state.mix(final)
        state.mix(0)
        return UInt64(state.high) << 32 | UInt64(state.low)
    }

    /// The two 32-bit state words and Marvin's mixing step.
    private struct State {
        var low: UInt32
        var high: UInt32

        mutating func mix(_ value: UInt32) {
            low = low &+ value
            high ^= low
            low = low.rotatedLeft(20) &+ high
            high = high.rotatedLeft(9) ^ low
            low = low.rotatedLeft(27) &+ high
            high = high.rotatedLeft(19)
        }
    }
}

extension UInt32 {
    fileprivate func rotatedLeft(_ count: UInt32) -> UInt32 { self << count | self >> (32 - count) }
}
