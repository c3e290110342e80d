import FoundationEssentials
import Hivex

/// A COM add-in registered for Outlook (`Outlook\Addins\<ProgID>` or `Office\Outlook\Addins\<ProgID>`).
public struct OutlookAddin: Codable, Hashable, Sendable {
    /// The Office version whose key holds it; nil for `Office\Outlook\Addins`.
    @NullEncoded public var officeVersion: String?
    public var progID: String
    public var key: OutlookKey
    /// `LoadBehavior` (DWORD): 3 loads at start-up, 2 on demand, 0 or 1 not loaded, 8/9/16 on demand
    /// or at first start.
    @NullEncoded public var loadBehavior: Int?
    @NullEncoded public var friendlyName: String?
    @NullEncoded public var description: String?

    /// What `LoadBehavior` asks Outlook to do, in plain words (Microsoft's documented values).
    public var loadBehaviorText: String {
        guard let loadBehavior else { return "LoadBehavior not set" }
        let meaning: String
        switch loadBehavior {
        case 0: meaning = "not loaded (unloaded)"
        case 1: meaning = "not loaded (loaded flag only)"
        case 2: meaning = "loaded on demand (not at start-up)"
        case 3: meaning = "loaded at start-up"
        case 8: meaning = "loaded on demand"
        case 9: meaning = "loaded on demand (loaded)"
        case 16: meaning = "loaded at first start-up, then on demand"
        default: meaning = "an undocumented value"
        }
        return "LoadBehavior \(loadBehavior): \(meaning)"
    }
}
