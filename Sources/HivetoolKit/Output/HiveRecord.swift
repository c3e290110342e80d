import FoundationEssentials
import Glibc
import Hivex

/// The first record about every input file, in every machine format: which file was examined (path,
/// size, SHA-256), what kind of hive it is, its dirty state and the logs applied, whether it could be
/// read (`ok`, `partial`, `error`), and which build of hivetool read it. The README documents it
/// ("Hive record").
///
/// An input that is not a hive, or cannot be read, still gets one: its SHA-256 is computed from its
/// bytes, and is null only when the file cannot be opened.
public struct HiveRecord: Codable, Hashable, Sendable {
    /// Whether the file could be read.
    public enum Status: String, Codable, Hashable, Sendable {
        /// Read completely.
        case ok
        /// Read, but parts could not be (see `problems`): what was read is listed.
        case partial
        /// Could not be read; see `error` and `errorKind`.
        case error
        /// scan: took longer than the per-hive time limit and was abandoned.
        case timeout
    }

    public var record = "hive"
    /// The file's path, as given.
    public var path: String
    /// The file's size in bytes; null when it cannot be opened.
    @NullEncoded public var size: UInt64?
    /// Lowercase hex SHA-256 of the file's bytes; null only when the file cannot be opened.
    @NullEncoded public var sha256: String?
    /// `user`, `usrclass`, `software`, `system`, `sam`, `security`, `default` or `unknown`, read from
    /// the base block's stored file name and the root keys; null when the file is not a readable hive.
    @NullEncoded public var kind: HiveKind?
    /// What the kind was read from (`base block file name "..."`, `root keys ...`); null with `kind`.
    @NullEncoded public var kindEvidence: String?
    /// The file on disk is dirty (see ``HiveIdentity/dirty``); null when it is not a readable hive.
    @NullEncoded public var dirty: Bool?
    /// The transaction logs found beside the hive.
    public var transactionLogs: [TransactionLog]
    /// What was done with the logs (see ``HiveIdentity/logs``).
    @NullEncoded public var logs: HiveLogsReport?
    /// The names of the logs applied in memory before reading, in the order applied.
    public var logsApplied: [String]
    public var status: Status
    /// The error's kind (`notAHive`, `corrupt`, `fileNotFound`, ...), for scripts; null when read.
    @NullEncoded public var errorKind: String?
    /// The error, one line; null when read.
    @NullEncoded public var error: String?
    /// hivex's unsafe mode was used: `problems` lists what it skipped over.
    public var unsafe: Bool
    /// Plain-language caveats: a dirty hive, logs not applied, a hive of another kind.
    public var warnings: [String]
    /// Damage met while reading (unreadable keys); the rest was still read.
    public var problems: [String]
    public var tool: ToolInfo

    /// The record of a hive that was read: `partial` when there are `problems`.
    public init(identity: HiveIdentity, kind: HiveKindEvidence?, unsafe: Bool = false, warnings: [String] = [],
                problems: [String] = []) {
        path = identity.path
        size = identity.size
        sha256 = identity.sha256
        self.kind = kind?.kind
        kindEvidence = kind?.reason
        dirty = identity.dirty
        transactionLogs = identity.transactionLogs
        logs = identity.logs
        logsApplied = identity.logs?.applied.map { $0.path.split(separator: "/").last.map(String.init) ?? $0.path } ?? []
        status = problems.isEmpty ? .ok : .partial
        self.unsafe = unsafe
        self.warnings = warnings
        self.problems = problems
        tool = ToolInfo()
    }

    /// The record of a file that could not be read because of `error`: its size and SHA-256 come
    /// from its bytes when it can be opened.
    public init(path: String, error: any Error, status: Status = .error, unsafe: Bool = false) {
        self.path = path
        let bytes = Self.sizeAndDigest(path: path)
        size = bytes?.size
        sha256 = bytes?.sha256
        transactionLogs = []
        logsApplied = []
        self.status = status
        if let error = error as? HiveError {
            errorKind = error.kind.rawValue
            self.error = error.description
        } else if let error = error as? HivetoolError, case .hive(let underlying) = error.reason {
            errorKind = underlying.kind.rawValue
            self.error = error.description
        } else if let error = error as? HivetoolError {
            errorKind = "\(error.exitStatus)"  // HivetoolKit's own reasons: the kind of outcome (`notFound`, `refused`, ...)
            self.error = error.description
        } else {
            errorKind = "internal"
            self.error = "\(path): \(error)"
        }
        self.unsafe = unsafe
        warnings = []
        problems = []
        tool = ToolInfo()
    }

    /// A record of `path` with nothing known of the file but its `status` (e.g. built by hand).
    public init(path: String, status: Status) {
        self.path = path
        transactionLogs = []
        logsApplied = []
        self.status = status
        unsafe = false
        warnings = []
        problems = []
        tool = ToolInfo()
    }

    /// The size and hash of the file at `path`, or nil when it cannot be opened and read.
    static func sizeAndDigest(path: String) -> (size: UInt64, sha256: String)? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
              let digest = try? FileDigest.sha256(path: path) else { return nil }
        return (UInt64(info.st_size), digest)
    }

    /// What stands for the hive in the records that follow it.
    public var reference: HiveReference { HiveReference(path: path, sha256: sha256) }
}

/// The hive a profile, mark or event record belongs to: every record carries it.
public struct HiveReference: Hashable, Sendable {
    public var path: String
    public var sha256: String?

    public init(path: String, sha256: String?) {
        self.path = path
        self.sha256 = sha256
    }
}

extension HiveRecord {
    /// Every line printed on stderr about the hive's dirty state and its logs (`FILE: ...`), as
    /// ``HiveIdentity/dirtyWarnings`` says them.
    public var dirtyWarnings: [String] {
        guard let dirty, let size else { return [] }
        return HiveIdentity(path: path, size: size, sha256: sha256 ?? "", dirty: dirty, transactionLogs: transactionLogs, logs: logs)
            .dirtyWarnings
    }

    /// `Logs applied: ...`, the line text reports print, when logs were applied.
    public var logsLine: String? {
        guard let logs, !logs.applied.isEmpty else { return nil }
        return "Logs applied: " + LogReplayReport.summary(logs.applied.map { ($0.path, $0.firstSequence, $0.lastSequence) },
                                                          sequenceAfter: logs.sequenceAfter)
    }
}
