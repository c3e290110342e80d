import FoundationEssentials
import Hivex

/// Everything a user hive tells about its Outlook use, as ``OutlookReader`` found it: the facts
/// tree that ``OutlookReport`` turns into a document.
public struct OutlookHistory: Sendable {
    /// The Outlook keys present, per Office version.
    public var officeVersions: [OfficeVersionKey] = []
    /// Profiles live and deleted, exactly as `list-profiles` reads them.
    public var inventory: ProfileInventory
    public var accountManagers: [AccountManagerHistory] = []
    public var orphanSections: [OrphanSection] = []
    /// Every data file path ever named, merged.
    public var dataFiles: [DataFileHistory] = []
    public var identities: [OfficeIdentity] = []
    public var addins: [OutlookAddin] = []
    /// Home pages, the settings that re-enable them, disabled items, VBA settings.
    public var settings: [OutlookSetting] = []
    /// Caveats (a dirty hive, free space not searched) and damage met while reading.
    public var warnings: [String] = []
    public var problems: [String] = []

    public init(inventory: ProfileInventory) {
        self.inventory = inventory
    }
}
