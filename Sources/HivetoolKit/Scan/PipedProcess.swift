import FoundationEssentials
import Glibc

/// A child process started with a pipe on its standard input and one on its standard output, and
/// /dev/null as standard error: scan's workers, and the disk-image reader a worker starts.
struct PipedProcess {
    let pid: pid_t
    /// Our end of the child's standard input.
    let input: Int32
    /// Our end of the child's standard output.
    let output: Int32

    /// Starts `command` (a path, then arguments) with this process's environment and `environment`
    /// on top; nil when it cannot be started. Our ends are close-on-exec, so they never leak into
    /// later children (a worker would then never see the end of its input).
    static func start(_ command: [String], environment: [String: String] = [:]) -> PipedProcess? {
        var toChild: [Int32] = [0, 0]
        var fromChild: [Int32] = [0, 0]
        guard pipe(&toChild) == 0 else { return nil }
        guard pipe(&fromChild) == 0 else {
            close(toChild[0]); close(toChild[1])
            return nil
        }
        for descriptor in toChild + fromChild { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], STDIN_FILENO)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], STDOUT_FILENO)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)

        // The child's stderr goes nowhere, so the Swift runtime's crash backtrace would only cost time.
        let variables = ProcessInfo.processInfo.environment.merging(["SWIFT_BACKTRACE": "enable=no"]) { $1 }.merging(environment) { $1 }
        let environmentStrings = variables.map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        let result = withCStrings(command) { argv in
            withCStrings(environmentStrings) { envp in
                posix_spawn(&pid, command[0], &actions, nil, argv, envp)
            }
        }
        close(toChild[0])
        close(fromChild[1])
        guard result == 0 else {
            close(toChild[1]); close(fromChild[0])
            return nil
        }
        return PipedProcess(pid: pid, input: toChild[1], output: fromChild[0])
    }

    /// Calls `body` with a NULL-terminated C array of `strings`.
    private static func withCStrings<T>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> T) -> T {
        let pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) } + [nil]
        defer { for pointer in pointers { free(pointer) } }
        return body(pointers)
    }
}
