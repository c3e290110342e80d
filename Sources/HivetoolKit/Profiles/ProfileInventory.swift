import FoundationEssentials
import Hivex

/// Every MAPI profile and deletion mark of a user hive: what `hivetool list-profiles` reports.
/// The JSON form is documented in the README ("list-profiles JSON").
public struct ProfileInventory: Codable, Hashable, Sendable {
    public var schemaVersion = JSONOutput.schemaVersion
    public var hive: HiveIdentity
    /// The profile roots present in the hive.
    public var roots: [ProfileRoot]
    public var profiles: [MAPIProfile]
    public var deletedProfileMarks: [DeletionMark]
    /// Profiles recovered from the hive's free space; nil when they were not looked for.
    @NullEncoded public var deletedProfiles: [DeletedProfile]? = nil
    /// Deletion marks recovered from free space; nil when they were not looked for.
    @NullEncoded public var recoveredMarks: [RecoveredMark]? = nil
    /// Plain-language caveats: a dirty hive, parts that could not be read.
    public var warnings: [String]
    /// Damage met while reading (unreadable keys); the rest was still read.
    public var problems: [String]
    /// Every `Deleted Profiles*` container of every root, empty ones included (not in the JSON: the
    /// marks carry their containers).
    public var containers: [DeletionContainer] = []
    /// Each root's `DefaultProfile` value as stored (not in the JSON: the roots carry the name).
    public var defaultProfileSettings: [DefaultProfileSetting] = []
    /// Whether the hive's root has a `Software` key, as a user hive does (not in the JSON).
    public var hasSoftwareKey = false

    /// An inventory built by hand, e.g. to test a repair's plan without a hive.
    public init(hive: HiveIdentity, roots: [ProfileRoot], profiles: [MAPIProfile], deletedProfileMarks: [DeletionMark],
                deletedProfiles: [DeletedProfile]? = nil, recoveredMarks: [RecoveredMark]? = nil, warnings: [String] = [],
                problems: [String] = [], containers: [DeletionContainer] = [], defaultProfileSettings: [DefaultProfileSetting] = [],
                hasSoftwareKey: Bool = true) {
        self.hive = hive
        self.roots = roots
        self.profiles = profiles
        self.deletedProfileMarks = deletedProfileMarks
        self.deletedProfiles = deletedProfiles
        self.recoveredMarks = recoveredMarks
        self.warnings = warnings
        self.problems = problems
        self.containers = containers
        self.defaultProfileSettings = defaultProfileSettings
        self.hasSoftwareKey = hasSoftwareKey
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion, hive, roots, profiles, deletedProfileMarks, deletedProfiles, recoveredMarks, warnings, problems
    }
}
