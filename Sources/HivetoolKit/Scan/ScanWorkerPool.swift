import FoundationEssentials
import Glibc

/// Scans files in `jobs` worker processes, so that nothing one hive does (a crash in hivetool or in
/// hivex, a hang) can take the scan down: a worker that dies or passes the time limit is killed and
/// replaced, its file gets an error record, and every other file is still scanned. Records come
/// back in input order. A disk image is one unit of work: all its hives' records come back together,
/// and a crash or timeout on it costs that image's records only.
///
/// A worker is a process started with `workerCommand` (the `hivetool scan-worker` subcommand) that
/// speaks ``ScanWorkerProtocol`` on its standard input and output.
public final class ScanWorkerPool {
    public let jobs: Int
    public let timeLimit: TimeInterval
    public let workerCommand: [String]
    /// Extra environment for the workers (tests use it to make a worker crash).
    public let environment: [String: String]

    public init(jobs: Int, timeLimit: TimeInterval, workerCommand: [String], environment: [String: String] = [:]) {
        self.jobs = max(1, jobs)
        self.timeLimit = timeLimit
        self.workerCommand = workerCommand
        self.environment = environment
    }

    /// One running worker process and the file it is on.
    private final class Worker {
        let pid: pid_t
        let input: Int32
        let output: Int32
        var buffer: [UInt8] = []
        /// How much of `buffer` is known to hold no end of line (an image's line can be megabytes long).
        var searched = 0
        var current: (index: Int, started: Date)?
        /// The `waitpid` status once reaped.
        var exitStatus: Int32?

        init(pid: pid_t, input: Int32, output: Int32) {
            self.pid = pid
            self.input = input
            self.output = output
        }

        /// Whether the process is still running (reaps it when it has ended).
        var isRunning: Bool {
            guard exitStatus == nil else { return false }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { exitStatus = status; return false }
            return true
        }
    }

    /// How the answers of the workers are read: what to add to their command line, how to take one
    /// answer off the front of what a worker sent (nil while it is incomplete), and how a record the
    /// pool makes itself (a crash, a timeout) becomes an answer.
    private struct Framing<Answer> {
        let arguments: [String]
        let take: (Worker, _ path: String) -> Answer?
        let made: (ScanRecord) -> Answer
    }

    /// Scans `paths`, calling `emit` with each record in input order as soon as it and all before it
    /// are done, and `progress` with the number finished. The workers send their records as JSON,
    /// decoded here.
    public func run(_ paths: [String], emit: (ScanRecord) -> Void, progress: ((Int, Int) -> Void)? = nil) {
        let framing = Framing<[ScanRecord]>(arguments: [], take: { worker, path in
            guard let newline = worker.buffer[worker.searched...].firstIndex(of: UInt8(ascii: "\n")) else {
                worker.searched = worker.buffer.count
                return nil
            }
            let line = Array(worker.buffer[..<newline])
            worker.buffer.removeSubrange(...newline)
            worker.searched = 0
            return ScanWorkerProtocol.decode(line)
                ?? [Self.errorRecord(path: path, message: "the scan worker sent an unreadable record", kind: "internal")]
        }, made: { [$0] })
        run(paths, framing: framing, emit: { $0.forEach(emit) }, progress: progress)
    }

    /// Scans `paths`, calling `emit` with the records of each path rendered in `format` (by its
    /// worker, or here for the records the pool makes), in input order, and `progress` with the
    /// number finished.
    public func run(_ paths: [String], format: ListFormat, emit: (ScanReply) -> Void, progress: ((Int, Int) -> Void)? = nil) {
        func made(_ record: ScanRecord) -> ScanReply { ScanReply(record: record, format: format) }
        let framing = Framing<ScanReply>(arguments: ["--format", format.rawValue], take: { worker, path in
            switch ScanReply.take(from: &worker.buffer) {
            case nil: return nil
            case .success(let reply): return reply
            case .failure: return made(Self.errorRecord(path: path, message: "the scan worker sent an unreadable record", kind: "internal"))
            }
        }, made: made)
        run(paths, framing: framing, emit: emit, progress: progress)
    }

