import Testing
@testable import HivetoolKit

struct XXH64Tests {
    /// Digests from the reference implementation (Python's `xxhash.xxh64(data, seed=0)`), covering
    /// every tail path: empty, one byte, under 4, exactly one stripe, and many stripes with a tail.
    static let references: [(bytes: [UInt8], digest: UInt64)] = [
        ([], 0xEF46_DB37_51D8_E999),
        (Array("a".utf8), 0xD24E_C4F1_A98C_6E5B),
        (Array("abc".utf8), 0x44BC_2CF5_AD77_0999),
        (Array("0123456789abcdef0123456789abcdef".utf8), 0x642A_9495_8E71_E6C5),
        ([UInt8]((0..<768).map { UInt8(truncatingIfNeeded: $0) }) + Array("xyz".utf8), 0xE921_A1B4_5BD7_79F8),
    ]

    @Test func matchesTheReferenceImplementation() {
        for (bytes, digest) in Self.references {
            #expect(bytes.withUnsafeBytes(XXH64.hash) == digest, "\(bytes.count) bytes")
        }
    }

    @Test func everyByteAndLengthChangesTheDigest() {
        let data = (0..<100).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        let digest = data.withUnsafeBytes(XXH64.hash)
        for index in data.indices {
            var changed = data
            changed[index] ^= 1
            #expect(changed.withUnsafeBytes(XXH64.hash) != digest, "byte \(index)")
        }
        for length in 0..<data.count {
            #expect(data[..<length].withUnsafeBytes(XXH64.hash) != digest, "length \(length)")
        }
    }
}
