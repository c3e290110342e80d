internal import CTSK
import FoundationEssentials

/// A file system inside a ``DiskImage`` (NTFS is what hivetool looks for), opened with The Sleuth Kit.
/// Owns the `TSK_FS_INFO` handle and keeps its image open; not `Sendable`.
public final class FileSystem {
    let handle: UnsafeMutablePointer<TSK_FS_INFO>
    /// The image it lies in.
    public let image: DiskImage
    /// Its start in bytes from the start of the media.
    public let offset: Int64

    /// Opens the file system at `offset` of `image`, of any type TSK knows.
    /// The corresponding C function is `tsk_fs_open_img`.
    public init(image: DiskImage, offset: Int64) throws {
        TSKError.reset()
        guard let handle = tsk_fs_open_img(image.handle, offset, TSK_FS_TYPE_DETECT) else {
            throw DiskImageError(kind: .noFileSystem, operation: "find a file system at byte \(offset)", path: image.path, message: TSKError.take())
        }
        self.handle = handle
        self.image = image
        self.offset = offset
    }

    deinit { tsk_fs_close(handle) }

    /// `ntfs`, `fat32`, ...
    public var typeName: String { String(cString: tsk_fs_type_toname(handle.pointee.ftype)) }
    /// Whether it is NTFS.
    public var isNTFS: Bool { handle.pointee.ftype.rawValue & TSK_FS_TYPE_NTFS_DETECT.rawValue != 0 }
    /// The root folder's metadata address (MFT entry 5 on NTFS).
    public var rootAddress: UInt64 { UInt64(handle.pointee.root_inum) }

    /// The names in the folder with metadata address `folder`, without `.` and `..`; deleted names
    /// only when `includingDeleted`. The corresponding C functions are `tsk_fs_dir_open_meta` and `tsk_fs_dir_get`.
    public func entries(of folder: UInt64, includingDeleted: Bool = false) throws -> [DirectoryEntry] {
        TSKError.reset()
        guard let directory = tsk_fs_dir_open_meta(handle, TSK_INUM_T(folder)) else {
            throw DiskImageError(kind: .unreadable, operation: "list the folder at MFT entry \(folder)", path: image.path, message: TSKError.take())
        }
        defer { tsk_fs_dir_close(directory) }
        var result: [DirectoryEntry] = []
        for index in 0..<tsk_fs_dir_getsize(directory) {
            guard let file = tsk_fs_dir_get(directory, index) else { continue }
            defer { tsk_fs_file_close(file) }
            guard let name = file.pointee.name, let text = name.pointee.name else { continue }
            let entryName = String(cString: text)
            guard entryName != ".", entryName != ".." else { continue }
            let allocated = name.pointee.flags.rawValue & TSK_FS_NAME_FLAG_ALLOC.rawValue != 0
            guard allocated || includingDeleted else { continue }
            let type = name.pointee.type
            result.append(DirectoryEntry(name: entryName, address: UInt64(name.pointee.meta_addr),
                                         isDirectory: type == TSK_FS_NAME_TYPE_DIR, isRegularFile: type == TSK_FS_NAME_TYPE_REG,
                                         isAllocated: allocated))
        }
        return result
    }

    /// The metadata of the file at `address` (its MFT entry on NTFS).
    /// The corresponding C function is `tsk_fs_file_open_meta`.
    public func metadata(of address: UInt64) throws -> FileMetadata {
        try withFile(address, operation: "read MFT entry \(address)") { file in
            guard let meta = file.pointee.meta else {
                throw DiskImageError(kind: .unreadable, operation: "read MFT entry \(address)", path: image.path, message: "no metadata")
            }
            return FileMetadata(meta.pointee)
        }
    }

    /// The whole content of the file at `address` (its default data stream on NTFS).
    /// The corresponding C function is `tsk_fs_file_read`.
    public func contents(of address: UInt64) throws -> [UInt8] {
        try withFile(address, operation: "read MFT entry \(address)") { file in
            let size = Int(max(0, file.pointee.meta?.pointee.size ?? 0))
            var bytes = [UInt8](repeating: 0, count: size)
            var done = 0
            while done < size {
                let chunk = min(size - done, 1 << 20)
                TSKError.reset()
                let got = bytes.withUnsafeMutableBytes { buffer in
                    tsk_fs_file_read(file, TSK_OFF_T(done), buffer.baseAddress!.advanced(by: done).assumingMemoryBound(to: CChar.self),
                                     chunk, TSK_FS_FILE_READ_FLAG_NONE)
                }
                guard got > 0 else {
                    throw DiskImageError(kind: .unreadable, operation: "read bytes \(done)-\(done + chunk - 1) of the file at MFT entry \(address)",
                                         path: image.path, message: TSKError.take())
                }
                done += got
            }
            return bytes
        }
    }

    private func withFile<T>(_ address: UInt64, operation: String, _ body: (UnsafeMutablePointer<TSK_FS_FILE>) throws -> T) throws -> T {
        TSKError.reset()
        guard let file = tsk_fs_file_open_meta(handle, nil, TSK_INUM_T(address)) else {
            throw DiskImageError(kind: .unreadable, operation: operation, path: image.path, message: TSKError.take())
        }
        defer { tsk_fs_file_close(file) }
        return try body(file)
    }
}
