import FoundationEssentials
import Glibc

/// Sets last-write times in a hive file that hivex wrote; hivex itself updates no timestamp.
public enum HiveTimestamps {
    /// Writes `time` into the `nk` cells of `keys` (handles from the ``Hive`` that was committed to
    /// `path`) and into the base block's last-written field, then fixes the header checksum.
    ///
    /// A handle whose offset does not hold an `nk` cell is refused before anything is written.
    public static func stamp(file path: String, keys: [HiveKey], time: Date) throws {
        let descriptor = open(path, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { throw HiveFile.error(errno, operation: "set timestamps", path: path) }
        defer { close(descriptor) }
        var ticks = FileTime.ticks(from: time).littleEndian
        let timeBytes = withUnsafeBytes(of: &ticks) { Array($0) }

        for key in keys {
            var signature = [UInt8](repeating: 0, count: 2)
            guard pread(descriptor, &signature, 2, off_t(key.offset + 4)) == 2, signature == Array("nk".utf8) else {
                throw HiveError(.corrupt, operation: "set timestamps", path: path,
                                message: "no key cell at offset 0x\(String(key.offset, radix: 16)); timestamps not set")
            }
        }
        for key in keys {
            try write(timeBytes, at: key.offset + 8, descriptor: descriptor, path: path)
        }
        var header = [UInt8](repeating: 0, count: BaseBlock.size)
        guard pread(descriptor, &header, header.count, 0) == header.count else {
            throw HiveFile.error(errno, operation: "set timestamps", path: path)
        }
        header.replaceSubrange(12..<20, with: timeBytes)
        header.setUInt32(BaseBlock.checksum(of: header), at: 508)
        try write(Array(header[0..<512]), at: 0, descriptor: descriptor, path: path)
    }

    private static func write(_ bytes: [UInt8], at offset: Int, descriptor: Int32, path: String) throws {
        guard pwrite(descriptor, bytes, bytes.count, off_t(offset)) == bytes.count else {
            throw HiveFile.error(errno, operation: "set timestamps", path: path)
        }
    }
}
