import Foundation
import Hivex
import RegistryFormat

/// Paths of the project's fixtures.
public enum Fixtures {
    /// The package root, found from this file's location.
    public static let projectRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `samples/NAME`.
    public static func sample(_ name: String) -> String {
        projectRoot.appendingPathComponent("samples").appendingPathComponent(name).path
    }

    /// `../shared/hives` beside the project, when it exists (a user's clone does not have it).
    public static let sharedHives: String? = {
        let path = projectRoot.deletingLastPathComponent().appendingPathComponent("shared/hives").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }()

    public static var hasSharedHives: Bool { sharedHives != nil }

    /// `../shared/hives/RELATIVE`; only call when ``hasSharedHives``.
    public static func shared(_ relative: String) -> String {
        (sharedHives ?? "/nonexistent-shared-hives") + "/" + relative
    }

    /// The built `make-samples` generator (scripts/test builds it).
    public static var makeSamplesExecutable: String {
        projectRoot.appendingPathComponent(".build/debug/make-samples").path
    }

    /// The built `hivetool` executable (scripts/test builds it before `swift test`).
    public static var hivetoolExecutable: String {
        let candidates = [".build/debug/hivetool", ".build/release/hivetool"].map { projectRoot.appendingPathComponent($0).path }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }
}

/// A fresh temporary folder, removed by ``remove()``.
public struct TemporaryDirectory {
    public let path: String

    public init() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hivetool-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
    }

    public func file(_ name: String) -> String { path + "/" + name }

    /// Copies `source` into the folder under `name` (its own name by default) and returns the copy's path.
    public func copy(_ source: String, as name: String? = nil) throws -> String {
        let destination = file(name ?? (source as NSString).lastPathComponent)
        try FileManager.default.copyItem(atPath: source, toPath: destination)
        return destination
    }

    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// A file's bytes and modification time, to prove reading left it unchanged.
public struct FileSnapshot: Equatable {
    public let bytes: Data
    public let modificationDate: Date?

    public init(_ path: String) throws {
        bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        modificationDate = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
    }
}

/// Runs external programs.
public enum ExternalTool {
    public struct Result {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Whether `name` is on the PATH.
    public static func isInstalled(_ name: String) -> Bool {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
    }

    /// Key and value counts as reglookup reports them (KEY lines and the rest).
    public static func reglookupCounts(_ path: String) throws -> (keys: Int, values: Int) {
        let result = try run("reglookup", [path])
        var keys = 0
        var values = 0
        for line in result.stdout.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            if fields.count > 1 && fields[1] == "KEY" { keys += 1 } else { values += 1 }
        }
        return (keys, values)
    }
}

extension ExternalTool {
    /// Runs `executable` (a path, or a name looked up on the PATH) in `currentDirectory` (this process's
    /// by default) and collects its output; the process is killed (SIGKILL, status 9) after `timeout`
    /// seconds, so a hang fails the test instead of blocking the run.
    ///
    /// The child starts with no blocked signals and the timeout
    /// works inside `swift test`: the test bodies run on Dispatch worker threads, which block almost every
    /// signal, Foundation's `Process` passes the launching thread's signal mask on to the child, and a child
    /// with SIGTERM blocked ignores `terminate()`. So the child is launched from a thread whose mask is
    /// cleared, and the watchdog (a dedicated thread, which needs no free Dispatch worker) sends SIGKILL.
    public static func run(_ executable: String, _ arguments: [String], currentDirectory: String? = nil,
                           environment: [String: String]? = nil, timeout: TimeInterval = 120) throws -> Result {
        let process = Process()
        if executable.contains("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        if let currentDirectory {
            process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory, isDirectory: true)
        }
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice

        final class Shared: @unchecked Sendable {
            var launchError: Error?
            var errorData = Data()
        }
        let shared = Shared()
        let launched = DispatchSemaphore(value: 0)
        Thread {
            var unblocked = sigset_t()
            sigemptyset(&unblocked)
            pthread_sigmask(SIG_SETMASK, &unblocked, nil)
            do { try process.run() } catch { shared.launchError = error }
            launched.signal()
        }.start()
        launched.wait()
        if let error = shared.launchError { throw error }

        let errorsRead = DispatchSemaphore(value: 0)
        let exited = DispatchSemaphore(value: 0)
        let pid = process.processIdentifier
        Thread {
            shared.errorData = errors.fileHandleForReading.readDataToEndOfFile()
            errorsRead.signal()
        }.start()
        Thread {
            if exited.wait(timeout: .now() + timeout) == .timedOut { kill(pid, SIGKILL) }
        }.start()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        errorsRead.wait()
        process.waitUntilExit()
        exited.signal()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outputData, as: UTF8.self),
                      stderr: String(decoding: shared.errorData, as: UTF8.self))
    }
}

/// Raw edits of base blocks for tests.
extension HiveSurgery {
    /// The regf base-block checksum of `bytes`: XOR of the first 127 little-endian dwords, with 0 stored
    /// as 1 and 0xFFFFFFFF as 0xFFFFFFFE.
    public static func baseBlockChecksum(_ bytes: [UInt8]) -> UInt32 {
        BaseBlock.checksum(of: bytes)
    }

    /// Sets the base block's dword at `offset` to `value` in the file at `path` (a test copy) and stores
    /// a fixed checksum at offset 508, e.g. file type 6 at offset 28 makes a new-format transaction log.
    public static func setBaseBlockField(path: String, offset: Int, to value: UInt32) throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes.setUInt32(value, at: offset)
        bytes.setUInt32(baseBlockChecksum(bytes), at: BaseBlockLayout.checksum)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}
