import ArgumentParser
import FoundationEssentials
import Glibc
import Hivex
import HivetoolKit

/// Standard output as a `TextOutputStream`.
struct StandardOutput: TextOutputStream {
    /// Writes straight to file descriptor 1 (no `print`: its dynamic casts cost more than the output).
    mutating func write(_ string: String) {
        Console.writeAll(string, to: STDOUT_FILENO)
    }
}

/// Standard error as a `TextOutputStream`.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        Console.writeAll(string, to: STDERR_FILENO)
    }
}

enum Console {
    /// Writes all of `string` to `descriptor`, retrying after signals; stops quietly on a closed
    /// pipe (`| head`): nothing more to say.
    static func writeAll(_ string: String, to descriptor: Int32) {
        var string = string
        string.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }

    /// Prints one diagnostic line on standard error.
    static func warn(_ message: String) {
        var error = StandardError()
        print(message, to: &error)
    }

    /// Warns on stderr that a hive is dirty, when it is.
    static func warnIfDirty(_ identity: HiveIdentity) {
        for warning in identity.dirtyWarnings { warn("hivetool: warning: \(warning)") }
    }

    /// Runs a command body; a ``HiveError`` becomes one line on stderr and its documented exit code.
    static func run(_ body: () throws -> Void) throws {
        // Past a file size limit (ulimit -f), fail the write with EFBIG instead of dying.
        signal(SIGXFSZ, SIG_IGN)
        do {
            try body()
            fflush(nil)
        } catch let error as HiveError {
            fflush(nil)
            warn("hivetool: \(error)")
            throw ExitCode(ExitStatus(error.kind).rawValue)
        } catch let error as SafeEditError {
            fflush(nil)
            warn("hivetool: \(error)")
            throw ExitCode(ExitStatus(error).rawValue)
        } catch let error as ExitCode {
            fflush(nil)
            throw error
        } catch let error as ValidationError {
            throw error
        } catch {
            fflush(nil)
            warn("hivetool: \(error)")
            throw ExitCode(ExitStatus.internalError.rawValue)
        }
    }

    /// Opens a hive read-only with the shared options.
    static func open(_ options: HiveOptions) throws -> Hive {
        try Hive(path: options.hive, options: options.openOptions)
    }

    /// Writes an encodable document as JSON to standard output.
    static func printJSON<T: Encodable>(_ value: T) throws {
        var output = StandardOutput()
        output.write(try JSONOutput.string(value) + "\n")
    }
}
