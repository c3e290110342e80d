import Testing
@testable import HivetoolKit

struct XXH64Tests {
    /// Digests from the reference implementation (Python's `xxhash.xxh64(data, seed=0)`), covering
    /// every tail path: empty, one byte, under 4, 4, 8, 12, exactly one stripe, under and over one, and many
    /// stripes with a tail.
    static let references: [(bytes: [UInt8], digest: UInt64)] = [
        ([], 0xEF46_DB37_51D8_E999),
        (Array("a".utf8), 0xD24E_C4F1_A98C_6E5B),
        (Array("abc".utf8), 0x44BC_2CF5_AD77_0999),
        (Array("0123456789abcdef0123456789abcdef".utf8), 0x642A_9495_8E71_E6C5),
        ([UInt8]((0..<768).map { UInt8(truncatingIfNeeded: $0) }) + Array("xyz".utf8), 0xE921_A1B4_5BD7_79F8),
        // The 4-byte, 8-byte and mixed tails, under and over one 32-byte stripe: bytes (i * 7 + 1) mod 256.
        (pattern(4), 0x22ED_A2CF_6AF4_C124),
        (pattern(8), 0xC6F1_803A_5E0B_3222),
        (pattern(12), 0x9178_B724_DCE3_84C0),
        (pattern(31), 0x6AB1_C40E_29F5_0073),
        (pattern(44), 0x122A_CA14_1291_1665),
    ]

    static func pattern(_ count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: $0 * 7 + 1) } }

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
