/// Deterministic "random-looking" bytes: the same label always gives the same bytes, so the
/// samples' UIDs and fake encrypted blobs do not change between runs.
enum SeededBytes {
    /// `count` bytes derived from `label` (FNV-1a seed, SplitMix64 stream).
    static func make(_ count: Int, label: String) -> [UInt8] {
        var state = fnv1a(label)
        var bytes: [UInt8] = []
        while bytes.count < count {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            mixed ^= mixed >> 31
            bytes += (0..<8).map { UInt8(truncatingIfNeeded: mixed >> (8 * $0)) }
        }
        return Array(bytes.prefix(count))
    }

    private static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
