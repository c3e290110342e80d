internal import CTSK
import FoundationEssentials

/// A disk image opened with The Sleuth Kit: raw (and split raw `.001`, `.002`, ...), E01 (and split
/// `.E01`, `.E02`, ...), VMDK, VHD and VHDX, detected from the content. Only ever read.
///
/// `DiskImage` owns the `TSK_IMG_INFO` handle and closes it in `deinit`. It is not `Sendable`: TSK
/// handles are not thread-safe.
public final class DiskImage {
    let handle: UnsafeMutablePointer<TSK_IMG_INFO>
    /// The image as given (the first segment).
    public let path: String

    /// Opens `path`; TSK finds the other segments of a split image itself.
    /// The corresponding C function is `tsk_img_open_utf8_sing`.
    public init(path: String) throws {
        TSKError.reset()
        guard let handle = tsk_img_open_utf8_sing(path, TSK_IMG_TYPE_DETECT, 0) else {
            throw DiskImageError(kind: .cannotOpen, operation: "open the disk image", path: path, message: TSKError.take())
        }
        self.handle = handle
        self.path = path
    }

    deinit { tsk_img_close(handle) }

    /// The size of the media in bytes (what the image holds, not the file's size).
    public var size: Int64 { handle.pointee.size }
    /// The sector size in bytes.
    public var sectorSize: Int { Int(handle.pointee.sector_size) }
    /// `raw`, `ewf`, `vmdk`, `vhd`, ...
    public var typeName: String { String(cString: tsk_img_type_toname(handle.pointee.itype)) }
    /// The segment files TSK opened (one unless split).
    public var segments: [String] {
        let count = Int(handle.pointee.num_img)
        guard let names = handle.pointee.images else { return [path] }
        return (0..<count).compactMap { names[$0].map { String(cString: $0) } }
    }

    /// Reads `count` bytes at `offset` of the media (fewer at its end).
    /// The corresponding C function is `tsk_img_read`.
    public func read(at offset: Int64, count: Int) throws -> [UInt8] {
        guard count > 0, offset < size else { return [] }
        let wanted = Int(min(Int64(count), size - offset))
        var buffer = [UInt8](repeating: 0, count: wanted)
        TSKError.reset()
        let got = buffer.withUnsafeMutableBytes { tsk_img_read(handle, offset, $0.baseAddress!.assumingMemoryBound(to: CChar.self), wanted) }
        guard got == wanted else {
            throw DiskImageError(kind: .unreadable, operation: "read bytes \(offset)-\(offset + Int64(wanted) - 1) of the image",
                                 path: path, message: TSKError.take())
        }
        return buffer
    }

    /// The partitions of the image's volume system (MBR, GPT, ...), or nil when it has none.
    /// The corresponding C function is `tsk_vs_open`.
    public func partitions() -> [Partition]? {
        TSKError.reset()
        guard let system = tsk_vs_open(handle, 0, TSK_VS_TYPE_DETECT) else {
            TSKError.reset()
            return nil
        }
        defer { tsk_vs_close(system) }
        let blockSize = Int64(system.pointee.block_size)
        let type = String(cString: tsk_vs_type_toname(system.pointee.vstype))
        var result: [Partition] = []
        for index in 0..<system.pointee.part_count {
            guard let part = tsk_vs_part_get(system, index) else { continue }
            let flags = part.pointee.flags.rawValue
            result.append(Partition(index: Int(part.pointee.addr), start: Int64(part.pointee.start) * blockSize,
                                    length: Int64(part.pointee.len) * blockSize,
                                    description: part.pointee.desc.map { String(cString: $0) } ?? "",
                                    isAllocated: flags & TSK_VS_PART_FLAG_ALLOC.rawValue != 0, tableType: type))
        }
        return result
    }
}

/// One entry of a volume system: an allocated partition, or unallocated or table space.
public struct Partition: Hashable, Sendable {
    /// TSK's address of the entry (as `mmls` numbers it).
    public var index: Int
    /// Start in bytes from the start of the media.
    public var start: Int64
    public var length: Int64
    /// `NTFS / exFAT (0x07)`, `Basic data partition`, `Unallocated`, ...
    public var description: String
    /// Whether it is a partition (not unallocated space or the table itself).
    public var isAllocated: Bool
    /// `dos` (MBR), `gpt`, ...
    public var tableType: String
}
