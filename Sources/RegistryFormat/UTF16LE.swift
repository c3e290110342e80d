/// Lenient UTF-16LE decoding and encoding for registry strings.
public enum UTF16LE {
    /// Decodes UTF-16LE up to the first NUL code unit. An odd trailing byte is ignored and unpaired
    /// surrogates become U+FFFD, so this never fails.
    public static func decode<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        String(decoding: codeUnits(bytes).prefix { $0 != 0 }, as: UTF16.self)
    }

    /// The UTF-16 code units of `bytes` (an odd trailing byte is dropped).
    public static func codeUnits<Bytes: Collection>(_ bytes: Bytes) -> [UInt16] where Bytes.Element == UInt8 {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var iterator = bytes.makeIterator()
        while let low = iterator.next(), let high = iterator.next() {
            units.append(UInt16(low) | UInt16(high) << 8)
        }
        return units
    }

    /// Encodes `string` as UTF-16LE, with a terminating NUL when `terminated`.
    public static func encode(_ string: String, terminated: Bool = true) -> [UInt8] {
        var bytes: [UInt8] = []
        for unit in string.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        if terminated { bytes += [0, 0] }
        return bytes
    }
}
