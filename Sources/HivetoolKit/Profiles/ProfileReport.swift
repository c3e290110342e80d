import FoundationEssentials
import Hivex

/// What `hivetool list-profiles` reports about one file: its hive record, then the profiles and
/// marks read from it (``ProfileInventory``), or nothing more when it could not be read. The JSON
/// form is documented in the README ("list-profiles JSON").
public struct ProfileReport: Encodable, Sendable {
    public var schemaVersion = JSONOutput.schemaVersion
    /// The build of hivetool that made the document.
    public var tool = ToolInfo()
    /// The file examined and how it was read.
    public var hive: HiveRecord
    /// What was read; nil when the file could not be read.
    public var inventory: ProfileInventory?

    /// A report made of its parts.
    public init(hive: HiveRecord, inventory: ProfileInventory?) {
        self.hive = hive
        self.inventory = inventory
    }

    /// Reads the profiles of `hive` (see ``ProfileInventory/init(hive:includingDeleted:)``), hashing
    /// its file meanwhile on another thread.
    /// - Parameter unsafe: the hive was opened in hivex's unsafe mode: every key is then walked too,
    ///   so the record lists every problem hivex skipped over, not only those under the profile roots.
    public init(hashing hive: Hive, includingDeleted: Bool = false, unsafe: Bool = false) throws {
        let identity = PendingIdentity(hive: hive)  // the hive and its logs hashed while the profiles are read
        let inventory = try ProfileInventory(hive: hive, includingDeleted: includingDeleted)
        try self.init(hive: hive, identity: identity.wait(), inventory: inventory, unsafe: unsafe)
    }

    /// Reads the profiles of `hive`, already identified (hashed) as `identity`.
    public init(hive: Hive, identity: HiveIdentity, includingDeleted: Bool = false, unsafe: Bool = false) throws {
        let inventory = try ProfileInventory(hive: hive, includingDeleted: includingDeleted)
        try self.init(hive: hive, identity: identity, inventory: inventory, unsafe: unsafe)
    }

    init(hive: Hive, identity: HiveIdentity, inventory: ProfileInventory, unsafe: Bool) throws {
        let kind = HiveKindEvidence(hive: hive)
        let warnings = identity.dirtyNotes + [Self.kindWarning(kind.kind)].compactMap { $0 } + inventory.warnings
        var problems = inventory.problems
        if unsafe { problems += HiveRecord.unsafeProblems(of: hive, besides: problems) }
        self.init(hive: HiveRecord(identity: identity, kind: kind, unsafe: unsafe, warnings: warnings, problems: problems),
                  inventory: inventory)
    }

    /// What the report says about a hive of a kind that does not hold MAPI profiles; nil for a user
    /// or DEFAULT hive.
    public static func kindWarning(_ kind: HiveKind?) -> String? {
        guard let kind, !kind.holdsUserSettings, kind != .unknown else { return nil }
        return "this is a \(kind.rawValue.uppercased()) hive, not a user hive: MAPI profiles live in user hives (NTUSER.DAT, or DEFAULT for LocalSystem services)"
    }

    /// The warning about the hive's kind, when it is not one that holds MAPI profiles.
    public var kindWarning: String? { Self.kindWarning(hive.kind) }

    /// The report of a file that could not be read: its hive record alone.
    public init(path: String, error: any Error, unsafe: Bool = false) {
        self.init(hive: HiveRecord(path: path, error: error, unsafe: unsafe), inventory: nil)
    }

    /// Plain-language caveats: a dirty hive, a hive of another kind, parts that could not be read.
    public var warnings: [String] { hive.warnings }
    /// Damage met while reading; the rest was still read.
    public var problems: [String] { hive.problems }

    enum CodingKeys: String, CodingKey {
        case schemaVersion, tool, hive, roots, profiles, deletedProfileMarks, deletedProfiles, recoveredMarks, warnings, problems
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        try container.encode(tool, forKey: .tool)
        try container.encode(hive, forKey: .hive)
        try container.encode(NullEncoded(wrappedValue: inventory?.roots), forKey: .roots)
        try container.encode(NullEncoded(wrappedValue: inventory?.profiles), forKey: .profiles)
        try container.encode(NullEncoded(wrappedValue: inventory?.deletedProfileMarks), forKey: .deletedProfileMarks)
        try container.encode(NullEncoded(wrappedValue: inventory?.deletedProfiles), forKey: .deletedProfiles)
        try container.encode(NullEncoded(wrappedValue: inventory?.recoveredMarks), forKey: .recoveredMarks)
        try container.encode(warnings, forKey: .warnings)
        try container.encode(problems, forKey: .problems)
    }
}
