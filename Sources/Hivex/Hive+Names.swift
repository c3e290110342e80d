import RegistryFormat

extension Hive {
    /// The name of a key stored in Latin-1 (what Windows does for almost every key), read from the
    /// image hivex reads, without hivex's iconv conversion and copy. Nil when the hive is writable
    /// (hivex's copy may differ from the file), opened with ``Hive/OpenOptions/namesThroughHivex``, or the record is anything but an allocated key node
    /// with a compressed name that fits its cell: hivex then reads it, and reports damage its way.
    func latin1Name(of key: HiveKey) -> String? {
        guard !isWritable, !options.contains(.namesThroughHivex) else { return nil }
        let bytes: HiveBytes
        if let replayedImage {
            guard let mapped = replayedImage.mapping?.bytes else { return nil }
            bytes = mapped
        } else {
            bytes = file.bytes
        }
        let cell = key.offset, record = key.offset + Cell.headerLength
        guard cell >= BaseBlock.size, cell % Cell.alignment == 0, let size = bytes.checkedInt32(at: cell), size < 0,
              bytes.hasSignature(KeyNode.signature, at: record),
              let flags = bytes.checkedUInt16(at: record + KeyNode.flagsOffset), flags & KeyNode.flagCompressedName != 0,
              let length = bytes.checkedUInt16(at: record + KeyNode.nameLengthOffset)
        else { return nil }
        // hivex's own test: the fixed part of the record (80 bytes with the cell header) plus the
        // name, less one, must fit the cell.
        let cellLength = Int(size.magnitude), nameStart = record + KeyNode.nameOffset, nameEnd = nameStart + Int(length)
        guard Cell.headerLength + KeyNode.nameOffset + Int(length) - 1 <= cellLength, nameEnd <= bytes.count,
              cell + cellLength <= bytes.count
        else { return nil }
        let name = bytes[nameStart..<nameEnd]
        if name.allSatisfy({ $0 < 0x80 }) { return String(decoding: name, as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        for byte in name { scalars.append(Unicode.Scalar(byte)) }
        return String(scalars)
    }
}
