// hivetool-images: reads one disk image for `hivetool scan` and writes its records, one line of
// JSON (the scan worker protocol) on standard output. Internal: scan starts it for each image, so
// that The Sleuth Kit is loaded by this program only.
//
// Usage: hivetool-images [--no-logs] [--unsafe] [--no-deleted] [--no-outlook] [--hash-image]
//                        [--deleted-files] [--threads N] IMAGE
import FoundationEssentials
import Glibc
import HivetoolImages
import HivetoolKit

/// Ends this process when standard input, a pipe from the process that started it, reaches its
/// end: that process has ended or was killed (at scan's time limit), and nobody reads the records.
func exitWhenParentEnds() {
    var info = stat()
    guard fstat(STDIN_FILENO, &info) == 0, (info.st_mode & S_IFMT) == S_IFIFO else { return }
    var thread = pthread_t()
    pthread_create(&thread, nil, { _ in
        var byte: UInt8 = 0
        while true {
            let count = read(STDIN_FILENO, &byte, 1)
            if count > 0 || (count < 0 && errno == EINTR) { continue }
            _exit(75)
        }
    }, nil)
}

guard let (options, path) = ImageScanOptions.parse(Array(CommandLine.arguments.dropFirst())) else {
    let usage = "usage: hivetool-images [--no-logs] [--unsafe] [--no-deleted] [--no-outlook] [--hash-image] [--deleted-files] [--threads N] IMAGE\n"
        + "Internal: the disk-image reader of hivetool scan; use hivetool scan IMAGE.\n"
    _ = usage.withCString { write(STDERR_FILENO, $0, strlen($0)) }
    exit(64)
}
exitWhenParentEnds()
// Test-only: a reader whose image's path contains this text hangs on it (scan's time limit must end it).
if let hangOn = ProcessInfo.processInfo.environment["HIVETOOL_TEST_IMAGE_READER_HANG_ON"], !hangOn.isEmpty, path.contains(hangOn) {
    while true { sleep(60) }
}
let line = ScanWorkerProtocol.encode(ImageScan(path: path, options: options).records())
var written = 0
while written < line.count {
    let count = line[written...].withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    if count < 0 && errno == EINTR { continue }
    guard count > 0 else { exit(74) }
    written += count
}
exit(0)
