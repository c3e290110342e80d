import FoundationEssentials
import Hivex

/// What `hivetool scan` reports for one file: its hive record (path, size, SHA-256, kind, dirty
/// state, status, the build), then the list-profiles result for a user hive or the get-expire result
/// for a SOFTWARE hive (same field names). In JSON the hive record's fields sit at the top level.
public struct ScanRecord: Codable, Hashable, Sendable {
    /// The file examined and how it was read.
    public var hive: HiveRecord
    /// The user the hive belongs to, from its path (`Users/NAME/NTUSER.DAT`, ...), `.DEFAULT` for DEFAULT.
    public var user: String?
    // list-profiles fields (user hives)
    public var roots: [ProfileRoot]?
    public var profiles: [MAPIProfile]?
    public var deletedProfileMarks: [DeletionMark]?
    /// Profiles and marks recovered from free space (nil when not looked for: `--no-deleted`).
    public var deletedProfiles: [MAPIProfile]?
    public var recoveredMarks: [DeletionMark]?
    /// The hive's Outlook history in brief (user hives; nil with `--no-outlook`).
    public var outlook: OutlookSummary?
    // get-expire fields (SOFTWARE hives)
    public var views: [ProfileExpireReport.View]?
    public var activeView: EnterpriseVaultView?
    public var effectiveDays: UInt32?
    /// Where the hive was read when it came from a disk image (absent for files read directly).
    public var source: EvidenceSource?

    /// A record with nothing read yet.
    public init(hive: HiveRecord) {
        self.hive = hive
        user = Self.userName(fromPath: hive.path)
    }

    /// A record of `path` with nothing read and nothing known of the file (e.g. built by hand).
    public init(path: String, status: HiveRecord.Status) {
        self.init(hive: HiveRecord(path: path, status: status))
    }

    public var path: String { hive.path }
    public var status: HiveRecord.Status { hive.status }
    public var kind: HiveKind? { hive.kind }
    public var error: String? { hive.error }
    public var errorKind: String? { hive.errorKind }
    public var warnings: [String] { hive.warnings }
    public var problems: [String] { hive.problems }
    /// Whether the file was read (completely or in part).
    public var wasRead: Bool { status == .ok || status == .partial }

    enum CodingKeys: String, CodingKey {
        case user, roots, profiles, deletedProfileMarks, deletedProfiles, recoveredMarks, outlook, views, activeView, effectiveDays, source
    }

