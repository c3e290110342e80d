import ArgumentParser
import FoundationEssentials
import Glibc
import HivetoolKit

extension Hivetool {
    /// The process `scan` runs each hive in (hidden): NUL-terminated paths on stdin, and for each
    /// on stdout its records rendered in `--format` (a ``ScanReply``), or without it one line of JSON
    /// records, until stdin ends.
    struct ScanWorker: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scan-worker",
            abstract: "Internal: the worker process of scan.",
            shouldDisplay: false
        )

        /// Test-only: a worker whose file's path contains this text crashes with SIGSEGV on it.
        static let crashEnvironmentVariable = "HIVETOOL_TEST_WORKER_CRASH_ON"
        /// Test-only: a worker whose file's path contains this text hangs on it.
        static let hangEnvironmentVariable = "HIVETOOL_TEST_WORKER_HANG_ON"

        /// A real invalid memory access, as a bug would make (a raised signal can be survived).
        static func crash() {
            UnsafeMutablePointer<Int>(bitPattern: 8)!.pointee = 1
        }

        @OptionGroup var logOptions: LogOptions
        @OptionGroup var unsafeOption: UnsafeOption
        @Flag(name: .customLong("no-deleted"), help: "Do not search free space for deleted profiles.")
        var noDeleted = false
        @Flag(name: .customLong("no-outlook"), help: "Do not read user hives' Outlook history.")
        var noOutlook = false
        @Flag(name: .customLong("hash-image"), help: "Hash whole disk images.")
        var hashImage = false
        @Option(name: .customLong("image-threads"), help: "Hives of one disk image read at once.")
        var imageThreads = 1
        @Flag(name: .customLong("deleted-files"), help: "Also read deleted NTUSER.DAT files in disk images.")
        var deletedFiles = false
        @Option(help: "Render each path's records in this output format of scan (without it: JSON records).")
        var format: ListFormat?

        func run() throws {
            let crashOn = ProcessInfo.processInfo.environment[Self.crashEnvironmentVariable]
            let hangOn = ProcessInfo.processInfo.environment[Self.hangEnvironmentVariable]
            ScanWorkerProtocol.serve { path in
                if let crashOn, !crashOn.isEmpty, path.contains(crashOn) { Self.crash() }
                if let hangOn, !hangOn.isEmpty, path.contains(hangOn) { while true { sleep(60) } }
                let options = ImageScanOptions(openOptions: logOptions.openOptions.union(unsafeOption.openOptions), includingDeleted: !noDeleted,
                                               includingOutlook: !noOutlook, hashImage: hashImage, threads: imageThreads,
                                               deletedFiles: deletedFiles)
                // Disk images are read by hivetool-images, so that hivetool never loads The Sleuth Kit.
                let records = ImageSignature.isDiskImage(path: path) ? ImageWorker.records(path: path, options: options)
                    : [ScanRecord.scan(path: path, options: options.openOptions, includingDeleted: !noDeleted, includingOutlook: !noOutlook)]
                guard let format else { return ScanWorkerProtocol.encode(records) }
                return Self.reply(records, format: format, path: path).message
            }
        }

        /// The records rendered in `format`, or an error record for `path` saying why they could not be.
        static func reply(_ records: [ScanRecord], format: ListFormat, path: String) -> ScanReply {
            do {
                return try ScanReply(records: records, format: format)
            } catch {
                return ScanReply(record: ScanRecord.unreadable(path, "its record cannot be written as \(format.rawValue): \(error)", kind: "internal"),
                                 format: format)
            }
        }
    }
}
