// libFuzzer harness: the whole read path on arbitrary bytes.
//
// The input is written to a memfd and opened as /proc/self/fd/N with Hive(path:) (base block check,
// then hivex read-only), so the code under test is exactly what the read commands run. Then:
// HiveInfo (info), a walk that reads every key's name, timestamp, path and parent and every value,
// and one of: KeyListing (ls/get) on the root and the first keys with ProfileExpireReport
// (get-expire), ProfileReport (list-profiles), OutlookReport (outlook) or ScanRecord.scan (scan),
// the command and its output format chosen by the input's length (see readEverything).
//
// An input may carry transaction logs after the hive, split at the 8-byte separator `fuzzLOG!`
// (PRIMARY [fuzzLOG! LOG1 [fuzzLOG! LOG2 [fuzzLOG! LOG]]]): then the hive and its logs are written
// as HIVE, HIVE.LOG1, HIVE.LOG2, HIVE.LOG in a folder on /dev/shm (a memfd has no siblings), and
// Hive(path:) replays the logs in memory, as every read command does since main's 49786a2.
//
// The harness recomputes the base-block checksum of inputs that start with `regf` before writing
// them (otherwise almost every header mutation stops at the checksum check, which `baseblock`
// covers). `scripts/fuzz --materialize INPUT OUT` writes the file exactly as the harness opens it,
// for reproducing a finding with the hivetool CLI.
//
// Built and run by scripts/fuzz (target `readpath`); see FUZZING.md.
import Foundation
import Glibc
import Hivex
import HivetoolKit

/// One memory file for all inputs: no disk writes while fuzzing. Glibc's memfd_create is not
/// visible to Swift (it needs _GNU_SOURCE), so it is looked up by name; a file in /dev/shm (else
/// the temporary folder), unlinked at once, stands in when it is missing.
let memoryFile: Int32 = {
    typealias MemfdCreate = @convention(c) (UnsafePointer<CChar>, UInt32) -> Int32
    let closeOnExec: UInt32 = 1  // MFD_CLOEXEC
    if let symbol = dlsym(nil, "memfd_create") {
        let descriptor = unsafeBitCast(symbol, to: MemfdCreate.self)("hivetool-readpath", closeOnExec)
        if descriptor >= 0 { return descriptor }
    }
    let folder = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : NSTemporaryDirectory()
    var template = Array("\(folder)/hivetool-readpath-XXXXXX".utf8CString)
    let descriptor = mkstemp(&template)
    precondition(descriptor >= 0, "cannot create the input file: errno \(errno)")
    unlink(template)
    return descriptor
}()

/// At most this many keys are read in detail per input (keeps one input well under the time limit).
let maximumKeys = 4096

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var parts = split(UnsafeRawBufferPointer(start: data, count: size)).map { [UInt8]($0) }
    fixChecksum(&parts[0])
    if parts.count == 1 {
        let path = "/proc/self/fd/\(memoryFile)"
        guard ftruncate(memoryFile, 0) == 0, writeAll(parts[0], to: memoryFile) else { fatalError("cannot write the memfd: errno \(errno)") }
        readEverything(path: path, choice: size)
    } else {
        readEverything(path: writeWithLogs(parts), choice: size)
    }
    return 0
}

let logNames = ["HIVE.LOG1", "HIVE.LOG2", "HIVE.LOG"]

/// The folder for inputs with logs, on tmpfs when there is one.
let logFolder: String = {
    let parent = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : NSTemporaryDirectory()
    let folder = "\(parent)/hivetool-readpath-\(getpid())"
    mkdir(folder, 0o700)
    atexit { removeLogFolder() }
    return folder
}()

func removeLogFolder() {
    for name in ["HIVE"] + logNames { unlink("\(logFolder)/\(name)") }
    rmdir(logFolder)
}

/// Writes HIVE and up to three logs into ``logFolder``, removing logs of an earlier input.
func writeWithLogs(_ parts: [[UInt8]]) -> String {
    for (index, name) in (["HIVE"] + logNames).enumerated() {
        let path = "\(logFolder)/\(name)"
        unlink(path)
        guard index < parts.count else { continue }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0, writeAll(parts[index], to: descriptor) else { fatalError("cannot write \(path): errno \(errno)") }
        close(descriptor)
    }
    return "\(logFolder)/HIVE"
}

/// "fuzzLOG!" as a little-endian word.
let separatorWord: UInt64 = 0x2147_4F4C_7A7A_7566
let separatorLength = 8

