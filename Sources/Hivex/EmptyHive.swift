import FoundationEssentials
import Glibc

/// Writes a valid, empty regf hive: hivex cannot create one.
///
/// The file is a 4096-byte base block (correct checksum) and one 4096-byte hive bin holding the root
/// `nk` cell first, then one `sk` cell whose list points to itself, then one free cell.
public enum EmptyHive {
    /// The name stored in the root key.
    public static let defaultRootName = "ROOT"

    /// The bytes of an empty hive.
    /// - Parameters:
    ///   - rootName: the root key's name (ASCII).
    ///   - embeddedFileName: the file name stored in the base block (at most 31 UTF-16 units are kept).
    ///   - time: the header, hive bin and root key timestamps.
    public static func bytes(rootName: String = defaultRootName, embeddedFileName: String = "", time: Date = Date()) -> [UInt8] {
        let ticks = FileTime.ticks(from: time)
        var file = [UInt8](repeating: 0, count: BaseBlock.size + 4096)

        // Hive bin header.
        let bin = BaseBlock.size
        file.replaceSubrange(bin..<bin + 4, with: Array("hbin".utf8))
        file.setUInt32(0, at: bin + 4)           // offset of this bin
        file.setUInt32(4096, at: bin + 8)        // size of this bin
        file.setUInt64(ticks, at: bin + 20)

        // Root nk at bin offset 0x20, then the sk cell.
        let nameBytes = Array(rootName.utf8.prefix(255))
        let rootOffset = 0x20
        let nkSize = align8(4 + 76 + nameBytes.count)
        let skOffset = rootOffset + nkSize
        let descriptor = securityDescriptor()
        let skSize = align8(4 + 20 + descriptor.count)

        var nk = [UInt8](repeating: 0, count: nkSize)
        nk.setUInt32(UInt32(bitPattern: -Int32(nkSize)), at: 0)
        nk.replaceSubrange(4..<6, with: Array("nk".utf8))
        nk.setUInt16(0x2C, at: 6)                 // KEY_HIVE_ENTRY | KEY_NO_DELETE | KEY_COMP_NAME
        nk.setUInt64(ticks, at: 8)
        nk.setUInt32(0xFFFF_FFFF, at: 20)         // parent: none
        nk.setUInt32(0, at: 24)                   // subkeys
        nk.setUInt32(0, at: 28)                   // volatile subkeys
        nk.setUInt32(0xFFFF_FFFF, at: 32)         // subkey list
        nk.setUInt32(0xFFFF_FFFF, at: 36)         // volatile subkey list
        nk.setUInt32(0, at: 40)                   // values
        nk.setUInt32(0xFFFF_FFFF, at: 44)         // value list
        nk.setUInt32(UInt32(skOffset), at: 48)    // security
        nk.setUInt32(0xFFFF_FFFF, at: 52)         // class name
        nk.setUInt16(UInt16(nameBytes.count), at: 76)
        nk.replaceSubrange(80..<80 + nameBytes.count, with: nameBytes)
        file.replaceSubrange(bin + rootOffset..<bin + rootOffset + nkSize, with: nk)

        var sk = [UInt8](repeating: 0, count: skSize)
        sk.setUInt32(UInt32(bitPattern: -Int32(skSize)), at: 0)
        sk.replaceSubrange(4..<6, with: Array("sk".utf8))
        sk.setUInt32(UInt32(skOffset), at: 8)     // flink: itself
        sk.setUInt32(UInt32(skOffset), at: 12)    // blink: itself
        sk.setUInt32(1, at: 16)                   // reference count
        sk.setUInt32(UInt32(descriptor.count), at: 20)
        sk.replaceSubrange(24..<24 + descriptor.count, with: descriptor)
        file.replaceSubrange(bin + skOffset..<bin + skOffset + skSize, with: sk)

        // The rest of the bin is one free cell.
        let freeOffset = skOffset + skSize
        file.setUInt32(UInt32(4096 - freeOffset), at: bin + freeOffset)

        // Base block.
        file.replaceSubrange(0..<4, with: Array("regf".utf8))
        file.setUInt32(1, at: 4)
        file.setUInt32(1, at: 8)
        file.setUInt64(ticks, at: 12)
        file.setUInt32(1, at: 20)                 // major version
        file.setUInt32(5, at: 24)                 // minor version
        file.setUInt32(0, at: 28)                 // primary file
        file.setUInt32(1, at: 32)                 // direct memory load
        file.setUInt32(UInt32(rootOffset), at: 36)
        file.setUInt32(4096, at: 40)              // hive bins data size
        file.setUInt32(1, at: 44)                 // clustering factor
        let name = Array(UTF16LE.encode(embeddedFileName, terminated: false).prefix(62))
        file.replaceSubrange(48..<48 + name.count, with: name)
        file.setUInt32(BaseBlock.checksum(of: file), at: 508)
        return file
    }

    /// Writes an empty hive to a new file at `path`; fails if the file exists.
    /// - Parameters:
    ///   - path: the new file.
    ///   - rootName: the root key's name (ASCII).
    ///   - embeddedFileName: the name stored in the base block; the file's own name by default.
    ///   - time: the header, hive bin and root key timestamps.
    public static func write(to path: String, rootName: String = defaultRootName, embeddedFileName: String? = nil, time: Date = Date()) throws {
        let name = embeddedFileName ?? URL(fileURLWithPath: path).lastPathComponent
        let data = bytes(rootName: rootName, embeddedFileName: name, time: time)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw HiveFile.error(errno, operation: "create hive", path: path) }
        defer { close(descriptor) }
        let written = data.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        guard written == data.count, fsync(descriptor) == 0 else {
            let failure = HiveFile.error(errno, operation: "create hive", path: path)
            unlink(path)
            throw failure
        }
    }

    private static func align8(_ size: Int) -> Int { (size + 7) & ~7 }

    /// A self-relative security descriptor: owner Administrators, group SYSTEM, a DACL granting
    /// Everyone full control, inherited by subkeys.
    static func securityDescriptor() -> [UInt8] {
        let everyone: [UInt8] = [1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0]                          // S-1-1-0
        let administrators: [UInt8] = [1, 2, 0, 0, 0, 0, 0, 5, 32, 0, 0, 0, 0x20, 0x02, 0, 0]  // S-1-5-32-544
        let system: [UInt8] = [1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0]                            // S-1-5-18
        var ace: [UInt8] = [0x00, 0x02, 20, 0]   // ACCESS_ALLOWED, CONTAINER_INHERIT, size 20
        ace += [0x3F, 0x00, 0x0F, 0x00]          // KEY_ALL_ACCESS
        ace += everyone
        var acl: [UInt8] = [2, 0, UInt8(8 + ace.count), 0, 1, 0, 0, 0]
        acl += ace
        let daclOffset = 20
        let ownerOffset = daclOffset + acl.count
        let groupOffset = ownerOffset + administrators.count
        var header: [UInt8] = [1, 0, 0x04, 0x80]  // revision 1, SE_DACL_PRESENT | SE_SELF_RELATIVE
        header += le32(ownerOffset) + le32(groupOffset) + le32(0) + le32(daclOffset)
        return header + acl + administrators + system
    }

    private static func le32(_ value: Int) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }
}
