import FoundationEssentials
import Hivex

/// The Outlook history of one user hive in a few fields, for `scan`'s records: counts, and the
/// facts an examiner acts on (data files no longer attached, identities, add-ins set to load at
/// start-up, home pages). `hivetool outlook` on the hive gives the whole report.
public struct OutlookSummary: Codable, Hashable, Sendable {
    /// Office versions with an Outlook key (`14.0`, `16.0`; `none` for `Office\Outlook`).
    public var officeVersions: [String]
    public var removedAccounts: Int
    public var orphanSections: Int
    public var dataFiles: Int
    /// Paths no profile holds any more (Search, Catalog, LastCorruptStore, orphan sections).
    public var detachedDataFiles: [String]
    /// Identities by e-mail address (or sign-in name, or key name).
    public var identities: [String]
    /// ProgIDs of add-ins whose `LoadBehavior` asks to load them at start-up (2 or 3).
    public var addinsSetToLoadAtStartup: [String]
    /// Home page settings in words.
    public var homePages: [String]

    /// Summarises `history`.
    public init(_ history: OutlookHistory) {
        officeVersions = history.officeVersions.map { $0.version ?? "none" }
        removedAccounts = history.accountManagers.map(\.removedAccounts.count).reduce(0, +)
        orphanSections = history.orphanSections.count
        dataFiles = history.dataFiles.count
        detachedDataFiles = history.dataFiles.filter { $0.attachment == .none }.map(\.path)
        identities = history.identities.map { $0.emailAddress ?? $0.signInName ?? $0.name }
        addinsSetToLoadAtStartup = history.addins.filter(\.loadsAtStartup).map(\.progID)
        homePages = history.settings.filter { $0.category == .homePage || $0.category == .homePagePolicy }.map(\.statement)
    }
}
