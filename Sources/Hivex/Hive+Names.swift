import RegistryFormat

extension Hive {
    /// The name of a key stored in Latin-1 (what Windows does for almost every key), read from the
    /// image hivex reads, without hivex's iconv conversion and copy. Nil when the hive is writable
    /// (hivex's copy may differ from the file) or the record is anything but an allocated key node
    /// with a compressed name that fits its cell: hivex then reads it, and reports damage its way.
    func latin1Name(of key: HiveKey) -> String? {
        guard let image = latin1NameImage, let range = latin1NameRange(of: key, in: image) else { return nil }
        let name = image[range]
        if name.allSatisfy({ $0 < 0x80 }) { return String(decoding: name, as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        for byte in name { scalars.append(Unicode.Scalar(byte)) }
        return String(scalars)
    }

    /// Whether the key's Latin-1 name equals `name`, given as its ASCII bytes, as
    /// ``RegistryPath/namesEqual(_:_:)`` compares them; nil when ``latin1Name(of:)`` is nil.
    func latin1Name(of key: HiveKey, equalsASCII name: [UInt8]) -> Bool? {
        guard let image = latin1NameImage, let range = latin1NameRange(of: key, in: image) else { return nil }
        return Self.latin1Name(image[range], equalsASCII: name)
    }

    /// Whether the Latin-1 `stored` name equals `name`, given as its ASCII bytes, as
    /// ``RegistryPath/namesEqual(_:_:)`` compares them, decided on the bytes without making strings:
    /// no Latin-1 letter upper-cases to an ASCII one, so a byte past ASCII never matches.
    static func latin1Name(_ stored: Slice<UnsafeRawBufferPointer>, equalsASCII name: [UInt8]) -> Bool {
        guard stored.count == name.count else { return false }
        for (byte, wanted) in zip(stored, name) where byte != wanted {
            let lower = byte | 0x20
            guard byte < 0x80, lower == wanted | 0x20, (0x61...0x7A).contains(lower) else { return false }
        }
        return true
    }

    /// The bytes Latin-1 names are read from: nil when the hive is writable (hivex's copy may
    /// differ from the file).
    var latin1NameImage: HiveBytes? {
        guard !isWritable else { return nil }
        if let replayedImage { return replayedImage.mapping?.bytes }
        return file.bytes
    }

    /// Where the name of the key is in `bytes` (``latin1NameImage``) when it is stored in Latin-1 in
    /// an allocated key node and fits its cell; nil otherwise.
    func latin1NameRange(of key: HiveKey, in bytes: HiveBytes) -> Range<Int>? {
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
        return nameStart..<nameEnd
    }
}
