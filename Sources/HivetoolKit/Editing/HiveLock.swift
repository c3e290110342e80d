import Glibc
import Hivex

/// An exclusive `flock` on a hive file for the whole of an edit.
///
/// The lock is on the file's inode; after another editor renames a new file into place, the lock
/// holder of the old inode would edit a stale file, so acquiring re-checks that the path still
/// names the locked inode and retries otherwise.
final class HiveLock {
    private let descriptor: Int32

    /// Locks the hive at `path`; waits for another editor when `wait`, else fails at once.
    init(path: String, wait: Bool) throws {
        while true {
            let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
            guard descriptor >= 0 else { throw HivetoolError(FileOperations.fileError(errno, operation: "open for locking", path: path), step: .lock) }
            if flock(descriptor, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
                let code = errno
                close(descriptor)
                if code == EWOULDBLOCK {
                    throw HivetoolError(.lockedByAnother, path: path, step: .lock)
                }
                throw HivetoolError(FileOperations.fileError(code, operation: "lock", path: path), step: .lock)
            }
            var locked = stat()
            var current = stat()
            if fstat(descriptor, &locked) == 0, stat(path, &current) == 0,
               locked.st_ino == current.st_ino, locked.st_dev == current.st_dev {
                self.descriptor = descriptor
                return
            }
            close(descriptor)  // replaced while we waited: lock the new file
        }
    }

    deinit { close(descriptor) }
}
