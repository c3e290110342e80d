import Foundation
import Testing
import TestSupport

/// Evidence on a damaged medium: reading some pages of a file fails with EIO. A file read with
/// `read` then gives a one-line error; a mapped file would kill hivetool with SIGBUS when a bad page is
/// touched. The medium is simulated by a read-only FUSE passthrough (python3-fusepy) that fails the
/// reads of one file past an offset.
@Suite struct DamagedMediumTests {
    static let python = "/usr/bin/python3"
    static let canMount = getuid() == 0 && FileManager.default.fileExists(atPath: "/dev/fuse")
        && (try? ExternalTool.run(python, ["-c", "import fusepy"]).status) == 0

    /// A FUSE server passing `source` through at `mountPoint`, read-only; reads of files named with
    /// `suffix` fail with EIO from `offset` on. Runs until unmounted.
    static let server = """
        import errno, os, sys
        from fusepy import FUSE, FuseOSError, Operations
        class Damaged(Operations):
            def __init__(self, root, suffix, offset): self.root, self.suffix, self.offset = root, suffix, offset
            def _path(self, path): return os.path.join(self.root, path.lstrip('/'))
            def getattr(self, path, fh=None):
                st = os.lstat(self._path(path))
                return {k: getattr(st, k) for k in ('st_atime', 'st_ctime', 'st_gid', 'st_mode', 'st_mtime', 'st_nlink', 'st_size', 'st_uid')}
            def readdir(self, path, fh): return ['.', '..'] + os.listdir(self._path(path))
            def open(self, path, flags): return os.open(self._path(path), os.O_RDONLY)
            def read(self, path, size, offset, fh):
                if path.endswith(self.suffix) and offset + size > self.offset: raise FuseOSError(errno.EIO)
                return os.pread(fh, size, offset)
            def release(self, path, fh): os.close(fh)
        FUSE(Damaged(sys.argv[1], sys.argv[3], int(sys.argv[4])), sys.argv[2], foreground=True, ro=True, nothreads=True)
        """

    /// Runs `body` with the dirty-hive fixture (NTUSER.DAT and its logs) mounted from a medium on which
    /// reads of the file named with `suffix` fail from `offset` on; `body` gets the mount point. Does
    /// nothing (with a message) where the FUSE server cannot mount.
    static func withDamagedMedium(failing suffix: String, from offset: Int, _ body: (TemporaryDirectory) throws -> Void) throws {
        let source = try TemporaryDirectory()
        let mountPoint = try TemporaryDirectory()
        defer { source.remove(); mountPoint.remove() }
        _ = try DirtyHiveTests.fixture(in: source)
        let script = source.file(".damaged-medium.py")
        try Self.server.write(toFile: script, atomically: true, encoding: .utf8)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: Self.python)
        server.arguments = [script, source.path, mountPoint.path, suffix, String(offset)]
        server.standardInput = FileHandle.nullDevice
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            _ = try? ExternalTool.run("umount", [mountPoint.path], timeout: 20)
            if server.isRunning { server.terminate() }
            server.waitUntilExit()
        }
        let deadline = Date().addingTimeInterval(20)
        while !(try String(contentsOfFile: "/proc/mounts", encoding: .utf8)).contains(" \(mountPoint.path) "), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
        }
        guard try String(contentsOfFile: "/proc/mounts", encoding: .utf8).contains(" \(mountPoint.path) ") else {
            // A sandbox may have /dev/fuse but refuse mounts (no CAP_SYS_ADMIN): nothing to test there.
            print("DamagedMediumTests: skipped: the FUSE server could not mount \(mountPoint.path) here")
            return
        }
        let copy = try ExternalTool.run("cat", [mountPoint.file("NTUSER.DAT" + (suffix == "NTUSER.DAT" ? "" : suffix))], timeout: 20)
        #expect(copy.status != 0 && copy.stderr.contains("Input/output error"), "the file should be unreadable: \(copy.stderr)")
        try body(mountPoint)
    }

    @Test(.enabled(if: canMount, "needs root, /dev/fuse and python3-fusepy"))
    func aLogWithUnreadablePagesIsSkippedNotACrash() throws {
        try Self.withDamagedMedium(failing: ".LOG1", from: 4096) { mountPoint in
            let hive = mountPoint.file("NTUSER.DAT")
            for command in [["info"], ["list-profiles", "--format", "json"]] {
                let outcome = try CLI.run(command + [hive])
                outcome.expectFinished()
                #expect(outcome.status == 0, "\(outcome)")
                // info lists the skipped log on stdout; list-profiles warns on stderr and reports it in its JSON.
                #expect((outcome.stdout + outcome.stderr).contains("cannot be read: Input/output error"), "\(outcome)")
                #expect(!outcome.stdout.contains("FromLog"))
            }
        }
    }

    /// The hive itself is mapped (by hivex too): a page the medium cannot deliver raises SIGBUS, which
    /// hivetool turns into one line naming the file and exit 74, never a crash report.
    @Test(.enabled(if: canMount, "needs root, /dev/fuse and python3-fusepy"))
    func aHiveWithUnreadablePagesIsAnIOErrorNotACrash() throws {
        try Self.withDamagedMedium(failing: "NTUSER.DAT", from: 8192) { mountPoint in
            let hive = mountPoint.file("NTUSER.DAT")
            for command in [["info", "--no-logs"], ["list-profiles"], ["outlook", "--format", "json"], ["deleted"]] {
                let outcome = try CLI.run(command + [hive])
                outcome.expectFinished()
                #expect(outcome.status == 74, "\(command): \(outcome)")
                let lines = outcome.stderr.split(separator: "\n")
                #expect(lines.contains { $0.contains("cannot read") && $0.contains("I/O error") }, "\(command): \(outcome.stderr)")
                #expect(!outcome.stderr.contains("Program crashed") && !outcome.stderr.contains("Bus error"), "\(command): \(outcome.stderr)")
            }
        }
    }
}
