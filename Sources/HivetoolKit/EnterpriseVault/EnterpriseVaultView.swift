import Hivex

/// The two registry views of a SOFTWARE hive where Enterprise Vault keeps its settings
///. EV is a 32-bit application, so on a 64-bit OS it reads `Wow6432Node`.
public enum EnterpriseVaultView: String, Codable, CaseIterable, Hashable, Sendable {
    /// `Wow6432Node\KVS\Enterprise Vault` (64-bit Windows).
    case wow6432node
    /// `KVS\Enterprise Vault` (32-bit Windows).
    case native

    /// The `KVS\Enterprise Vault` key of this view; its presence means EV is installed there.
    public var installKeyPath: String {
        switch self {
        case .wow6432node: #"Wow6432Node\KVS\Enterprise Vault"#
        case .native: #"KVS\Enterprise Vault"#
        }
    }

    /// The `Agents` key holding `ProfileExpire`.
    public var agentsKeyPath: String { installKeyPath + #"\Agents"# }

    public static let profileExpireValueName = "ProfileExpire"
    /// What Enterprise Vault uses when `ProfileExpire` is absent.
    public static let defaultProfileExpireDays: UInt32 = 3
}
