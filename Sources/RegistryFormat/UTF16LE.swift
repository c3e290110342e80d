/// Lenient UTF-16LE decoding and encoding for registry strings.
public enum UTF16LE {
    /// Decodes UTF-16LE up to the first NUL code unit. An odd trailing byte is ignored and unpaired
    /// surrogates become U+FFFD, so this never fails.
    public static func decode<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        if let text = bytes.withContiguousStorageIfAvailable(decode(contiguous:)) { return text }
        return string(fromCodeUnits: codeUnits(bytes).prefix { $0 != 0 })
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
        return string(fromCodeUnits: units)
    }

    /// The text of UTF-16 code units, as `String(decoding:as: UTF16.self)` makes it (each unpaired
    /// surrogate becomes U+FFFD), transcoded here: the standard library's generic transcoder is not
    /// specialised, and its first use looks up three conformances at run time (about 600,000
    /// instructions, in the free-space search's thread).
    public static func string<Units: Collection<UInt16>>(fromCodeUnits units: Units) -> String {
        String(unsafeUninitializedCapacity: units.count * 3) { utf8 in
            var length = 0
            func append(_ scalar: UInt32) {
                switch scalar {
                case ..<0x80:
                    utf8[length] = UInt8(scalar)
                    length += 1
                case ..<0x800:
                    utf8[length] = UInt8(0xC0 | scalar >> 6)
                    utf8[length + 1] = UInt8(0x80 | scalar & 0x3F)
                    length += 2
                case ..<0x1_0000:
                    utf8[length] = UInt8(0xE0 | scalar >> 12)
                    utf8[length + 1] = UInt8(0x80 | scalar >> 6 & 0x3F)
                    utf8[length + 2] = UInt8(0x80 | scalar & 0x3F)
                    length += 3
                default:
                    utf8[length] = UInt8(0xF0 | scalar >> 18)
                    utf8[length + 1] = UInt8(0x80 | scalar >> 12 & 0x3F)
                    utf8[length + 2] = UInt8(0x80 | scalar >> 6 & 0x3F)
                    utf8[length + 3] = UInt8(0x80 | scalar & 0x3F)
                    length += 4
                }
            }
            var index = units.startIndex
            while index != units.endIndex {
                let unit = UInt32(units[index])
                units.formIndex(after: &index)
                switch unit {
                case 0xD800...0xDBFF:  // a high surrogate: a pair only with a low one next
                    if index != units.endIndex, case let low = UInt32(units[index]), (0xDC00...0xDFFF).contains(low) {
                        units.formIndex(after: &index)
                        append(0x1_0000 + ((unit - 0xD800) << 10 | (low - 0xDC00)))
                    } else {
                        append(0xFFFD)
                    }
                case 0xDC00...0xDFFF: append(0xFFFD)  // a low surrogate alone
                default: append(unit)
                }
            }
            return length
        }
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
