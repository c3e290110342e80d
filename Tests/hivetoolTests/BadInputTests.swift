import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every read command on every kind of input that is not a usable hive: the documented exit code, one
/// `hivetool: ` line on stderr naming the file, nothing on stdout, no hang, and the input left unchanged.
@Suite("Bad inputs")
struct BadInputTests {
    @Test("A bad input is refused with one line and the documented exit code",
          arguments: BadInput.allCases, Invocation.all)
    func badInput(_ input: BadInput, _ invocation: Invocation) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try input.make(in: directory)
        let before = try PathState(path)
        let folderBefore = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()

        let outcome = try CLI.run(invocation.arguments(hive: path))

        outcome.expectError(input.expectedStatus, containing: [path, input.expectedMessage])
        #expect(outcome.stdout.isEmpty, "stdout: \(outcome)")
        #expect(try PathState(path) == before, "the input changed")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == folderBefore,
                "files appeared or vanished beside the input")
    }

    @Test("The checksum helper used to build the log agrees with the samples' stored checksums",
          arguments: ["NTUSER.DAT", "SOFTWARE"])
    func checksumHelper(_ sample: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Fixtures.sample(sample))))
        let stored = (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[508 + $1]) << (8 * $1) }
        #expect(HiveSurgery.baseBlockChecksum(bytes) == stored)
    }

    /// A file name holding a newline or an escape sequence still gives one line on stderr, the
    /// characters shown escaped (a terminal or a log reader never sees them raw).
    @Test func controlCharactersInAPathStayOnOneLine() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("two\nlines\u{1B}[31m.DAT")
        FileManager.default.createFile(atPath: path, contents: Data("not a hive".utf8))
        for arguments in [["info", path], ["list-profiles", path], ["get-expire", path]] {
            let outcome = try CLI.run(arguments)
            #expect(outcome.status == 65, "\(outcome)")
            let lines = outcome.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
            #expect(lines.count == 1 && lines[0].contains("two\\nlines\\u{1B}[31m.DAT"), "\(arguments[0]): \(outcome.stderr)")
            #expect(!outcome.stderr.contains("\u{1B}"))
        }
    }
}

/// The kinds of unusable input, each built fresh in a temporary folder.
enum BadInput: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case missing
    case directory
    case fifo
    case symlinkLoop
    case empty
    case randomBytes
    case transactionLog
    case truncated
    case truncatedInsideBaseBlock

    /// 66 when the path cannot be opened as a file, 65 when the file is not a usable hive.
    var expectedStatus: Int32 {
        switch self {
        case .missing, .directory, .fifo, .symlinkLoop: 66
        case .empty, .randomBytes, .transactionLog, .truncated, .truncatedInsideBaseBlock: 65
        }
    }

    /// A part of the error line that says what is wrong.
    var expectedMessage: String {
        switch self {
        case .missing: "no such file"
        case .directory: "the path is a directory"
        case .fifo: "not a regular file"
        case .symlinkLoop: "symbolic links loop"
        case .empty: "the file is empty"
        case .randomBytes: "no 'regf' signature"
        case .transactionLog: "transaction log"
        case .truncated: "truncated"
        case .truncatedInsideBaseBlock: "smaller than a 4096-byte base block"
        }
    }

    var testDescription: String { rawValue }

    /// Creates the input in `directory` and returns its path.
    func make(in directory: TemporaryDirectory) throws -> String {
        let path = directory.file("input-\(rawValue)")
        let sample = Fixtures.sample("NTUSER.DAT")
        switch self {
        case .missing:
            break
        case .directory:
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        case .fifo:
            // Opening a FIFO without a writer blocks forever: a tool that opens it hangs.
            guard mkfifo(path, 0o644) == 0 else { throw CocoaError(.fileWriteUnknown) }
        case .symlinkLoop:
            // A link to itself: opening it fails with ELOOP.
            guard symlink(path, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        case .empty:
            try Data().write(to: URL(fileURLWithPath: path))
        case .randomBytes:
            var generator = SplitMix64(seed: 0x6869_7665_746f_6f6c)
            let bytes = (0..<65536 / 8).flatMap { _ in withUnsafeBytes(of: generator.next().littleEndian, Array.init) }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        case .transactionLog:
            // A new-format log has file type 6 at offset 28 and a valid checksum.
            _ = try directory.copy(sample, as: (path as NSString).lastPathComponent)
            try HiveSurgery.setBaseBlockField(path: path, offset: 28, to: 6)
        case .truncated:
            let bytes = try Data(contentsOf: URL(fileURLWithPath: sample))
            try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
        case .truncatedInsideBaseBlock:
            try Data(contentsOf: URL(fileURLWithPath: sample)).prefix(2000).write(to: URL(fileURLWithPath: path))
        }
        return path
    }
}

/// A deterministic random number generator, so the "random" file is the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// What is at a path (bytes and mtime of a file, entries and mtime of a folder), to show a run left it alone.
enum PathState: Equatable {
    case absent
    case file(FileSnapshot)
    case directory(entries: [String], modified: Date?)
    case other(type: FileAttributeType?, modified: Date?)

    init(_ path: String) throws {
        let manager = FileManager.default
        guard let attributes = try? manager.attributesOfItem(atPath: path) else {
            self = .absent
            return
        }
        let type = attributes[.type] as? FileAttributeType
        let modified = attributes[.modificationDate] as? Date
        switch type {
        case .typeRegular?: self = .file(try FileSnapshot(path))
        case .typeDirectory?: self = .directory(entries: try manager.contentsOfDirectory(atPath: path).sorted(), modified: modified)
        default: self = .other(type: type, modified: modified)
        }
    }
}
