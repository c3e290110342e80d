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

    /// Prints one diagnostic line on standard error. Control characters (a newline or an escape
    /// sequence in a file name) are shown escaped, so a diagnostic is always one line.
    static func warn(_ message: String) {
        var error = StandardError()
        print(oneLine(message), to: &error)
    }

    /// `message` with its control characters escaped (`\n`, `\t`, `\r`, `\u{1B}`).
    static func oneLine(_ message: String) -> String {
        guard message.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return message }
        var escaped = ""
        for scalar in message.unicodeScalars {
            switch scalar {
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            case "\r": escaped += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: escaped += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// Warns on stderr that a hive is dirty, when it is.
    static func warnIfDirty(_ identity: HiveIdentity) {
        for warning in identity.dirtyWarnings { warn("hivetool: warning: \(warning)") }
    }

    /// Warns on stderr that hivex's unsafe mode is used, when it is.
    static func warnIfUnsafe(_ options: HiveOptions) {
        warnIfUnsafe(options.unsafe, path: options.hive)
    }

    /// Warns on stderr that hivex's unsafe mode is used on `path`, when `isUnsafe`.
    static func warnIfUnsafe(_ isUnsafe: Bool, path: String) {
        guard isUnsafe else { return }
        warn("hivetool: warning: \(path): read in hivex's unsafe mode (--unsafe): damaged parts are skipped over and listed as problems")
    }

    /// For a command whose document has no problems list (`ls`, `get`): in unsafe mode, warns, lists
    /// on stderr what unsafe mode may have skipped over, and exits 65 when anything was.
    static func finishUnsafeRead(_ hive: Hive, _ options: HiveOptions) throws {
        guard options.unsafe else { return }
        warnIfUnsafe(options)
        let problems = HiveRecord.unsafeProblems(of: hive)
        for problem in problems { warn("hivetool: \(hive.path): \(problem)") }
        if !problems.isEmpty {
            warn("hivetool: \(hive.path): hive is corrupt: \(problems.count) part(s) could not be read in safe mode; what is shown may be incomplete")
            throw ExitCode(ExitStatus.badHive.rawValue)
        }
    }

    /// Warns on stderr that a hive is dirty, when it is.
    static func warnIfDirty(_ record: HiveRecord) {
        for warning in record.dirtyWarnings { warn("hivetool: warning: \(warning)") }
    }

    /// Runs a command body; an error becomes one line on stderr and the exit code it reports
    /// (``ExitStatusReporting``), an unexpected one exit 70.
    static func run(_ body: () throws -> Void) throws {
        // Past a file size limit (ulimit -f), fail the write with EFBIG instead of dying.
        signal(SIGXFSZ, SIG_IGN)
        // A mapped page the medium cannot read: one line and exit 74, not a crash.
        MappedReadFailure.install()
        do {
            try body()
            fflush(nil)
        } catch let error as any ExitStatusReporting {
            // The one place an error becomes an exit code: each layer's error says which. HivetoolKit's
            // errors name options by their API; hivetool spells them as its flags.
            fflush(nil)
            warn("hivetool: \((error as? HivetoolError)?.commandLineDescription ?? error.description)")
            throw ExitCode(error.exitStatus.rawValue)
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

    /// Opens a hive read-only with the shared options; its hash starts when the file is mapped and,
    /// when `searchingFreeSpace`, the search of its free space when its image is ready, both while
    /// hivex parses it. When hivex rejects the hive's structure, the error names the option that
    /// reads it anyway, and what that costs.
    static func open(_ options: HiveOptions, searchingFreeSpace: Bool = false) throws -> Hive {
        MappedReadFailure.reading(options.hive)
        do {
            return try Hive(path: options.hive, options: options.openOptions, whenMapped: PendingDigest.startWhenMapped,
                            whenImageReady: searchingFreeSpace ? FreeSpaceRecovery.startWhenImageReady(path: options.hive) : { _, _ in nil })
        } catch var error as HiveError where error.kind == .corrupt && error.errno == .notSupported && !options.unsafe {
            error.message += "; \(Remedy.Option.unsafe.flag) reads what hivex can, skipping the damaged parts (the output may then miss keys and values)"
            throw error
        }
    }

    /// Writes an encodable document as JSON to standard output.
    static func printJSON<T: Encodable>(_ value: T) throws {
        var output = StandardOutput()
        output.write(try JSONOutput.string(value) + "\n")
    }
}