    private func run<Answer>(_ paths: [String], framing: Framing<Answer>, emit: (Answer) -> Void, progress: ((Int, Int) -> Void)?) {
        signal(SIGPIPE, SIG_IGN)  // a worker that died must not take us with it when we write to it
        var results: [Int: Answer] = [:]
        var next = 0
        var emitted = 0
        var finished = 0
        var workers: [Worker] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        defer { for worker in workers { stop(worker, kill: false) } }

        func assign(_ worker: Worker) -> Bool {
            guard next < paths.count else { return false }
            let index = next
            next += 1
            worker.current = (index, Date())
            if !ScanWorkerProtocol.send(path: paths[index], to: worker.input) {
                finish(worker, index: index, answer: framing.made(failedRecord(worker, path: paths[index])))
            }
            return true
        }
        func finish(_ worker: Worker, index: Int, answer: Answer) {
            worker.current = nil
            results[index] = answer
            finished += 1
        }
        /// Replaces a dead or killed worker by a new one (or by none when the work is done).
        func replace(_ worker: Worker) {
            workers.removeAll { $0 === worker }
            if next < paths.count, let fresh = try? start(framing.arguments) { workers.append(fresh); _ = assign(fresh) }
        }

        for _ in 0..<min(jobs, paths.count) {
            guard let worker = try? start(framing.arguments) else { break }
            workers.append(worker)
            _ = assign(worker)
        }
        if workers.isEmpty {  // no worker could be started: say so for every file
            for (index, path) in paths.enumerated() {
                results[index] = framing.made(Self.errorRecord(path: path, message: "cannot start a scan worker (\(workerCommand.joined(separator: " ")))",
                                                               kind: "internal"))
            }
            finished = paths.count
        }

        while emitted < paths.count {
            // Wait for output from any busy worker, at most 200 ms.
            let busy = workers.filter { $0.current != nil }
            var descriptors = busy.map { pollfd(fd: $0.output, events: Int16(POLLIN), revents: 0) }
            if !descriptors.isEmpty { _ = poll(&descriptors, nfds_t(descriptors.count), 200) }
            for (worker, descriptor) in zip(busy, descriptors) where descriptor.revents != 0 {
                guard let (index, _) = worker.current else { continue }
                let count = read(worker.output, &chunk, chunk.count)
                if count > 0 {
                    worker.buffer += chunk[0..<count]
                    while let (index, _) = worker.current, let answer = framing.take(worker, paths[index]) {
                        finish(worker, index: index, answer: answer)
                        if !assign(worker) { break }
                    }
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    finish(worker, index: index, answer: framing.made(failedRecord(worker, path: paths[index])))
                    replace(worker)
                }
            }
            // Kill workers past the time limit.
            let now = Date()
            for worker in workers {
                guard let (index, started) = worker.current, now.timeIntervalSince(started) > timeLimit else { continue }
                stop(worker, kill: true)
                finish(worker, index: index, answer: framing.made(ScanRecord.timedOut(path: paths[index], after: timeLimit)))
                replace(worker)
            }
            // Workers that died between files are replaced too.
            for worker in workers where worker.current == nil && !worker.isRunning && next < paths.count {
                replace(worker)
            }
            while let answer = results.removeValue(forKey: emitted) {
                emit(answer)
                emitted += 1
            }
            progress?(finished, paths.count)
        }
    }

    private struct SpawnError: Error {}

    /// Starts a worker with pipes on its standard input and output and /dev/null as standard error.
    private func start(_ arguments: [String]) throws -> Worker {
        guard let process = PipedProcess.start(workerCommand + arguments, environment: environment) else { throw SpawnError() }
        return Worker(pid: process.pid, input: process.input, output: process.output)
    }

    /// Ends a worker: closes its input (it exits at end of input) or kills it, and reaps it.
    private func stop(_ worker: Worker, kill shouldKill: Bool) {
        if worker.exitStatus == nil {
            if shouldKill { kill(worker.pid, SIGKILL) }
            close(worker.input)
            var status: Int32 = 0
            while waitpid(worker.pid, &status, 0) < 0 && errno == EINTR {}
            worker.exitStatus = status
        } else {
            close(worker.input)
        }
        close(worker.output)
    }

    /// The record for a file whose worker died on it, saying how it died.
    private func failedRecord(_ worker: Worker, path: String) -> ScanRecord {
        stop(worker, kill: false)
        let status = worker.exitStatus ?? 0
        let signal = status & 0x7F
        let how = signal != 0 && signal != 0x7F
            ? "worker crashed (\(Self.signalName(signal)))"
            : "worker exited with status \((status >> 8) & 0xFF)"
        return Self.errorRecord(path: path, message: "\(how) while reading this file; other files are unaffected", kind: "crash")
    }

    static func errorRecord(path: String, message: String, kind: String) -> ScanRecord {
        ScanRecord.failed(path: path, message: message, kind: kind)
    }

    /// `SIGSEGV` and the like.
    static func signalName(_ number: Int32) -> String {
        let names: [Int32: String] = [SIGSEGV: "SIGSEGV", SIGBUS: "SIGBUS", SIGABRT: "SIGABRT", SIGILL: "SIGILL", SIGFPE: "SIGFPE",
                                      SIGKILL: "SIGKILL", SIGTRAP: "SIGTRAP", SIGTERM: "SIGTERM", SIGXCPU: "SIGXCPU"]
        return names[number] ?? "signal \(number)"
    }
}
