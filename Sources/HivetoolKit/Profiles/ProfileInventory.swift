import FoundationEssentials
import Hivex

/// Every MAPI profile and deletion mark of a user hive, as read: the facts repairs plan from and
/// ``ProfileReport`` (what `hivetool list-profiles` prints) reports. Nothing here is hashed.
public struct ProfileInventory: Hashable, Sendable {
    /// The hive file read, for messages.
    public var path: String
    /// The profile roots present in the hive.
    public var roots: [ProfileRoot]
    /// The live profiles.
    public var profiles: [MAPIProfile]
    /// The live deletion marks.
    public var deletedProfileMarks: [DeletionMark]
    /// Profiles recovered from the hive's free space (each with its ``MAPIProfile/recovery``); nil
    /// when they were not looked for.
    public var deletedProfiles: [MAPIProfile]?
    /// Deletion marks recovered from free space (each with its ``DeletionMark/recovery``); nil when
    /// they were not looked for.
    public var recoveredMarks: [DeletionMark]?
    /// Plain-language caveats found while reading (the dirty state is the hive record's).
    public var warnings: [String]
    /// Damage met while reading (unreadable keys); the rest was still read.
    public var problems: [String]
    /// Every `Deleted Profiles*` container of every root, empty ones included.
    public var containers: [DeletionContainer]
    /// Each root's `DefaultProfile` value as stored.
    public var defaultProfileSettings: [DefaultProfileSetting]
    /// Whether the hive's root has a `Software` key, as a user hive does.
    public var hasSoftwareKey: Bool

    /// An inventory built by hand, e.g. to test a repair's plan without a hive.
    public init(path: String, roots: [ProfileRoot], profiles: [MAPIProfile], deletedProfileMarks: [DeletionMark],
                deletedProfiles: [MAPIProfile]? = nil, recoveredMarks: [DeletionMark]? = nil, warnings: [String] = [],
                problems: [String] = [], containers: [DeletionContainer] = [], defaultProfileSettings: [DefaultProfileSetting] = [],
                hasSoftwareKey: Bool = true) {
        self.path = path
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

    /// Live and deleted profiles, live first: one list for every output format to loop over.
    public var allProfiles: [MAPIProfile] { profiles + (deletedProfiles ?? []) }

    /// Live and recovered marks, live first.
    public var allMarks: [DeletionMark] { deletedProfileMarks + (recoveredMarks ?? []) }
}
