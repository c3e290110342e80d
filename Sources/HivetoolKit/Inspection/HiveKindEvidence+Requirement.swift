import FoundationEssentials
import Hivex

extension HiveKindEvidence {
    /// Refuses a hive whose kind is known and is not one of `expected`, before anything is changed.
    /// A hive of `unknown` kind passes: the command's own checks decide (hives made by tools often
    /// store no file name and few root keys).
    /// - Parameters:
    ///   - expected: the kinds the change belongs in.
    ///   - change: what would be changed, e.g. `Enterprise Vault's ProfileExpire`.
    ///   - path: the hive file, for the message.
    /// - Throws: ``HivetoolError`` ``HivetoolError/Reason/wrongHiveKind(_:evidence:expected:change:)``,
    ///   whatever options the command was given (no remedy gets past it).
    public func require(_ expected: [HiveKind], for change: String, path: String) throws {
        guard kind != .unknown, !expected.contains(kind) else { return }
        throw HivetoolError(.wrongHiveKind(kind, evidence: reason, expected: expected, change: change), path: path)
    }
}
