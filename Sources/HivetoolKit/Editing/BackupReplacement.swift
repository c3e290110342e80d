import FoundationEssentials
import Glibc
import Hivex

/// A restore: the hive's bytes are replaced by a backup's, verified by the backup's SHA-256.
struct BackupReplacement: EditTransformation {
    /// The backup put back.
    let source: String
    /// Its SHA-256, as the journal recorded it.
    let sha256: String

    var requiresUsableHive: Bool { false }
    var appliedLogs: [String] { [] }
    var restoredFrom: String? { source }

    mutating func plan(hivePath: String) throws -> [EditChange] {
        [EditChange(action: .replaceFile, key: "\\", value: nil, old: nil, new: nil)]
    }

    func commit(to temporary: String, descriptor: Int32, editTime: Date) throws {
        defer { close(descriptor) }
        try FileOperations.copy(from: source, to: descriptor, destination: temporary)
    }

    func verify(_ temporary: String, digest: PendingDigest, editTime: Date, hivePath: String) throws {
        let actual = try digest.wait()
        guard actual == sha256 else {
            throw HivetoolError(.copyHashDiffers(sha256: actual, expected: sha256), path: hivePath, step: .verify)
        }
        _ = try TreeSnapshot(hive: HiveFileImage(path: temporary, options: .ignoreLogs))
    }
}
