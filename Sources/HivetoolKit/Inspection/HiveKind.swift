import FoundationEssentials
import Hivex

/// Which Windows hive a file is, read from the evidence: the file name Windows stored in the base
/// block when it loaded the hive, and the hive's root keys (DOMAIN.md, "Which hive is this?").
public enum HiveKind: String, Codable, Hashable, Sendable, CaseIterable {
    /// A user's `NTUSER.DAT` (`HKEY_CURRENT_USER`).
    case user
    /// A user's `UsrClass.dat` (`HKEY_CURRENT_USER\Software\Classes`).
    case usrclass
    /// `Windows\System32\config\SOFTWARE` (`HKEY_LOCAL_MACHINE\SOFTWARE`).
    case software
    /// `Windows\System32\config\SYSTEM` (`HKEY_LOCAL_MACHINE\SYSTEM`).
    case system
    /// `Windows\System32\config\SAM`.
    case sam
    /// `Windows\System32\config\SECURITY`.
    case security
    /// `Windows\System32\config\DEFAULT` (`HKEY_USERS\.DEFAULT`), the LocalSystem user's hive.
    case `default`
    /// Neither the stored file name nor the root keys say.
    case unknown

    /// Whether the hive holds a user's settings (and so MAPI profiles): `user` and `default`, the
    /// profile of services that run as LocalSystem.
    public var holdsUserSettings: Bool { self == .user || self == .default }
}

/// A hive's kind with the evidence it was read from, in words a report can print.
public struct HiveKindEvidence: Codable, Hashable, Sendable {
    public var kind: HiveKind
    /// What the kind was read from, e.g. `base block file name "\??\C:\Users\tony\ntuser.dat"` or
    /// `root keys Select, ControlSet001`.
    public var reason: String

    public init(kind: HiveKind, reason: String) {
        self.kind = kind
        self.reason = reason
    }

    /// Reads the kind from the base block's stored file name first, then from the root key names.
    ///
    /// A stored name is trusted when its last component is one Windows uses (`ntuser.dat`,
    /// `UsrClass.dat`, `SOFTWARE`, `SYSTEM`, `SAM`, `SECURITY`, `DEFAULT`); hives written by tools
    /// often store another name or none, and then the root keys decide. One root key is never
    /// enough: a Windows 10 SYSTEM hive has a root `Software` key too.
    public static func identify(embeddedFileName: String, rootKeyNames: [String]) -> HiveKindEvidence {
        if let kind = kind(fromFileName: embeddedFileName) {
            return HiveKindEvidence(kind: kind, reason: "base block file name \"\(embeddedFileName)\"")
        }
        if let (kind, keys) = kind(fromRootKeys: rootKeyNames) {
            return HiveKindEvidence(kind: kind, reason: "root keys " + keys.joined(separator: ", "))
        }
        return HiveKindEvidence(kind: .unknown, reason: "neither the base block file name nor the root keys are those of a known hive")
    }

    static func kind(fromFileName name: String) -> HiveKind? {
        let last = name.split(whereSeparator: { $0 == "\\" || $0 == "/" }).last.map { $0.lowercased() } ?? ""
        switch last {
        case "ntuser.dat": return .user
        case "usrclass.dat": return .usrclass
        case "software": return .software
        case "system": return .system
        case "sam": return .sam
        case "security": return .security
        case "default": return .default
        default: return nil
        }
    }

    /// The kind the root keys show, with the keys that showed it.
    static func kind(fromRootKeys names: [String]) -> (HiveKind, [String])? {
        var byLowercased: [String: String] = [:]
        for name in names { byLowercased[name.lowercased()] = byLowercased[name.lowercased()] ?? name }
        func present(_ keys: [String]) -> [String]? {
            let found = keys.compactMap { byLowercased[$0.lowercased()] }
            return found.count == keys.count ? found : nil
        }
        let controlSets = names.filter { $0.lowercased().hasPrefix("controlset") }.sorted()
        if let select = present(["Select"]), let first = controlSets.first {
            return (.system, select + [first])
        }
        if let keys = present(["SAM"]), names.count <= 2 { return (.sam, keys) }
        if let keys = present(["Policy", "RXACT"]) { return (.security, keys) }
        if let software = present(["Software"]) {
            for marker in ["Control Panel", "Environment", "AppEvents"] {
                if let keys = present([marker]) { return (.user, software + keys) }
            }
        }
        if present(["Control Panel"]) == nil, present(["Software"]) == nil {
            for markers in [["Microsoft", "Classes"], ["Microsoft", "Policies"], ["Microsoft", "Wow6432Node"], ["KVS"]] {
                if let keys = present(markers) { return (.software, keys) }
            }
        }
        if let keys = present(["Local Settings"]) ?? present(["CLSID"]) { return (.usrclass, keys) }
        return nil
    }
}

extension HiveKindEvidence {
    /// Reads the kind of an open hive. Root keys that cannot be read leave the stored name alone to
    /// decide (or `unknown`): the kind never makes a read fail.
    public init(hive: Hive) {
        var names: [String] = []
        if let root = try? hive.root(), let children = try? hive.children(of: root) {
            names = children.compactMap { try? hive.name(of: $0) }
        }
        self = Self.identify(embeddedFileName: hive.baseBlock.embeddedFileName, rootKeyNames: names)
    }
}
