/// Decoding of key and value names, which are stored either "compressed" (one byte per character,
/// Latin-1) or as UTF-16LE.
package enum RecordName {
    /// Decodes `bytes`: Latin-1 when `compressed`, else UTF-16LE (an odd trailing byte is dropped,
    /// unpaired surrogates become U+FFFD). NUL characters are kept, as they are part of the name.
    package static func decode<Bytes: Collection<UInt8>>(_ bytes: Bytes, compressed: Bool) -> String where Bytes.Index == Int {
        if compressed {
            var scalars = String.UnicodeScalarView()
            for byte in bytes { scalars.append(Unicode.Scalar(byte)) }
            return String(scalars)
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            units.append(UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8)
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }
}
