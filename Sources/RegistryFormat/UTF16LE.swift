/// Lenient UTF-16LE decoding and encoding for registry strings.
public enum UTF16LE {
    /// Decodes UTF-16LE up to the first NUL code unit. An odd trailing byte is ignored and unpaired
    /// surrogates become U+FFFD, so this never fails.
    public static func decode<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        if let text = bytes.withContiguousStorageIfAvailable(decode(contiguous:)) { return text }
        return String(decoding: codeUnits(bytes).prefix { $0 != 0 }, as: UTF16.self)
    }

    /// ``decode(_:)`` of bytes in memory (arrays, values' data): ASCII text, the usual case, is made
    /// from its bytes; the generic path costs tens of instructions a byte.
    static func decode(contiguous bytes: UnsafeBufferPointer<UInt8>) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var ascii = true
        var index = 0
        while index + 1 < bytes.count {
            let unit = UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8
            if unit == 0 { break }
            if unit >= 0x80 { ascii = false }
            units.append(unit)
            index += 2
        }
        if ascii { return String(decoding: units.map { UInt8(truncatingIfNeeded: $0) }, as: UTF8.self) }
        return String(decoding: units, as: UTF16.self)
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
