import Glibc

/// Memory owned by a ``HiveBytes`` (a copy of an array, or a file read into it), freed with it.
///
/// Up to 1 MiB comes from the heap. Larger blocks (a transaction log is megabytes) are anonymous
/// mappings advised for huge pages and faulted in by one `madvise` before they are filled: filling
/// fresh heap memory page by page cost one page fault per 4 KiB, as much as reading the file.
/// Both hints are only hints: without transparent huge pages or `MADV_POPULATE_WRITE` (Linux 5.14)
/// the mapping is faulted in as it is written, as the heap is.
final class OwnedBytes {
    let base: UnsafeMutableRawPointer
    /// How many of the allocated bytes hold data (set once, when they are filled).
    var count = 0
    /// The mapping's length, or 0 for heap memory.
    private let mappedLength: Int
    var buffer: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// Blocks larger than this are mapped rather than taken from the heap.
    static let mappingThreshold = 1 << 20
    /// The huge page size the mapping's length is rounded to.
    static let hugePageSize = 2 << 20

    init(capacity: Int) {
        if capacity > Self.mappingThreshold {
            let length = (capacity + Self.hugePageSize - 1) / Self.hugePageSize * Self.hugePageSize
            if let address = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), address != MAP_FAILED {
                _ = madvise(address, length, MADV_HUGEPAGE)
                _ = madvise(address, capacity, 23)  // MADV_POPULATE_WRITE, absent from older headers
                base = address
                mappedLength = length
                return
            }
        }
        base = .allocate(byteCount: max(capacity, 1), alignment: 16)
        mappedLength = 0
    }

    deinit {
        if mappedLength > 0 { munmap(base, mappedLength) } else { base.deallocate() }
    }
}