    public init(from decoder: any Decoder) throws {
        hive = try HiveRecord(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        user = try container.decodeIfPresent(String.self, forKey: .user)
        roots = try container.decodeIfPresent([ProfileRoot].self, forKey: .roots)
        profiles = try container.decodeIfPresent([MAPIProfile].self, forKey: .profiles)
        deletedProfileMarks = try container.decodeIfPresent([DeletionMark].self, forKey: .deletedProfileMarks)
        deletedProfiles = try container.decodeIfPresent([MAPIProfile].self, forKey: .deletedProfiles)
        recoveredMarks = try container.decodeIfPresent([DeletionMark].self, forKey: .recoveredMarks)
        outlook = try container.decodeIfPresent(OutlookSummary.self, forKey: .outlook)
        views = try container.decodeIfPresent([ProfileExpireReport.View].self, forKey: .views)
        activeView = try container.decodeIfPresent(EnterpriseVaultView.self, forKey: .activeView)
        effectiveDays = try container.decodeIfPresent(UInt32.self, forKey: .effectiveDays)
        source = try container.decodeIfPresent(EvidenceSource.self, forKey: .source)
    }

    /// The hive record's fields, then the scan's own.
    public func encode(to encoder: any Encoder) throws {
        try hive.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(NullEncoded(wrappedValue: user), forKey: .user)
        try container.encode(NullEncoded(wrappedValue: roots), forKey: .roots)
        try container.encode(NullEncoded(wrappedValue: profiles), forKey: .profiles)
        try container.encode(NullEncoded(wrappedValue: deletedProfileMarks), forKey: .deletedProfileMarks)
        try container.encode(NullEncoded(wrappedValue: deletedProfiles), forKey: .deletedProfiles)
        try container.encode(NullEncoded(wrappedValue: recoveredMarks), forKey: .recoveredMarks)
        try container.encode(NullEncoded(wrappedValue: outlook), forKey: .outlook)
        try container.encode(NullEncoded(wrappedValue: views), forKey: .views)
        try container.encode(NullEncoded(wrappedValue: activeView), forKey: .activeView)
        try container.encode(NullEncoded(wrappedValue: effectiveDays), forKey: .effectiveDays)
        try container.encodeIfPresent(source, forKey: .source)  // only for hives read from a disk image
    }

    /// The profiles (live, then deleted) and marks (live, then recovered) of a user hive.
    public var allProfiles: [MAPIProfile] { (profiles ?? []) + (deletedProfiles ?? []) }
    public var allMarks: [DeletionMark] { (deletedProfileMarks ?? []) + (recoveredMarks ?? []) }
}

extension ScanRecord {
    /// Examines one file; never throws: every failure becomes an error record, hashed from the
    /// file's bytes when it can be opened.
    /// - Parameters:
    ///   - path: the file.
    ///   - options: how to open the hive (e.g. `ignoreLogs`, `unsafe`).
    ///   - includingDeleted: also search a user hive's free space for deleted profiles and marks.
    ///   - includingOutlook: also read a user hive's Outlook history (``outlook``).
    public static func scan(path: String, options: Hive.OpenOptions = [], includingDeleted: Bool = true,
                            includingOutlook: Bool = true) -> ScanRecord {
        let unsafe = options.contains(.unsafe)
        do {
            let hive = try Hive(path: path, options: options, whenMapped: PendingDigest.startWhenMapped)
            let pending = PendingIdentity(hive: hive)  // hashed while the hive is opened and read
            let kind = HiveKindEvidence(hive: hive)
            switch kind.kind {
            case .user, .default:
                return try userHiveRecord(hive, identity: pending, options: options, includingDeleted: includingDeleted,
                                          includingOutlook: includingOutlook)
            case .unknown where Self.hasSoftwareKey(hive):
                // A hive written by a tool, with neither Windows' file name nor a user's usual root
                // keys: its Software key may still hold profiles, so it is read as a user hive.
                return try userHiveRecord(hive, identity: pending, options: options, includingDeleted: includingDeleted,
                                          includingOutlook: includingOutlook)
            case .software:
                let identity = try pending.wait()
                let report = try ProfileExpireReport(hive: hive, identity: identity)
                let problems = unsafe ? HiveRecord.unsafeProblems(of: hive, besides: []) : []
                var record = ScanRecord(hive: HiveRecord(identity: identity, kind: kind, unsafe: unsafe, warnings: report.notes,
                                                         problems: problems))
                record.views = report.views
                record.activeView = report.activeView
                record.effectiveDays = report.effectiveDays
                return record
            default:
                let identity = try pending.wait()
                let problems = unsafe ? HiveRecord.unsafeProblems(of: hive, besides: []) : []
                return ScanRecord(hive: HiveRecord(identity: identity, kind: kind, unsafe: unsafe, warnings: identity.dirtyNotes,
                                                   problems: problems))
            }
        } catch {
            return ScanRecord(hive: HiveRecord(path: path, error: error, unsafe: unsafe))
        }
    }

    /// The record of a user (or DEFAULT) hive: its profiles and, with `includingOutlook`, its Outlook
    /// history in brief, read in one pass (the Outlook reader reads the profiles and free space for both).
    static func userHiveRecord(_ hive: Hive, identity pending: PendingIdentity, options: Hive.OpenOptions, includingDeleted: Bool,
                               includingOutlook: Bool) throws -> ScanRecord {
        let unsafe = options.contains(.unsafe)
        let history = includingOutlook ? try OutlookReader.read(hive, includingDeleted: includingDeleted) : nil
        let inventory = try history?.inventory ?? ProfileInventory(hive: hive, includingDeleted: includingDeleted)
        let report = try ProfileReport(hive: hive, identity: pending.wait(), inventory: inventory, unsafe: unsafe)
        var record = ScanRecord(hive: report.hive)
        // The Outlook reader meets damage the profile reader does not (inside sections): list it too.
        let extra = (history?.problems ?? []).filter { !record.hive.problems.contains($0) }
        if !extra.isEmpty {
            record.hive.problems += extra
            record.hive.status = .partial
        }
        record.outlook = history.map(OutlookSummary.init)
        record.roots = inventory.roots
        record.profiles = inventory.profiles
        record.deletedProfileMarks = inventory.deletedProfileMarks
        record.deletedProfiles = inventory.deletedProfiles
        record.recoveredMarks = inventory.recoveredMarks
        return record
    }

