import Foundation
import Glibc
import Testing
import TestSupport
@testable import Hivex

/// Every bad input gives one typed error with a clear message, never a crash.
@Suite struct HiveErrorTests {
    /// Each named errno is its C constant (swift-system's ErrnoTest), with the name hivetool prints.
    @Test func errnoConstantsMatchTheCConstants() {
        let expected: [(Errno, Int32, String)] = [
            (.noSuchFileOrDirectory, ENOENT, "ENOENT"), (.notDirectory, ENOTDIR, "ENOTDIR"), (.isDirectory, EISDIR, "EISDIR"),
            (.permissionDenied, EACCES, "EACCES"), (.notPermitted, EPERM, "EPERM"), (.readOnlyFileSystem, EROFS, "EROFS"),
            (.fileExists, EEXIST, "EEXIST"), (.noSpace, ENOSPC, "ENOSPC"), (.diskQuotaExceeded, EDQUOT, "EDQUOT"),
            (.fileTooLarge, EFBIG, "EFBIG"), (.ioError, EIO, "EIO"), (.noMemory, ENOMEM, "ENOMEM"), (.interrupted, EINTR, "EINTR"),
            (.notSupported, ENOTSUP, "ENOTSUP"), (.invalidArgument, EINVAL, "EINVAL"), (.badAddress, EFAULT, "EFAULT"),
            (.loop, ELOOP, "ELOOP"), (.outOfRange, ERANGE, "ERANGE"), (.hivexNoKey, ENOKEY, "HIVEX_NO_KEY"),
        ]
        for (errno, code, name) in expected {
            #expect(errno.rawValue == code && errno.name == name && errno.description == name)
        }
        #expect(Errno(rawValue: 9999).name == "errno 9999")
        #expect(Errno.noSuchFileOrDirectory.message == "No such file or directory")
    }

    /// A file's EEXIST is a file that exists; hivex's is a key that does.
    @Test func theSameErrnoMeansWhatItsSourceMeans() {
        #expect(HiveError(file: .fileExists, operation: "create", path: "x").kind == .fileExists)
        #expect(HiveError(hivex: .fileExists, operation: "add key", path: "x").kind == .keyExists)
        #expect(HiveError(file: .readOnlyFileSystem, operation: "write", path: "x").kind == .permissionDenied)
        #expect(HiveError(hivex: .readOnlyFileSystem, operation: "set value", path: "x").kind == .readOnly)
        #expect(HiveError(hivex: Errno(rawValue: 0), operation: "read key name", path: "x").errno == nil)
        #expect(HiveError(file: .noSuchFileOrDirectory, operation: "open", path: "x").message == "no such file")
    }

    @Test func hivexErrnoMapsToKinds() {
        #expect(Hive.hivexError(ENOTSUP, operation: "open", path: "x").kind == .corrupt)
        #expect(Hive.hivexError(ELOOP, operation: "list subkeys", path: "x").kind == .corrupt)
        #expect(Hive.hivexError(ERANGE, operation: "x", path: "x").kind == .limitExceeded)
        #expect(Hive.hivexError(EEXIST, operation: "x", path: "x").kind == .keyExists)
        #expect(Hive.hivexError(EROFS, operation: "x", path: "x").kind == .readOnly)
        #expect(Hive.hivexError(ENOENT, operation: "x", path: "x").kind == .fileNotFound)
        #expect(Hive.hivexError(EACCES, operation: "x", path: "x").kind == .permissionDenied)
    }

    @Test func descriptionNamesFileKeyOperationAndErrno() {
        let error = HiveError(.corrupt, operation: "list subkeys", path: "NTUSER.DAT", keyPath: "Software", errno: .notSupported,
                              message: "hive is corrupt: cannot list subkeys")
        #expect(error.description == "NTUSER.DAT: hive is corrupt: cannot list subkeys (key Software; list subkeys: ENOTSUP)")
    }

    func openError(_ path: String) -> HiveError? {
        do {
            _ = try Hive(path: path)
            return nil
        } catch let error as HiveError {
            return error
        } catch {
            Issue.record("unexpected error type: \(error)")
            return nil
        }
    }

    @Test func missingFileDirectoryEmptyAndRandomBytes() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        #expect(openError(folder.file("missing"))?.kind == .fileNotFound)
        #expect(openError(folder.path)?.kind == .notAFile)
        #expect(openError(folder.path)?.message == "not a registry hive: the path is a directory")

        FileManager.default.createFile(atPath: folder.file("empty"), contents: Data())
        #expect(openError(folder.file("empty"))?.message == "not a registry hive: the file is empty")

        var generator = SystemRandomNumberGenerator()
        let random = Data((0..<10_000).map { _ in UInt8.random(in: 0...255, using: &generator) })
        FileManager.default.createFile(atPath: folder.file("random"), contents: random)
        #expect(openError(folder.file("random"))?.kind == .notAHive)

        FileManager.default.createFile(atPath: folder.file("short"), contents: Data("regf".utf8))
        #expect(openError(folder.file("short"))?.message.contains("smaller than a 4096-byte base block") == true)
    }

    @Test func truncatedHiveIsCorrupt() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("truncated")
        FileManager.default.createFile(atPath: path, contents: Data(EmptyHive.bytes().prefix(6000)))
        let error = openError(path)
        #expect(error?.kind == .corrupt)
        #expect(error?.message.contains("truncated") == true)
    }

    @Test func unsafeModeIsNeverUsedOnALog() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        var log = EmptyHive.bytes()
        log.setUInt32(6, at: 28)
        log.setUInt32(BaseBlock.checksum(of: log), at: 508)
        let path = folder.file("SYSTEM.LOG1")
        FileManager.default.createFile(atPath: path, contents: Data(log))
        #expect(throws: HiveError.self) { try Hive(path: path, options: .unsafe) }
    }

    @Test(.enabled(if: Fixtures.hasSharedHives, "../shared/hives is absent"),
          arguments: ["NotAHive", "SAM-bad-hbin-header", "SAN-bad-checksum", "SYSTEM.LOG1-new-format", "corrupted_system_hive"])
    func corruptSharedHivesFailToOpenWithAClearError(name: String) throws {
        let path = Fixtures.shared("corrupt/\(name)")
        let before = try FileSnapshot(path)
        let error = try #require(openError(path))
        #expect([.notAHive, .corrupt].contains(error.kind))
        #expect(error.message.hasPrefix("not a registry hive") || error.message.hasPrefix("hive is corrupt"))
        #expect(!error.description.contains("\n"))
        #expect(try FileSnapshot(path) == before)
    }

    @Test(.enabled(if: Fixtures.hasSharedHives, "../shared/hives is absent"))
    func unsafeModeRefusesTheNewFormatLogThatCrashesHivex() throws {
        let error = try #require(throws: HiveError.self) { try Hive(path: Fixtures.shared("corrupt/SYSTEM.LOG1-new-format"), options: .unsafe) }
        #expect(error.kind == .notAHive)
    }

    @Test(.enabled(if: Fixtures.hasSharedHives, "../shared/hives is absent"))
    func corruptSubkeyListFailsWhenListingWithTheKeyPath() throws {
        let hive = try Hive(path: Fixtures.shared("corrupt/corrupt_sub_key_list.hiv"))
        let error = try #require(throws: HiveError.self) { try hive.children(of: hive.root()) }
        #expect(error.kind == .corrupt)
        #expect(error.keyPath == "\\")
        #expect(error.operation == "list subkeys")
    }
}
