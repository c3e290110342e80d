import FoundationEssentials
import Hivex

/// A change of `ProfileExpire`, applied through the safe-edit path.
public struct ProfileExpireEdit: Sendable {
    /// Which view to write.
    public enum Target: String, CaseIterable, Sendable {
        /// The view Enterprise Vault uses on this hive.
        case automatic
        case wow6432node
        case native
        case both
    }

    /// The largest number of days accepted; anything above is taken for a typo.
    public static let maximumDays: UInt32 = 3650

    public var days: UInt32
    public var target: Target = .automatic
    /// Create the `Agents` key when it is missing.
    public var createKey = false
    /// Replace a value of another type by a REG_DWORD.
    public var replaceType = false

    public init(days: UInt32, target: Target = .automatic, createKey: Bool = false, replaceType: Bool = false) {
        self.days = days
        self.target = target
        self.createKey = createKey
        self.replaceType = replaceType
    }

    /// Parses DAYS: a whole number from 0 to ``maximumDays``; 0 only when `allowZero`.
    /// - Returns: the days, or a ``HivetoolError`` (exit 64) saying why DAYS is refused.
    public static func parseDays(_ text: String, allowZero: Bool) -> Result<UInt32, HivetoolError> {
        let trimmed = text.trimmingWhitespace
        if trimmed.hasPrefix("-"), Int(trimmed) != nil { return .failure(.invalidArgument("DAYS must not be negative (got \(text))")) }
        guard !trimmed.isEmpty, trimmed.allSatisfy(\.isASCII), trimmed.allSatisfy(\.isNumber), let days = UInt64(trimmed) else {
            return .failure(.invalidArgument("DAYS must be a whole number of days (got \"\(text)\")"))
        }
        guard days <= UInt64(maximumDays) else {
            return .failure(.invalidArgument("DAYS must be at most \(maximumDays) (got \(text))"))
        }
        if days == 0 && !allowZero {
            return .failure(HivetoolError(.zeroDays, path: nil))
        }
        return .success(UInt32(days))
    }

    /// The views this edit writes on `hive`.
    public func views(in hive: Hive) throws -> [EnterpriseVaultView] {
        switch target {
        case .wow6432node: return [.wow6432node]
        case .native: return [.native]
        case .both: return EnterpriseVaultView.allCases
        case .automatic:
            for view in EnterpriseVaultView.allCases where try hive.key(at: view.installKeyPath) != nil { return [view] }
            throw HivetoolError(.enterpriseVaultNotInstalled, path: hive.path, keyPath: "KVS\\Enterprise Vault")
        }
    }

    /// Makes the change in `session`; records nothing when the value already holds `days` as a DWORD.
    /// - Throws: ``HivetoolError``: ``HivetoolError/Reason/wrongHiveKind(_:evidence:expected:change:)``
    ///   for a hive known to be of another kind than SOFTWARE (a user hive, say), whatever
    ///   ``createKey`` says; ``HivetoolError/Reason/missingKey(creatable:)`` and
    ///   ``HivetoolError/Reason/otherValueType(name:type:summary:)`` for what ``createKey`` and
    ///   ``replaceType`` would get past.
    public func apply(to session: HiveEditSession) throws {
        let hive = try session.hive
        try HiveKindEvidence(hive: hive).require([.software], for: "Enterprise Vault's ProfileExpire", path: hive.path)
        for view in try views(in: hive) {
            if try hive.key(at: view.agentsKeyPath) == nil {
                guard createKey else {
                    throw HivetoolError(.missingKey(creatable: true), path: hive.path, keyPath: view.agentsKeyPath)
                }
                try session.createKey(at: view.agentsKeyPath)
            }
            let key = try hive.requireKey(at: view.agentsKeyPath)
            let existing = try hive.value(named: EnterpriseVaultView.profileExpireValueName, of: key)
            if let existing, existing.type != .dword || existing.data.count != 4 {
                guard replaceType else {
                    throw HivetoolError(.otherValueType(name: EnterpriseVaultView.profileExpireValueName, type: existing.type,
                                                        summary: ValueDescription(existing).summary),
                                        path: hive.path, keyPath: try hive.path(of: key))
                }
            } else if let existing, try existing.dword() == days {
                continue
            }
            let name = existing?.name ?? EnterpriseVaultView.profileExpireValueName
            try session.setValue(.dword(name, days), at: view.agentsKeyPath)
        }
    }
}
