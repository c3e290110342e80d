import FoundationEssentials
import Hivex

/// What `hivetool outlook` reports on a user hive: the hive's identity and its ``OutlookHistory``.
/// The JSON form is documented in the README (section "outlook").
public struct OutlookReport: Codable, Hashable, Sendable {
    public var schemaVersion = JSONOutput.schemaVersion
    public var hive: HiveIdentity
    /// The Outlook keys present (`Office\<n>.0\Outlook`, `Office\Outlook`).
    public var officeVersions: [OfficeVersionKey]
    /// Profiles as `list-profiles` reports them.
    public var profiles: [MAPIProfile]
    /// Profiles recovered from free space; nil when free space was not searched.
    @NullEncoded public var deletedProfiles: [DeletedProfile]?
    public var accountManagers: [AccountManagerHistory]
    public var orphanSections: [OrphanSection]
    public var dataFiles: [DataFileHistory]
    public var identities: [OfficeIdentity]
    public var addins: [OutlookAddin]
    public var settings: [OutlookSetting]
    public var warnings: [String]
    /// Damage met while reading; the rest was still read.
    public var problems: [String]

    /// The report of a history read from the hive `identity`.
    public init(hive identity: HiveIdentity, history: OutlookHistory) {
        hive = identity
        officeVersions = history.officeVersions
        profiles = history.inventory.profiles
        deletedProfiles = history.inventory.deletedProfiles
        accountManagers = history.accountManagers
        orphanSections = history.orphanSections
        dataFiles = history.dataFiles
        identities = history.identities
        addins = history.addins
        settings = history.settings
        warnings = history.warnings
        problems = history.problems
    }

    /// Reads the Outlook history of `hive` (with `includingDeleted`, its free space too), hashing
    /// the hive's file meanwhile on another thread.
    public init(hashing hive: Hive, includingDeleted: Bool = true) throws {
        let digest = PendingDigest(path: hive.path)
        let provisional = HiveIdentity(hive: hive, sha256: "")
        let history = try OutlookReader.read(hive, identity: provisional, includingDeleted: includingDeleted)
        self.init(hive: HiveIdentity(hive: hive, sha256: try digest.wait()), history: history)
    }

    /// Reads the Outlook history of `hive`, already identified as `identity`.
    public init(hive: Hive, identity: HiveIdentity, includingDeleted: Bool = true) throws {
        self.init(hive: identity, history: try OutlookReader.read(hive, identity: identity, includingDeleted: includingDeleted))
    }

    /// The removed accounts of every profile, with their profile.
    public var removedAccounts: [(manager: AccountManagerHistory, account: RemovedAccount)] {
        accountManagers.flatMap { manager in manager.removedAccounts.map { (manager, $0) } }
    }
}