    /// Whether the hive's root has a `Software` key (case-insensitive).
    static func hasSoftwareKey(_ hive: Hive) -> Bool {
        guard let root = try? hive.root(), (try? hive.child(named: "Software", of: root)) != nil else { return false }
        return true
    }

    /// A record for a file whose worker passed the time limit and was killed.
    public static func timedOut(path: String, after seconds: TimeInterval) -> ScanRecord {
        failed(path: path, message: "timed out after \(Int(seconds)) s (the per-hive time limit); its worker was killed",
               kind: "timeout", status: .timeout)
    }

    /// An error record for something read as a whole that is not one hive file (a disk image, a
    /// partition, a file system in it): `label` names it and nothing is hashed.
    public static func unreadable(_ label: String, _ message: String, kind: String) -> ScanRecord {
        var record = ScanRecord(path: label, status: .error)
        record.hive.error = "\(label): \(message)"
        record.hive.errorKind = kind
        return record
    }

    /// A record for a file the scan could not read for a reason of its own (a worker that crashed or
    /// timed out): the file is still hashed from its bytes.
    static func failed(path: String, message: String, kind: String, status: HiveRecord.Status = .error) -> ScanRecord {
        var hive = HiveRecord(path: path, error: HiveError(.ioError, operation: "scan", path: path, message: message), status: status)
        hive.errorKind = kind
        return ScanRecord(hive: hive)
    }

    /// The account a hive belongs to, from the folder above it:
    /// `Users/NAME/NTUSER.DAT`, `Documents and Settings/NAME/...`, `ServiceProfiles/NAME/...`; `.DEFAULT`
    /// for `config/DEFAULT`.
    public static func userName(fromPath path: String) -> String? {
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count >= 2 else { return nil }
        if parts.last?.uppercased() == "DEFAULT", parts[parts.count - 2].uppercased() == "CONFIG" { return ".DEFAULT" }
        guard parts.count >= 3 else { return nil }
        let container = parts[parts.count - 3].uppercased()
        return ["USERS", "DOCUMENTS AND SETTINGS", "SERVICEPROFILES"].contains(container) ? parts[parts.count - 2] : nil
    }
}

/// Totals of a scan, printed at the end.
public struct ScanSummary: Codable, Hashable, Sendable {
    public var files = 0
    public var hivesRead = 0
    public var errors = 0
    /// Hives read in part: damaged parts (or what hivex's unsafe mode skipped) are listed as problems.
    public var partial = 0
    public var profiles = 0
    public var markedProfiles = 0
    public var marks = 0
    public var staleMarks = 0
    public var dirtyHives = 0

    public init() {}

    public mutating func add(_ record: ScanRecord) {
        files += 1
        if record.wasRead { hivesRead += 1 } else { errors += 1 }
        if record.status == .partial { partial += 1 }
        profiles += record.profiles?.count ?? 0
        markedProfiles += record.profiles?.filter { $0.status == .markedForDeletion }.count ?? 0
        marks += record.deletedProfileMarks?.count ?? 0
        staleMarks += record.deletedProfileMarks?.filter { !$0.profileExists }.count ?? 0
        if record.hive.dirty == true { dirtyHives += 1 }
    }

    /// `scan: 12 hives read, 1 error; 30 profiles (2 marked), 5 marks (1 stale); 1 dirty`.
    public var line: String {
        "scan: \(files) file\(files == 1 ? "" : "s"), \(hivesRead) hive\(hivesRead == 1 ? "" : "s") read\(partial > 0 ? " (\(partial) in part)" : ""), \(errors) error\(errors == 1 ? "" : "s"); "
            + "\(profiles) profile\(profiles == 1 ? "" : "s") (\(markedProfiles) marked), \(marks) mark\(marks == 1 ? "" : "s") (\(staleMarks) stale); \(dirtyHives) dirty"
    }

    /// 0 when every file was read completely, 2 when some were not (or only in part), 65 when none
    /// was read (1 when there was nothing to scan).
    public var exitStatus: ExitStatus {
        if files == 0 { return .notFound }
        if errors == 0 && partial == 0 { return .success }
        return hivesRead == 0 ? .badHive : .partial
    }
}
