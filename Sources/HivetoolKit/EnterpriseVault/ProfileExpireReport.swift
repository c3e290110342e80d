import FoundationEssentials
import Hivex

/// What `hivetool get-expire` reports: `ProfileExpire` in both views and the setting EV uses.
public struct ProfileExpireReport: Codable, Hashable, Sendable {
    /// One view's key and value.
    public struct View: Codable, Hashable, Sendable {
        public var view: EnterpriseVaultView
        /// The `Agents` key path (as stored when it exists).
        public var keyPath: String
        /// `KVS\Enterprise Vault` exists in this view.
        public var installed: Bool
        public var keyExists: Bool
        public var valueExists: Bool
        /// The value's type, e.g. `REG_DWORD`.
        @NullEncoded public var type: String?
        /// The number of days, when the value is a 4-byte REG_DWORD.
        @NullEncoded public var days: UInt32?
        /// The value's data when it is not a DWORD (shown, never converted).
        @NullEncoded public var otherData: String?
        /// The `Agents` key's last-write time, when the key exists.
        @NullEncoded public var lastWrite: Date?
    }

    public var schemaVersion = JSONOutput.schemaVersion
    public var hive: HiveIdentity
    public var views: [View]
    /// The view Enterprise Vault uses: the one where it is installed (`wow6432node` first).
    @NullEncoded public var activeView: EnterpriseVaultView?
    /// The days EV applies: the active view's DWORD, or 3 when the value is absent; null when EV
    /// is not installed or the value has another type.
    @NullEncoded public var effectiveDays: UInt32?
    public var notes: [String]

    /// Reads both views of a SOFTWARE hive.
    public init(hive: Hive) throws {
        try self.init(hive: hive, identity: HiveIdentity(hive: hive))
    }

    /// Reads both views of `hive`, already identified (hashed) as `identity`.
    public init(hive: Hive, identity: HiveIdentity) throws {
        self.hive = identity
        views = try EnterpriseVaultView.allCases.map { try Self.read($0, in: hive) }
        activeView = views.first { $0.installed }?.view
        notes = identity.dirtyNotes
        guard let active = views.first(where: { $0.installed }) else {
            notes.append("Enterprise Vault is not installed in this hive: neither Wow6432Node\\KVS\\Enterprise Vault nor KVS\\Enterprise Vault exists")
            return
        }
        if !active.valueExists {
            effectiveDays = EnterpriseVaultView.defaultProfileExpireDays
            notes.append("ProfileExpire is absent in the \(active.view.rawValue) view: Enterprise Vault uses its default of 3 days")
        } else if let days = active.days {
            effectiveDays = days
        } else {
            notes.append("ProfileExpire in the \(active.view.rawValue) view is \(active.type ?? "?"), not REG_DWORD: what Enterprise Vault makes of it is unknown")
        }
    }

    static func read(_ view: EnterpriseVaultView, in hive: Hive) throws -> View {
        let installed = try hive.key(at: view.installKeyPath) != nil
        guard let agents = try hive.locate(view.agentsKeyPath) else {
            return View(view: view, keyPath: view.agentsKeyPath, installed: installed, keyExists: false, valueExists: false)
        }
        let key = agents.key
        var result = View(view: view, keyPath: agents.path, installed: installed, keyExists: true, valueExists: false)
        result.lastWrite = try hive.lastWrite(of: key)
        if let value = try hive.value(named: EnterpriseVaultView.profileExpireValueName, of: key) {
            result.valueExists = true
            result.type = value.type.name
            if value.type == .dword, let days = try? value.dword() {
                result.days = days
            } else {
                result.otherData = ValueDescription(value).summary
            }
        }
        return result
    }
}

extension ProfileExpireReport {
    /// The text form: one line per view, then the effective setting.
    public func writeText(to output: inout some TextOutputStream) {
        output.write("Hive: \(hive.path)\nSHA-256: \(hive.sha256)\n")
        var rows = [["VIEW", "KEY", "PROFILEEXPIRE", ""]]
        for view in views {
            let value: String
            if !view.keyExists { value = "(key absent)" }
            else if !view.valueExists { value = "(value absent)" }
            else if let days = view.days { value = "\(days) day\(days == 1 ? "" : "s") (\(view.type ?? ""))" }
            else { value = "\(view.otherData ?? "") (\(view.type ?? ""))" }
            let marker = view.view == activeView ? "<- used by Enterprise Vault" : (view.installed ? "" : "(EV not installed here)")
            rows.append([view.view.rawValue, view.keyPath, value, marker])
        }
        output.write(TextTable.render(rows, indent: ""))
        output.write("Effective: \(effectiveDays.map { "\($0) day\($0 == 1 ? "" : "s")" } ?? "unknown")\n")
        for note in notes { output.write("Note: \(note)\n") }
    }
}
