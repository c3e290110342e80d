// The record parsers over a plain byte array (tests, small inputs): each reads the array in place
// through a borrowed ``HiveBytes``.

extension Cell {
    /// ``init(bytes:fileOffset:limit:)`` over an array.
    public init?(bytes: [UInt8], fileOffset: Int, limit: Int) {
        guard let cell = bytes.withUnsafeBytes({ Cell(bytes: HiveBytes(borrowing: $0), fileOffset: fileOffset, limit: limit) })
        else { return nil }
        self = cell
    }
}

extension HiveBinHeader {
    /// ``init(bytes:fileOffset:limit:)`` over an array.
    public init?(bytes: [UInt8], fileOffset: Int, limit: Int) {
        guard let header = bytes.withUnsafeBytes({ HiveBinHeader(bytes: HiveBytes(borrowing: $0), fileOffset: fileOffset, limit: limit) })
        else { return nil }
        self = header
    }
}

extension KeyNode {
    /// ``init(bytes:recordOffset:limit:minorVersion:)`` over an array.
    public init?(bytes: [UInt8], recordOffset: Int, limit: Int, minorVersion: UInt32) {
        guard let node = bytes.withUnsafeBytes({
            KeyNode(bytes: HiveBytes(borrowing: $0), recordOffset: recordOffset, limit: limit, minorVersion: minorVersion)
        }) else { return nil }
        self = node
    }
}

extension KeyValue {
    /// ``init(bytes:recordOffset:limit:minorVersion:)`` over an array.
    public init?(bytes: [UInt8], recordOffset: Int, limit: Int, minorVersion: UInt32) {
        guard let value = bytes.withUnsafeBytes({
            KeyValue(bytes: HiveBytes(borrowing: $0), recordOffset: recordOffset, limit: limit, minorVersion: minorVersion)
        }) else { return nil }
        self = value
    }
}

extension SubkeyList {
    /// ``init(bytes:recordOffset:limit:)`` over an array.
    public init?(bytes: [UInt8], recordOffset: Int, limit: Int) {
        guard let list = bytes.withUnsafeBytes({ SubkeyList(bytes: HiveBytes(borrowing: $0), recordOffset: recordOffset, limit: limit) })
        else { return nil }
        self = list
    }
}

extension ValueList {
    /// ``init(bytes:recordOffset:count:limit:)`` over an array.
    public init?(bytes: [UInt8], recordOffset: Int, count: Int, limit: Int) {
        guard let list = bytes.withUnsafeBytes({
            ValueList(bytes: HiveBytes(borrowing: $0), recordOffset: recordOffset, count: count, limit: limit)
        }) else { return nil }
        self = list
    }
}

extension BigData {
    /// ``init(bytes:recordOffset:limit:)`` over an array.
    public init?(bytes: [UInt8], recordOffset: Int, limit: Int) {
        guard let record = bytes.withUnsafeBytes({ BigData(bytes: HiveBytes(borrowing: $0), recordOffset: recordOffset, limit: limit) })
        else { return nil }
        self = record
    }
}
