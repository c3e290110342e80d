import ArgumentParser
import FoundationEssentials
import Glibc
import HivetoolKit

extension Hivetool {
    struct Scan: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scan",
            abstract: "Scan many hives, folders, mounted Windows volumes or disk images: profiles, marks, ProfileExpire, hashes.",
            discussion: """
                PATH may be hive files, folders (searched recursively for files named like hives or starting \
                with "regf"), or the root of a mounted Windows volume, where it reads Users/*/NTUSER.DAT, \
                Documents and Settings/*/NTUSER.DAT, Windows/ServiceProfiles/*/NTUSER.DAT and \
                Windows/System32/config/DEFAULT and SOFTWARE (any letter case). Symbolic links to folders are \
                not followed. Each hive is read in a worker process (--jobs of them): a hive that crashes or \
                hangs its worker (past --timeout) gets an error record and the scan goes on. One record per \
                file, in path order: user hives carry the list-profiles fields, \
                SOFTWARE hives the get-expire fields, and unreadable files an error. User hives' free space is \
                searched for deleted profiles and marks (deletedProfiles, recoveredMarks) unless --no-deleted, and \
                their Outlook history is summarised in an outlook field (see hivetool outlook) unless --no-outlook. A summary line ends the run \
                (on stderr for jsonl and csv). Exit 0 when every file was read, 2 when some were, 65 when none, \
                1 when nothing was found. When stderr is a terminal, a progress bar shows there (erased before \
                each record when stdout is that terminal too); --no-progress hides it.

                Disk images: a PATH whose content is a disk image (E01 and split .E01/.E02, VMDK, VHD, VHDX, or raw \
                and split raw .001 starting with an NTFS, MBR or GPT boot sector) is opened with The Sleuth Kit, \
                read-only, without mounting or root. Every NTFS file system in it (the whole image, or each MBR/GPT \
                partition) is searched for Users/*/NTUSER.DAT and UsrClass.dat, Documents and Settings/*/NTUSER.DAT, \
                Windows/ServiceProfiles/*/NTUSER.DAT, the systemprofile's NTUSER.DAT and Windows/System32/config/DEFAULT, \
                SOFTWARE and SYSTEM (any letter case); each hive is copied with its .LOG/.LOG1/.LOG2 into a private \
                temporary folder and read like a file, logs replayed when dirty. Records are named IMAGE:pN:/PATH \
                (IMAGE:/PATH when the file system fills the image) and carry "source": the image, partition, path \
                and MFT entry, the SHA-256 of the hive and of each log as stored, and the file's $STANDARD_INFORMATION \
                times (timeline formats show them as events). --hash-image also hashes the whole media and, for an \
                E01, checks the MD5/SHA-1 stored in it. --deleted-files also reads NTUSER.DAT files whose MFT entry is \
                deleted but not reused (source.deleted: true). Each image is one unit of work for the workers and --timeout. \
                An image that cannot be read (truncated, no NTFS, BitLocker, only unallocated space) gets one error \
                record; a hive on an unreadable sector range gets its own. Folders are never searched for images.

                Examples:
                  hivetool scan /mnt/evidence > scan.jsonl
                  hivetool scan --jobs 2 --format csv case1/*/NTUSER.DAT > scan.csv
                  hivetool scan --format tln /mnt/evidence >> case.tln
                  hivetool scan --hash-image case.E01 disk.vmdk disk.vhdx > images.jsonl

                Timeline formats (tln, bodyfile, timesketch) give one line per key last-write time: profile \
                roots, profiles and deletion marks of user hives, Enterprise Vault's Agents key of SOFTWARE \
                hives; unreadable files give none (the summary on stderr counts them).
                """
        )

        @Argument(help: "Hive files, folders, mounted Windows volume roots, or disk images (raw, E01, VMDK, VHD, VHDX).")
        var paths: [String]

        @Option(help: "Output format: text, json, jsonl (default when stdout is not a terminal), csv; timelines: tln, bodyfile, timesketch.")
        var format: ListFormat?

        @OptionGroup var logOptions: LogOptions
        @OptionGroup var unsafeOption: UnsafeOption

        @Option(help: "Hives scanned in parallel (default: the number of cores).")
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

        @Flag(name: .customLong("no-deleted"), help: "Do not search user hives' free space for deleted profiles and marks.")
        var noDeleted = false
        @Flag(name: .customLong("no-outlook"), help: "Do not read user hives' Outlook history (the outlook field is then null).")
        var noOutlook = false

        @Flag(name: .customLong("hash-image"), help: "Also hash each whole disk image (SHA-256, MD5, SHA-1) and check an E01's stored hashes: a full read.")
        var hashImage = false

        @Flag(name: .customLong("deleted-files"), help: "In disk images, also read NTUSER.DAT files whose MFT entries are deleted but not reused (deleted: true).")
        var deletedFiles = false

        @Option(help: "Seconds one hive (or one disk image, all its hives) may take before its worker is killed and it is reported as timed out.")
        var timeout: Double = 120

        @Flag(name: .customLong("no-progress"), help: "Do not show the progress bar (shown on stderr only when it is a terminal).")
        var noProgress = false

        func validate() throws {
            guard !paths.isEmpty else { throw ValidationError("give at least one PATH") }
            guard (1...256).contains(jobs) else { throw ValidationError("--jobs must be from 1 to 256") }
            guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
        }

        func run() throws {
            try Console.run { try scan() }
        }

        private func scan() throws {
            let chosen: ListFormat = format ?? (isatty(STDOUT_FILENO) != 0 ? .text : .jsonl)
            let files = ImageSegments.withoutLaterSegments(HiveDiscovery.files(in: paths))
            if unsafeOption.unsafe {
                Console.warn("hivetool: warning: reading in hivex's unsafe mode (--unsafe): each record lists what it skipped over (\"unsafe\": true)")
            }
            let progress = ScanProgress(disabled: noProgress)
            var writer = ScanOutput(format: chosen)
            var output = StandardOutput()
            var summary = ScanSummary()
            writer.begin(to: &output)
            let emit: (ScanReply) -> Void = { reply in
                summary.add(reply.summary)
                progress.clearBeforeOutput()
                writer.write(reply, to: &output)
            }
            ScanWorkerPool(jobs: jobs, timeLimit: timeout,
                           workerCommand: [Self.executablePath(), "scan-worker"] + (logOptions.noLogs ? ["--no-logs"] : []) + (noDeleted ? ["--no-deleted"] : [])
                                           + (noOutlook ? ["--no-outlook"] : []) + (unsafeOption.unsafe ? ["--unsafe"] : [])
                                           + (hashImage ? ["--hash-image"] : []) + ["--image-threads", String(jobs)]
                                           + (deletedFiles ? ["--deleted-files"] : []))
                .run(files, format: chosen, emit: emit, progress: progress.isShown ? progress.show : nil)
            progress.clear()
            try writer.end(summary, to: &output)
            if chosen != .text { Console.warn(summary.line) }
            if files.isEmpty { Console.warn("hivetool: no hive found in \(paths.joined(separator: ", "))") }
            let status = summary.exitStatus
            if status != .success { throw ExitCode(status.rawValue) }
        }

        /// This executable, which runs the workers.
        static func executablePath() -> String {
            ImageWorker.currentExecutable() ?? CommandLine.arguments[0]
        }
    }
}
