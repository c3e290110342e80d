import Glibc

/// A file mapped read-only into memory (`mmap`, `PROT_READ`, `MAP_PRIVATE`): its pages are the page
/// cache's, shared with every other mapping of the file (hivex maps it too), so reading a hive this
/// way copies nothing into the heap. Unmapped when the last ``HiveBytes`` of it is released.
public final class MappedFile: @unchecked Sendable {
    private let base: UnsafeMutableRawPointer?
    /// The file's size when it was mapped.
    public let count: Int

    /// Maps the whole regular file open on `descriptor` (the descriptor may be closed afterwards).
    ///
    /// The corresponding C functions are `fstat` and `mmap`.
    /// - Throws: ``MappedFileError`` with the `errno` of the call that failed.
    public init(descriptor: Int32) throws(MappedFileError) {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw MappedFileError(call: "fstat", code: errno) }
        count = Int(info.st_size)
        guard count > 0 else {
            base = nil
            return
        }
        guard let address = mmap(nil, count, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            throw MappedFileError(call: "mmap", code: errno)
        }
        base = address
    }

    /// Opens and maps the file at `path` read-only.
    /// - Throws: ``MappedFileError`` with the `errno` of the call that failed (`open`, `fstat`, `mmap`).
    public convenience init(path: String) throws(MappedFileError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw MappedFileError(call: "open", code: errno) }
        defer { close(descriptor) }
        try self.init(descriptor: descriptor)
    }

    deinit {
        if let base { munmap(base, count) }
    }

    /// The mapped bytes; they keep the mapping alive.
    public var bytes: HiveBytes {
        HiveBytes(buffer: UnsafeRawBufferPointer(start: base, count: count), owner: self)
    }
}

/// Why a file could not be mapped: the failing call and its `errno`.
public struct MappedFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The C function that failed (`open`, `fstat`, `mmap`).
    public var call: String
    /// Its `errno`.
    public var code: Int32

    /// Creates an error.
    public init(call: String, code: Int32) {
        self.call = call
        self.code = code
    }

    /// `mmap: Cannot allocate memory`.
    public var description: String { "\(call): \(String(cString: strerror(code)))" }
}
