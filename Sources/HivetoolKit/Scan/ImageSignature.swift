import FoundationEssentials
import Glibc

/// Decides from a file's first bytes whether `scan` opens it as a disk image or reads it as a hive.
public enum ImageSignature {
    /// Whether the file at `path` is a disk image: E01 (`EVF`), Ex01, VMDK (sparse extent or
    /// descriptor), VHDX, VHD (`conectix` at the start or in the footer), or raw media that starts
    /// with an NTFS, BitLocker or MBR/GPT boot sector. A `regf` file is a hive, never an image.
    public static func isDiskImage(path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        let head = readBytes(descriptor, at: 0, count: 1024)
        var tail: [UInt8] = []
        if info.st_size >= 512 { tail = readBytes(descriptor, at: Int64(info.st_size) - 512, count: 512) }
        return isDiskImage(head: head, footer: tail)
    }

    /// The decision from the first 1024 bytes and the last 512.
    static func isDiskImage(head: [UInt8], footer: [UInt8]) -> Bool {
        func starts(_ text: [UInt8], at offset: Int = 0, in bytes: [UInt8]) -> Bool {
            bytes.count >= offset + text.count && Array(bytes[offset..<offset + text.count]) == text
        }
        if starts(Array("regf".utf8), in: head) { return false }
        let magics: [[UInt8]] = [
            [0x45, 0x56, 0x46, 0x09, 0x0D, 0x0A, 0xFF, 0x00],  // EWF (E01)
            [0x45, 0x56, 0x46, 0x32, 0x0D, 0x0A, 0x81, 0x00],  // EWF2 (Ex01)
            Array("KDMV".utf8), Array("# Disk DescriptorFile".utf8), Array("vhdxfile".utf8), Array("conectix".utf8),
        ]
        if magics.contains(where: { starts($0, in: head) }) { return true }
        if starts(Array("conectix".utf8), in: footer) { return true }
        if starts(Array("NTFS    ".utf8), at: 3, in: head) || starts(Array("-FVE-FS-".utf8), at: 3, in: head) { return true }
        if starts(Array("EFI PART".utf8), at: 512, in: head) { return true }
        return head.count >= 512 && head[510] == 0x55 && head[511] == 0xAA
    }

    /// Up to `count` bytes at `offset` of an open file (fewer at its end, none on error).
    public static func readBytes(_ descriptor: Int32, at offset: Int64, count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
        return got > 0 ? Array(bytes[0..<got]) : []
    }
}
