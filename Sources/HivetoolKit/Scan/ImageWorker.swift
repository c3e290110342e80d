import FoundationEssentials
import Glibc

/// Reads a disk image in `hivetool-images`, a program installed beside `hivetool` (or in
/// `../libexec/hivetool/`), and gives back its records. The Sleuth Kit and the libraries it pulls in
/// (libewf, libvmdk, libvhdi, afflib and through it curl, GnuTLS, ...) are linked into that program
/// only, so no other command pays for loading them at start-up.
///
/// The reader writes the image's records as one ``ScanWorkerProtocol`` line on its standard output.
/// Its standard input is a pipe it watches: when the process that started it dies (a scan worker
/// killed at the time limit), the pipe ends and the reader exits too.
public enum ImageWorker {
    /// The reader's file name.
    public static let programName = "hivetool-images"
    /// Overrides where the reader is looked for (tests, unusual installs).
    public static let pathEnvironmentVariable = "HIVETOOL_IMAGES"

    /// The records of every hive of the image at `path`, or one error record saying why the image
    /// could not be read (the reader is missing, crashed or wrote nothing usable).
    public static func records(path: String, options: ImageScanOptions) -> [ScanRecord] {
        guard let program = programPath() else {
            let overridden = ProcessInfo.processInfo.environment[pathEnvironmentVariable].map { !$0.isEmpty } ?? false
            let missing = overridden ? "\(pathEnvironmentVariable) does not name an executable file"
                : "\(programName) is not installed beside \(currentExecutable() ?? "hivetool") (nor in ../libexec/hivetool/)"
            return [ScanRecord.unreadable(path, "cannot read disk images: \(missing)", kind: "internal")]
        }
        guard let run = run(program, arguments: options.arguments + [path]) else {
            return [ScanRecord.unreadable(path, "cannot start \(program)", kind: "internal")]
        }
        if run.status == 0, let line = run.output.split(separator: UInt8(ascii: "\n")).first,
           let records = ScanWorkerProtocol.decode(Array(line)) {
            return records
        }
        let signal = run.status & 0x7F
        let how = signal != 0 && signal != 0x7F ? "crashed (\(ScanWorkerPool.signalName(signal)))" : "exited with status \((run.status >> 8) & 0xFF)"
        return [ScanRecord.unreadable(path, "the disk image reader \(how) on this image; other files are unaffected", kind: "crash")]
    }

    /// Where the reader is: `$HIVETOOL_IMAGES`, beside this executable, or in `../libexec/hivetool/`.
    public static func programPath() -> String? {
        if let path = ProcessInfo.processInfo.environment[pathEnvironmentVariable], !path.isEmpty {
            return access(path, X_OK) == 0 ? path : nil
        }
        guard let executable = currentExecutable(), let slash = executable.lastIndex(of: "/") else { return nil }
        let folder = executable[..<slash]
        let candidates = ["\(folder)/\(programName)", "\(folder)/../libexec/hivetool/\(programName)"]
        return candidates.first { access($0, X_OK) == 0 }
    }

    /// This process's executable (`/proc/self/exe` resolved).
    public static func currentExecutable() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Runs `program` with a pipe as standard input (held open until it ends), standard output
    /// collected and standard error discarded; nil when it cannot be started.
    static func run(_ program: String, arguments: [String]) -> (status: Int32, output: [UInt8])? {
        guard let process = PipedProcess.start([program] + arguments) else { return nil }
        defer { close(process.input) }
        var collected: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = read(process.output, &chunk, chunk.count)
            if count > 0 { collected += chunk[0..<count]; continue }
            if count < 0 && errno == EINTR { continue }
            break
        }
        close(process.output)
        var status: Int32 = 0
        while waitpid(process.pid, &status, 0) < 0 && errno == EINTR {}
        return (status, collected)
    }
}
