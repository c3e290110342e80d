import Hivex

/// A hive's identity being computed: its file and its transaction logs are hashed on other threads
/// (the file through the mapping hivex reads too) while the caller reads the hive. On two cores the
/// hashes then cost little wall time, however large the hive or its logs.
public final class PendingIdentity {
    private let hive: Hive
    private let digest: PendingDigest
    private let logDigests: [(path: String, digest: PendingDigest)]

    /// Starts hashing the file of the open `hive` and, unless `hashingLogs` is false (a report that
    /// shows no log hash), every log its replay report names.
    public init(hive: Hive, hashingLogs: Bool = true) {
        self.hive = hive
        digest = PendingDigest.of(hive)
        let logs = !hashingLogs ? [] : (hive.logReplay?.applied.map(\.path) ?? []) + (hive.logReplay?.skipped.map(\.path) ?? [])
        logDigests = logs.map { ($0, PendingDigest(path: $0)) }
    }

    /// Waits for the hashes; a log that could not be hashed has no SHA-256 in the report.
    /// - Throws: the error of hashing the hive's file.
    public func wait() throws -> HiveIdentity {
        var digests: [String: String] = [:]
        for log in logDigests {
            if let sha256 = try? log.digest.wait() { digests[log.path] = sha256 }
        }
        return HiveIdentity(hive: hive, sha256: try digest.wait(), logDigests: digests)
    }
}
