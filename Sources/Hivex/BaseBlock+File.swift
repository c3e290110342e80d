import FoundationEssentials
import RegistryFormat

extension BaseBlock {
    /// Reads and parses the base block of the file at `path`.
    ///
    /// Throws a ``HiveError`` for a missing file, a directory, an unreadable file, an empty or short
    /// file, or one without the `regf` signature.
    public static func read(path: String) throws -> BaseBlock {
        let file = try HiveFile.openForReading(path: path, operation: "read base block")
        defer { file.close() }
        return try parse(file.read(count: BaseBlock.size, operation: "read base block"), fileSize: file.size, path: path)
    }

    /// Parses the base block at the start of `bytes`, a whole hive file (mapped) read from `path`.
    ///
    /// Throws a ``HiveError`` for an empty or short file, or one without the `regf` signature.
    public static func read(bytes: HiveBytes, path: String) throws -> BaseBlock {
        try parse(bytes.array(0..<min(bytes.count, BaseBlock.size)), fileSize: UInt64(bytes.count), path: path)
    }

    private static func parse(_ bytes: [UInt8], fileSize: UInt64, path: String) throws -> BaseBlock {
        if fileSize == 0 {
            throw HiveError(.notAHive, operation: "read base block", path: path, message: "not a registry hive: the file is empty")
        }
        guard bytes.count == BaseBlock.size else {
            throw HiveError(.notAHive, operation: "read base block", path: path,
                            message: "not a registry hive: the file is \(fileSize) bytes, smaller than a 4096-byte base block")
        }
        guard let block = BaseBlock(bytes: bytes, fileSize: fileSize) else {
            throw HiveError(.notAHive, operation: "read base block", path: path,
                            message: "not a registry hive: no 'regf' signature")
        }
        return block
    }
}
