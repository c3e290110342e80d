import FoundationEssentials
import Hivex

/// What `hivetool scan` reports for one file: the hive's identity and kind, and the list-profiles
/// result for a user hive or the get-expire result for a SOFTWARE hive (same field names), or the error.
public struct ScanRecord: Codable, Hashable, Sendable {
    public enum Status: String, Codable, Hashable, Sendable {
        /// Read (`problems` may still list damaged parts).
        case ok
        /// Could not be read; see `error`.
        case error
        /// Took longer than the per-hive time limit and was abandoned.
        case timeout
    }

    /// What the hive holds, judged from its root keys.
    public enum Kind: String, Codable, Hashable, Sendable {
        /// NTUSER.DAT, DEFAULT, a service account's hive: the root has `Software`.
        case user
        /// The SOFTWARE hive: the root has `Microsoft` and no `Software`.
        case software
        case other
    }

    public var record = "hive"
    public var path: String
    public var status: Status
    @NullEncoded public var error: String?
    /// The error's kind (`notAHive`, `corrupt`, `fileNotFound`, ...), for scripts.
    @NullEncoded public var errorKind: String?
    @NullEncoded public var kind: Kind?
    /// The user the hive belongs to, from its path (`Users/NAME/NTUSER.DAT`, ...), `.DEFAULT` for DEFAULT.
    @NullEncoded public var user: String?
    @NullEncoded public var hive: HiveIdentity?
    // list-profiles fields (user hives)
    @NullEncoded public var roots: [ProfileRoot]?
    @NullEncoded public var profiles: [MAPIProfile]?
    @NullEncoded public var deletedProfileMarks: [DeletionMark]?
    /// Profiles and marks recovered from free space (nil when not looked for: `--no-deleted`).
    @NullEncoded public var deletedProfiles: [DeletedProfile]?
    @NullEncoded public var recoveredMarks: [RecoveredMark]?
    // get-expire fields (SOFTWARE hives)
    @NullEncoded public var views: [ProfileExpireReport.View]?
    @NullEncoded public var activeView: EnterpriseVaultView?
    @NullEncoded public var effectiveDays: UInt32?
    public var warnings: [String] = []
    public var problems: [String] = []
    /// Where the hive was read when it came from a disk image (absent for files read directly).
    public var source: EvidenceSource?

    public init(path: String, status: Status) {
        self.path = path
        self.status = status
    }
}

extension ScanRecord {
    /// Examines one file; never throws: every failure becomes an error record.
    /// - Parameters:
    ///   - path: the file.
    ///   - options: how to open the hive (e.g. `ignoreLogs`).
    ///   - includingDeleted: also search a user hive's free space for deleted profiles and marks.
    public static func scan(path: String, options: Hive.OpenOptions = [], includingDeleted: Bool = true) -> ScanRecord {
        var record = ScanRecord(path: path, status: .ok)
        record.user = userName(fromPath: path)
        do {
            let hive = try Hive(path: path, options: options)
            let identity = try HiveIdentity(hive: hive)
            record.hive = identity
            record.kind = try kind(of: hive)
            switch record.kind {
            case .user:
                let inventory = try ProfileInventory(hive: hive, identity: identity, includingDeleted: includingDeleted)
                record.roots = inventory.roots
                record.profiles = inventory.profiles
                record.deletedProfileMarks = inventory.deletedProfileMarks
                record.deletedProfiles = inventory.deletedProfiles
                record.recoveredMarks = inventory.recoveredMarks
                record.warnings = inventory.warnings
                record.problems = inventory.problems
            case .software:
                let report = try ProfileExpireReport(hive: hive, identity: identity)
                record.views = report.views
                record.activeView = report.activeView
                record.effectiveDays = report.effectiveDays
                record.warnings = report.notes
            case .other, nil:
                record.warnings = identity.dirtyNotes
            }
        } catch let error as HiveError {
            record.status = .error
            record.error = error.description
            record.errorKind = error.kind.rawValue
        } catch {
            record.status = .error
            record.error = "\(path): \(error)"
            record.errorKind = "internal"
        }
        return record
    }

    /// A record for a file whose worker passed the time limit and was killed.
    public static func timedOut(path: String, after seconds: TimeInterval) -> ScanRecord {
        var record = ScanRecord(path: path, status: .timeout)
        record.user = userName(fromPath: path)
        record.error = "\(path): timed out after \(Int(seconds)) s (the per-hive time limit); its worker was killed"
        record.errorKind = "timeout"
        return record
    }

    /// `user` for a user hive, `software` for SOFTWARE, else `other`.
    static func kind(of hive: Hive) throws -> Kind {
        let names = Set(try hive.children(of: hive.root()).map { try hive.name(of: $0).uppercased() })
        if names.contains("SOFTWARE") { return .user }
        if names.contains("MICROSOFT") { return .software }
        return .other
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
    public var profiles = 0
    public var markedProfiles = 0
    public var marks = 0
    public var staleMarks = 0
    public var dirtyHives = 0

    public init() {}

    public mutating func add(_ record: ScanRecord) {
        files += 1
        if record.status == .ok { hivesRead += 1 } else { errors += 1 }
        profiles += record.profiles?.count ?? 0
        markedProfiles += record.profiles?.filter { $0.status == .markedForDeletion }.count ?? 0
        marks += record.deletedProfileMarks?.count ?? 0
        staleMarks += record.deletedProfileMarks?.filter { !$0.profileExists }.count ?? 0
        if record.hive?.dirty == true { dirtyHives += 1 }
    }

    /// `scan: 12 hives read, 1 error; 30 profiles (2 marked), 5 marks (1 stale); 1 dirty`.
    public var line: String {
        "scan: \(files) file\(files == 1 ? "" : "s"), \(hivesRead) hive\(hivesRead == 1 ? "" : "s") read, \(errors) error\(errors == 1 ? "" : "s"); "
            + "\(profiles) profile\(profiles == 1 ? "" : "s") (\(markedProfiles) marked), \(marks) mark\(marks == 1 ? "" : "s") (\(staleMarks) stale); \(dirtyHives) dirty"
    }

    /// 0 when every file was read, 2 when some were, 65 when none was (1 when there was nothing to scan).
    public var exitStatus: ExitStatus {
        if files == 0 { return .notFound }
        if errors == 0 { return .success }
        return hivesRead == 0 ? .badHive : .partial
    }
}
