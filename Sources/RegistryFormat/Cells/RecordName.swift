/// Decoding of key and value names, which are stored either "compressed" (one byte per character,
/// Latin-1) or as UTF-16LE.
package enum RecordName {
    /// Decodes `bytes`: Latin-1 when `compressed`, else UTF-16LE (an odd trailing byte is dropped,
    /// unpaired surrogates become U+FFFD). NUL characters are kept, as they are part of the name.
    package static func decode<Bytes: Collection<UInt8>>(_ bytes: Bytes, compressed: Bool) -> String where Bytes.Index == Int {
        if compressed {
            // Latin-1 to UTF-8 in one pass: ASCII bytes as they are, U+0080...U+00FF as two bytes.
            return String(unsafeUninitializedCapacity: bytes.count * 2) { utf8 in
                var length = 0
                for byte in bytes {
                    if byte < 0x80 {
                        utf8[length] = byte
                        length += 1
                    } else {
                        utf8[length] = 0xC0 | byte >> 6
                        utf8[length + 1] = 0x80 | byte & 0x3F
                        length += 2
                    }
                }
                return length
            }
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            units.append(UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8)
            index += 2
        }
        return UTF16LE.string(fromCodeUnits: units)
    }
}
