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
        if file.size == 0 {
            throw HiveError(.notAHive, operation: "read base block", path: path, message: "not a registry hive: the file is empty")
        }
        let bytes = try file.read(count: BaseBlock.size, operation: "read base block")
        guard bytes.count == BaseBlock.size else {
            throw HiveError(.notAHive, operation: "read base block", path: path,
                            message: "not a registry hive: the file is \(file.size) bytes, smaller than a 4096-byte base block")
        }
        guard let block = BaseBlock(bytes: bytes, fileSize: file.size) else {
            throw HiveError(.notAHive, operation: "read base block", path: path,
                            message: "not a registry hive: no 'regf' signature")
        }
        return block
    }
}
