import Glibc
import HivetoolKit

/// A hive is read through a memory mapping (ours and hivex's), and a page of it that the medium
/// cannot deliver (a bad sector on the evidence drive, a network file that went away) raises SIGBUS
/// when first touched. hivetool then prints one line naming the file and exits 74 (I/O error)
/// instead of crashing. Nothing has been written by then: an edit writes a new file and renames it
/// over the hive only after reading and verifying it.
enum MappedReadFailure {
    /// The line the handler writes, made in advance: a signal handler may only write and exit.
    nonisolated(unsafe) private static var line: UnsafeMutableBufferPointer<UInt8>?

    /// Installs the handler for the whole process (every thread).
    static func install() {
        prepare("hivetool: cannot read an input file: the medium returned an I/O error while it was read through a memory mapping (a bad sector?)")
        signal(SIGBUS, handler)
    }

    /// From now on the line names `path`, the file being read.
    static func reading(_ path: String) {
        prepare("hivetool: \(Console.oneLine(path)): cannot read the file: the medium returned an I/O error while it was read through a memory mapping (a bad sector?)")
    }

    private static func prepare(_ text: String) {
        let bytes = Array((text + "\n").utf8)
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = buffer.initialize(from: bytes)
        line = buffer  // the previous line stays allocated: the handler may be reading it
    }

    private static let handler: @convention(c) (Int32) -> Void = { _ in
        if let line = MappedReadFailure.line { _ = write(STDERR_FILENO, line.baseAddress, line.count) }
        _exit(ExitStatus.ioError.rawValue)
    }
}
