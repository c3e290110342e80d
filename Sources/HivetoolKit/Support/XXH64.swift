/// XXH64 (Yann Collet's xxHash, 64-bit, seed 0): a fast non-cryptographic digest of bytes, about 10x
/// the speed of Swift's `Hasher` on long data. An edit's verification digests every value's data
/// twice (``TreeSnapshot``); it guards against accidental change, not against an adversary.
enum XXH64 {
    private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    /// The digest of `bytes`.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let count = bytes.count
        var offset = 0
        var result: UInt64
        if count >= 32 {
            var lane1 = prime1 &+ prime2, lane2 = prime2, lane3: UInt64 = 0, lane4 = 0 &- prime1
            while offset + 32 <= count {
                lane1 = round(lane1, word(bytes, offset))
                lane2 = round(lane2, word(bytes, offset + 8))
                lane3 = round(lane3, word(bytes, offset + 16))
                lane4 = round(lane4, word(bytes, offset + 24))
                offset += 32
            }
            result = rotate(lane1, 1) &+ rotate(lane2, 7) &+ rotate(lane3, 12) &+ rotate(lane4, 18)
            result = merge(result, lane1)
            result = merge(result, lane2)
            result = merge(result, lane3)
            result = merge(result, lane4)
        } else {
            result = prime5
        }
        result &+= UInt64(count)
        while offset + 8 <= count {
            result ^= round(0, word(bytes, offset))
            result = rotate(result, 27) &* prime1 &+ prime4
            offset += 8
        }
        if offset + 4 <= count {
            result ^= UInt64(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))) &* prime1
            result = rotate(result, 23) &* prime2 &+ prime3
            offset += 4
        }
        while offset < count {
            result ^= UInt64(bytes[offset]) &* prime5
            result = rotate(result, 11) &* prime1
            offset += 1
        }
        result ^= result >> 33
        result &*= prime2
        result ^= result >> 29
        result &*= prime3
        result ^= result >> 32
        return result
    }

    @inline(__always)
    private static func word(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inline(__always)
    private static func round(_ accumulator: UInt64, _ input: UInt64) -> UInt64 {
        rotate(accumulator &+ input &* prime2, 31) &* prime1
    }

    @inline(__always)
    private static func merge(_ accumulator: UInt64, _ lane: UInt64) -> UInt64 {
        (accumulator ^ round(0, lane)) &* prime1 &+ prime4
    }

    @inline(__always)
    private static func rotate(_ value: UInt64, _ bits: UInt64) -> UInt64 {
        (value << bits) | (value >> (64 - bits))
    }
}
