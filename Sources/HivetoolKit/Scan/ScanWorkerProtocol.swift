import FoundationEssentials
import Glibc

/// What a scan worker and the pool say to each other: NUL-terminated paths in, and per path out
/// either its records rendered in the scan's output format (a ``ScanReply``: `scan-worker --format`)
/// or one line holding a JSON array of its records (one for a hive file, one per hive for a disk
/// image; dates as numbers, so they survive the round trip exactly), which is also what
/// `hivetool-images` writes.
public enum ScanWorkerProtocol {
    /// Writes one request; false when the worker is gone.
    static func send(path: String, to descriptor: Int32) -> Bool {
        let bytes = Array(path.utf8) + [0]
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            written += count
        }
        return true
    }

    /// The line a worker writes for the `records` of one path (ends with a newline).
    public static func encode(_ records: [ScanRecord]) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        let data = (try? encoder.encode(records)) ?? Data()
        return Array(data) + [UInt8(ascii: "\n")]
    }

    static func decode(_ line: [UInt8]) -> [ScanRecord]? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try? decoder.decode([ScanRecord].self, from: Data(line))
    }

    /// Reads the NUL-terminated paths of standard input one by one, calling `body` for each, until
    /// the input ends. What a worker runs.
    public static func serve(input: Int32 = STDIN_FILENO, _ body: (String) -> [UInt8]) {
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(input, &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            pending += chunk[0..<count]
            while let end = pending.firstIndex(of: 0) {
                let path = String(decoding: pending[..<end], as: UTF8.self)
                pending.removeSubrange(...end)
                var line = body(path)
                var written = 0
                while written < line.count {
                    let result = line[written...].withUnsafeMutableBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
                    if result < 0 && errno == EINTR { continue }
                    guard result > 0 else { return }
                    written += result
                }
                line.removeAll()
            }
        }
    }
}
