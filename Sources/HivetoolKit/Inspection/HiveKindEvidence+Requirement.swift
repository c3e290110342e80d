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
    /// - Throws: `HiveError` `refused`, whatever options the command was given.
    public func require(_ expected: [HiveKind], for change: String, path: String) throws {
        guard kind != .unknown, !expected.contains(kind) else { return }
        let wanted = expected.map { $0.rawValue.uppercased() }.joined(separator: " or ")
        throw HiveError(.refused, operation: "check hive kind", path: path,
                        message: "this is a \(kind.rawValue.uppercased()) hive (\(reason)), not a \(wanted) hive: \(change) does not belong in it; nothing was written")
    }
}
