import Foundation

/// Scans files on `jobs` threads, hands the records back in input order, and abandons a file that
/// takes longer than `timeLimit` (hivex calls cannot be interrupted, so its thread is left to finish
/// on its own and a new worker takes its place).
public final class ScanRunner: @unchecked Sendable {
    public let jobs: Int
    public let timeLimit: TimeInterval
    private let scanOne: @Sendable (String) -> ScanRecord

    private let condition = NSCondition()
    private var paths: [String] = []
    private var nextIndex = 0
    private var results: [Int: ScanRecord] = [:]
    private var started: [Int: Date] = [:]

    /// - Parameter scanOne: examines one file (``ScanRecord/scan(path:)``; tests pass a slow one).
    public init(jobs: Int, timeLimit: TimeInterval, scanOne: @escaping @Sendable (String) -> ScanRecord = ScanRecord.scan(path:)) {
        self.jobs = max(1, jobs)
        self.timeLimit = timeLimit
        self.scanOne = scanOne
    }

    /// Scans `paths`, calling `emit` with each record in input order as soon as it and all before it
    /// are done, and `progress` with the number finished.
    public func run(_ paths: [String], emit: (ScanRecord) -> Void, progress: ((Int, Int) -> Void)? = nil) {
        condition.lock()
        self.paths = paths
        nextIndex = 0
        results = [:]
        started = [:]
        condition.unlock()
        for _ in 0..<min(jobs, paths.count) { startWorker() }

        var emitted = 0
        var finished = 0
        while emitted < paths.count {
            condition.lock()
            _ = condition.wait(until: Date().addingTimeInterval(0.2))
            let now = Date()
            var replacements = 0
            for (index, start) in started where now.timeIntervalSince(start) > timeLimit {
                started[index] = nil
                results[index] = ScanRecord.timedOut(path: paths[index], after: timeLimit)
                replacements += 1
            }
            var ready: [ScanRecord] = []
            while let record = results.removeValue(forKey: emitted + ready.count) {
                ready.append(record)
            }
            finished = nextIndex - started.count
            condition.unlock()
            for _ in 0..<replacements { startWorker() }
            for record in ready { emit(record) }
            emitted += ready.count
            progress?(max(finished, emitted), paths.count)
        }
    }

    private func startWorker() {
        let thread = Thread { [self] in work() }
        thread.stackSize = 8 << 20
        thread.start()
    }

    private func work() {
        while true {
            condition.lock()
            guard nextIndex < paths.count else {
                condition.unlock()
                return
            }
            let index = nextIndex
            nextIndex += 1
            started[index] = Date()
            let path = paths[index]
            condition.unlock()

            let record = scanOne(path)

            condition.lock()
            let abandoned = started[index] == nil  // the time limit passed and a replacement took over
            if !abandoned {
                started[index] = nil
                results[index] = record
            }
            condition.broadcast()
            condition.unlock()
            if abandoned { return }
        }
    }
}
