import Dispatch
import Glibc

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

    /// Starts `work` on a thread of its own at once, not on the shared pool, which on a two-core
    /// machine may give it a thread only when one frees (see ``FreeSpaceRecovery/ownThreadLimit``).
    /// When no thread can be made, `work` runs here, now.
    public static func onThreadOfItsOwn(_ work: @escaping @Sendable () throws -> Value) -> BackgroundWork {
        let started = BackgroundWork()
        let body = ThreadBody {
            started.result = Result { try work() }
            started.done.signal()
        }
        let context = Unmanaged.passRetained(body).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(&thread, nil, { context in
            Unmanaged<ThreadBody>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, context)
        if created == 0 {
            pthread_detach(thread)
        } else {
            Unmanaged<ThreadBody>.fromOpaque(context).release()
            body.run()
        }
        return started
    }

    private init() {}

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

/// What a thread of ``BackgroundWork/onThreadOfItsOwn(_:)`` runs, passed through `pthread_create`.
private final class ThreadBody {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}
