import FoundationEssentials
import Hivex

/// What `hivetool outlook` reports on a user hive: its hive record and its ``OutlookHistory``.
/// The JSON form is documented in the README (section "outlook").
public struct OutlookReport: Codable, Hashable, Sendable {
    public var schemaVersion = JSONOutput.schemaVersion
    /// The build that made the document.
    public var tool = ToolInfo()
    /// The file examined and how it was read; its warnings and problems are the report's.
    public var hive: HiveRecord
    /// The Outlook keys present (`Office\<n>.0\Outlook`, `Office\Outlook`).
    public var officeVersions: [OfficeVersionKey]
    /// Profiles as `list-profiles` reports them.
    public var profiles: [MAPIProfile]
    /// Profiles recovered from free space (each with its `recovery`); nil when free space was not searched.
    @NullEncoded public var deletedProfiles: [MAPIProfile]?
    public var accountManagers: [AccountManagerHistory]
    public var orphanSections: [OrphanSection]
    public var dataFiles: [DataFileHistory]
    public var identities: [OfficeIdentity]
    public var addins: [OutlookAddin]
    public var settings: [OutlookSetting]

    /// Caveats: a dirty hive, a hive of another kind, free space not searched.
    public var warnings: [String] { hive.warnings }
    /// Damage met while reading; the rest was still read.
    public var problems: [String] { hive.problems }

    /// The report of a history read from `hive`, identified (hashed) as `identity`.
    public init(hive: Hive, identity: HiveIdentity, history: OutlookHistory, unsafe: Bool = false) {
        let kind = HiveKindEvidence(hive: hive)
        let warnings = identity.dirtyNotes + [ProfileReport.kindWarning(kind.kind)].compactMap { $0 } + history.warnings
        var problems = history.problems
        if unsafe { problems += HiveRecord.unsafeProblems(of: hive, besides: problems) }
        self.hive = HiveRecord(identity: identity, kind: kind, unsafe: unsafe, warnings: warnings, problems: problems)
        officeVersions = history.officeVersions
        profiles = history.inventory.profiles
        deletedProfiles = history.inventory.deletedProfiles
        accountManagers = history.accountManagers
        orphanSections = history.orphanSections
        dataFiles = history.dataFiles
        identities = history.identities
        addins = history.addins
        settings = history.settings
    }

    /// The report of a file that could not be read: its hive record alone.
    public init(path: String, error: any Error, unsafe: Bool = false) {
        hive = HiveRecord(path: path, error: error, unsafe: unsafe)
        officeVersions = []
        profiles = []
        accountManagers = []
        orphanSections = []
        dataFiles = []
        identities = []
        addins = []
        settings = []
    }

    /// Reads the Outlook history of `hive` (with `includingDeleted`, its free space too), hashing
    /// the hive's file meanwhile on another thread.
    public init(hashing hive: Hive, includingDeleted: Bool = true, unsafe: Bool = false) throws {
        let identity = PendingIdentity(hive: hive)  // the hive and its logs hashed while the history is read
        let history = try OutlookReader.read(hive, includingDeleted: includingDeleted)
        self.init(hive: hive, identity: try identity.wait(), history: history, unsafe: unsafe)
    }

    /// Reads the Outlook history of `hive`, already identified as `identity`.
    public init(hive: Hive, identity: HiveIdentity, includingDeleted: Bool = true, unsafe: Bool = false) throws {
        self.init(hive: hive, identity: identity, history: try OutlookReader.read(hive, includingDeleted: includingDeleted), unsafe: unsafe)
    }

    /// The removed accounts of every profile, with their profile.
    public var removedAccounts: [(manager: AccountManagerHistory, account: RemovedAccount)] {
        accountManagers.flatMap { manager in manager.removedAccounts.map { (manager, $0) } }
    }
}
