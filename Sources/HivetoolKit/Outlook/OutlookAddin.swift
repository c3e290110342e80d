import FoundationEssentials
import Hivex

/// A COM add-in registered for Outlook (`Outlook\Addins\<ProgID>` or `Office\Outlook\Addins\<ProgID>`).
public struct OutlookAddin: Codable, Hashable, Sendable {
    /// The Office version whose key holds it; nil for `Office\Outlook\Addins`.
    @NullEncoded public var officeVersion: String?
    public var progID: String
    public var key: OutlookKey
    /// `LoadBehavior` (DWORD): bit 1 (2) load at start-up, bit 3 (8) load on demand, 16 load the
    /// first time then on demand; bit 0 (1) says whether it was loaded (connected) last time.
    @NullEncoded public var loadBehavior: Int?
    @NullEncoded public var friendlyName: String?
    @NullEncoded public var description: String?

    /// What `LoadBehavior` asks Outlook to do, in Microsoft's documented words.
    public var loadBehaviorText: String {
        guard let loadBehavior else { return "LoadBehavior not set" }
        let meaning: String
        switch loadBehavior {
        case 0: meaning = "not loaded automatically (unloaded)"
        case 1: meaning = "not loaded automatically (loaded)"
        case 2: meaning = "load at start-up (unloaded)"
        case 3: meaning = "load at start-up (loaded)"
        case 8: meaning = "load on demand (unloaded)"
        case 9: meaning = "load on demand (loaded)"
        case 16: meaning = "load the first time, then on demand"
        default: meaning = "an undocumented value"
        }
        return "LoadBehavior \(loadBehavior): \(meaning)"
    }

    /// Whether `LoadBehavior` asks Outlook to load the add-in at start-up (2 or 3).
    public var loadsAtStartup: Bool { loadBehavior == 2 || loadBehavior == 3 }
}
