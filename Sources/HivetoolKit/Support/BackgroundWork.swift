import Dispatch

/// Work started on another thread now, whose result is waited for later: the free-space search runs
/// beside the read of the live tree (the machine's second core), as the hashes do.
public final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<Value, any Error>?

    /// Starts `work` on a global queue.
    public init(_ work: @escaping @Sendable () throws -> Value) {
        DispatchQueue.global().async { [self] in
            result = Result { try work() }
            done.signal()
        }
    }

    /// Work already done: `result` (an error met before any work could start).
    public init(finished result: Result<Value, any Error>) {
        self.result = result
        done.signal()
    }

    /// Waits for the work to end; its value or its error.
    public func wait() -> Result<Value, any Error> {
        done.wait()
        done.signal()  // later waits return at once
        return result!
    }
}
