internal import CHivex
import Dispatch
import Glibc
import RegistryFormat

/// A replayed hive held in an anonymous in-memory file, so that hivex can open it by path
/// (`/proc/self/fd/N`) while nothing is written to disk. Closed when released.
///
/// Made in two steps: a copy of the primary's bytes (one kernel copy, no copy in this process),
/// which can run on another thread while the logs are replayed, then the log pages written over it.
final class InMemoryHiveImage: @unchecked Sendable {
    let descriptor: Int32
    /// The primary hive's path, for errors.
    let sourcePath: String
    var path: String { "/proc/self/fd/\(descriptor)" }
    /// The image, mapped read-only from the in-memory file (the pages hivex maps too); set by ``apply(_:)``.
    private(set) var mapping: MappedFile?

    /// A new in-memory file holding a copy of `primary`.
    init(primary: HiveBytes, sourcePath: String) throws {
        let descriptor = chivex_memfd_create("hivetool-replayed-hive")
        guard descriptor >= 0 else { throw HiveFile.error(errno, operation: "hold the replayed hive in memory", path: sourcePath) }
        self.descriptor = descriptor
        self.sourcePath = sourcePath
        // deinit closes the descriptor when a throw below releases the half-made image.
        guard ftruncate(descriptor, off_t(primary.count)) == 0 else { throw failure(errno) }
        try write(primary.buffer, at: 0)
    }

    deinit { close(descriptor) }

    /// Starts copying `primary` into a new image on another thread.
    /// - Returns: what waits for the image (or for the error that stopped the copy).
    static func copying(primary: HiveBytes, sourcePath: String) -> PendingCopy {
        let pending = PendingCopy()
        DispatchQueue.global().async {
            pending.result = Result { try InMemoryHiveImage(primary: primary, sourcePath: sourcePath) }
            pending.done.signal()
        }
        return pending
    }

    /// Makes the file the replayed hive: grows it to the replayed length and writes the pages of the
    /// logs and the new base block over the primary's bytes, then maps it.
    func apply(_ replayed: ReplayedHive) throws {
        guard ftruncate(descriptor, off_t(replayed.length)) == 0 else { throw failure(errno) }
        try replayed.forEachPatch { offset, bytes in try write(bytes, at: offset) }
        do {
            mapping = try MappedFile(descriptor: descriptor)
        } catch {
            throw failure(error.code)
        }
    }

    /// Writes `bytes` at `offset`; a page of the primary the medium cannot deliver (EFAULT: the
    /// kernel could not read the mapped page) is the primary's I/O error.
    private func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws {
        guard let base = bytes.baseAddress else { return }
        var written = 0
        while written < bytes.count {
            let count = pwrite(descriptor, base + written, bytes.count - written, off_t(offset + written))
            if count < 0 && errno == EINTR { continue }
            if count < 0 && errno == EFAULT {
                throw HiveError(.ioError, operation: "read the hive", path: sourcePath,
                                message: "cannot read the file: the medium returned an I/O error (a bad sector?)")
            }
            guard count > 0 else { throw failure(errno) }
            written += count
        }
    }

    private func failure(_ code: Int32) -> HiveError {
        HiveFile.error(code, operation: "hold the replayed hive in memory", path: sourcePath)
    }

    /// A copy of the primary being made on another thread (``copying(primary:sourcePath:)``).
    final class PendingCopy: @unchecked Sendable {
        fileprivate let done = DispatchSemaphore(value: 0)
        fileprivate var result: Result<InMemoryHiveImage, any Error>?

        /// Waits for the copy: the image holding the primary's bytes, or the error that stopped it.
        func wait() throws -> InMemoryHiveImage {
            done.wait()
            done.signal()
            return try result!.get()
        }
    }
}