/// The input's parts at each separator (the first is the hive), found with memchr and one 8-byte
/// compare: a byte-by-byte Swift loop under ASan and libFuzzer's comparison tracing cost as much
/// as a hive's read (the dictionary teaches libFuzzer the separator).
func split(_ bytes: UnsafeRawBufferPointer) -> [UnsafeRawBufferPointer] {
    guard let base = bytes.baseAddress, bytes.count >= separatorLength else { return [bytes] }
    var parts: [UnsafeRawBufferPointer] = []
    var start = 0
    var index = 0
    let last = bytes.count - separatorLength
    while index <= last, let hit = memchr(base + index, 0x66, last - index + 1) {
        let position = base.distance(to: UnsafeRawPointer(hit))
        if UnsafeRawPointer(hit).loadUnaligned(as: UInt64.self) == separatorWord {
            parts.append(UnsafeRawBufferPointer(rebasing: bytes[start..<position]))
            index = position + separatorLength
            start = index
        } else {
            index = position + 1
        }
    }
    parts.append(UnsafeRawBufferPointer(rebasing: bytes[start...]))
    return parts
}

/// The base block checksum at 508, recomputed for `regf` inputs of at least 4096 bytes.
func fixChecksum(_ bytes: inout [UInt8]) {
    guard bytes.count >= BaseBlock.size, bytes[0..<4].elementsEqual("regf".utf8) else { return }
    let sum = BaseBlock.checksum(of: bytes)
    for index in 0..<4 { bytes[508 + index] = UInt8(truncatingIfNeeded: sum >> (8 * index)) }
}

func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress! + offset, $0.count - offset, off_t(offset)) }
        if written < 0 { if errno == EINTR { continue }; return false }
        offset += written
    }
    return true
}

/// The command whose report an input exercises after info and the walk (see ``readEverything``).
enum Command: CaseIterable {
    case listing, profiles, outlook, scan
}

/// Opens the hive at `path` and reads it as the read commands do. Every input gets `info` (text and
/// JSON) and the walk; then one command's report, in one format, chosen by `choice` (the input's
/// length: libFuzzer's inserts and erases move an input to the next command or format, and a
/// format's new coverage keeps the input). Running every command in every format on every input
/// cost four times as much per execution for coverage the same inputs reach over four executions.
func readEverything(path: String, choice: Int) {
    guard let hive = try? Hive(path: path) else { return }
    var text = ""
    let command = Command.allCases[choice % Command.allCases.count]
    let format = ListFormat.allCases[choice / Command.allCases.count % ListFormat.allCases.count]

    // info
    if let info = try? HiveInfo(hive: hive) {
        info.writeText(to: &text)
        _ = try? JSONOutput.string(info)
    }

    // Every key and value, as the walk meets them.
    var keys: [(key: HiveKey, path: String)] = []
    _ = try? hive.walk { entry in
        guard keys.count < maximumKeys else { return }
        keys.append((entry.key, entry.path))
    }
    // Every value decoded as ls and get describe it; JSON-encoded in one document (one encoder per
    // value was a sixth of an execution).
    var descriptions: [ValueDescription] = []
    for (key, _) in keys {
        _ = try? hive.name(of: key)
        _ = try? hive.lastWrite(of: key)
        _ = try? hive.parent(of: key)
        _ = try? hive.path(of: key)
        _ = try? hive.children(of: key).count
        if let values = try? hive.values(of: key) {
            descriptions += values.map(ValueDescription.init)
            if let first = values.first { _ = try? hive.value(named: first.name, of: key) }
        }
        _ = try? hive.value(named: "", of: key)
    }
    _ = try? JSONOutput.string(descriptions)

    switch command {
    case .listing:
        // ls and get: the root, then the first keys the walk met (by path, as a user types them).
        for (_, keyPath) in keys.prefix(6) {
            if let listing = try? KeyListing(hive: hive, keyPath: keyPath) {
                listing.writeListing(to: &text)
                _ = try? JSONOutput.string(listing)
            }
            if let values = try? KeyListing(hive: hive, keyPath: keyPath, includeSubkeys: false) {
                values.writeValuesText(to: &text, single: false)
            }
        }
        _ = try? hive.key(at: "Software\\Microsoft\\Windows NT\\CurrentVersion\\Windows Messaging Subsystem\\Profiles")
        // get-expire
        if let report = try? ProfileExpireReport(hive: hive) {
            report.writeText(to: &text)
            _ = try? JSONOutput.string(report)
        }
    case .profiles:
        if let report = try? ProfileReport(hashing: hive, includingDeleted: true) { try? report.write(format, to: &text) }
    case .outlook:
        if let report = try? OutlookReport(hashing: hive) { try? report.write(format, to: &text) }
    case .scan:
        // scan (opens the file again, as the scan command does)
        _ = try? JSONOutput.string(ScanRecord.scan(path: path))
    }
    withExtendedLifetime(text) {}
}
