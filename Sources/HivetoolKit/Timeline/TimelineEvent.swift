import FoundationEssentials

/// One timestamped fact of a hive (a key's last-write time), for timeline tools: what the `tln`,
/// `bodyfile` and `timesketch` formats of `list-profiles` and `scan` render.
public struct TimelineEvent: Hashable, Sendable {
    /// What the timestamp says.
    public enum Kind: String, CaseIterable, Hashable, Sendable {
        /// A `Profiles` key (a profile root) was last written.
        case profileRootWritten = "profile-root-written"
        /// A profile's key was last written.
        case profileWritten = "profile-written"
        /// A deletion mark (a subkey of a `Deleted Profiles` container) was last written.
        case deletionMarkWritten = "deletion-mark-written"
        /// Enterprise Vault's `Agents` key, which holds `ProfileExpire`, was last written.
        case profileExpireKeyWritten = "profile-expire-key-written"
        /// A deleted profile's key, recovered from free space, was last written (before deletion).
        case deletedProfileWritten = "deleted-profile-written"
        /// A deletion mark recovered from free space was last written (MAPI finished deleting the profile after).
        case recoveredMarkWritten = "recovered-mark-written"
        /// A deleted key recovered from free space was last written (`hivetool deleted`).
        case deletedKeyWritten = "deleted-key-written"
        /// An account key (`9375CFF0...\0000000N`) was last written (`hivetool outlook`).
        case accountKeyWritten = "account-key-written"
        /// A removed account's key, recovered from free space, was last written.
        case removedAccountWritten = "removed-account-written"
        /// A profile section nothing points to was last written.
        case orphanSectionWritten = "orphan-section-written"
        /// A key naming a data file (a profile section, Search, Search\Catalog, PST) was last written.
        case dataFileKeyWritten = "data-file-key-written"
        /// An Office identity key was last written.
        case identityKeyWritten = "identity-key-written"
        /// A time in an Office identity's `AuthHistory`.
        case identityAuthenticated = "identity-authenticated"
        /// An Outlook add-in's key was last written.
        case addinKeyWritten = "addin-key-written"
        /// A key holding a home page, security, VBA or disabled-item setting was last written.
        case outlookSettingWritten = "outlook-setting-written"
        /// The hive file's `$STANDARD_INFORMATION` times, when it was read from a disk image.
        case hiveFileCreated = "hive-file-created"
        case hiveFileModified = "hive-file-modified"
        case hiveFileMFTChanged = "hive-file-mft-changed"
        case hiveFileAccessed = "hive-file-accessed"

        /// Timesketch's `timestamp_desc`: what the time means.
        public var timestampDescription: String {
            switch self {
            case .profileRootWritten: "Profile root key last written"
            case .profileWritten: "Profile key last written"
            case .deletionMarkWritten: "Deletion mark key last written"
            case .profileExpireKeyWritten: "ProfileExpire key last written"
            case .deletedProfileWritten: "Deleted profile key last written (recovered from free space)"
            case .recoveredMarkWritten: "Deleted deletion mark last written (recovered from free space)"
            case .deletedKeyWritten: "Deleted key last written (recovered from free space)"
            case .accountKeyWritten: "Account key last written"
            case .removedAccountWritten: "Removed account key last written (recovered from free space)"
            case .orphanSectionWritten: "Orphan profile section last written"
            case .dataFileKeyWritten: "Key naming a data file last written"
            case .identityKeyWritten: "Office identity key last written"
            case .identityAuthenticated: "Office identity AuthHistory time"
            case .addinKeyWritten: "Outlook add-in key last written"
            case .outlookSettingWritten: "Outlook setting key last written"
            case .hiveFileCreated: "Hive file created ($STANDARD_INFORMATION)"
            case .hiveFileModified: "Hive file content modified ($STANDARD_INFORMATION)"
            case .hiveFileMFTChanged: "Hive file MFT entry changed ($STANDARD_INFORMATION)"
            case .hiveFileAccessed: "Hive file accessed ($STANDARD_INFORMATION)"
            }
        }
    }

    /// The key's last-write time (UTC).
    public var time: Date
    public var kind: Kind
    /// The hive file's path, as given.
    public var hive: String
    public var hiveSHA256: String
    /// The account the hive belongs to, from its path (`Users/NAME/NTUSER.DAT`, ...), if known.
    public var user: String?
    /// The key whose last-write time this is, relative to the hive root.
    public var keyPath: String
    /// The profile the key belongs to or names, if any.
    public var profile: String?
    /// The profile layout (`office-16.0`, ...) or the Enterprise Vault view (`wow6432node`, `native`).
    public var layout: String?
    /// Facts beside the time, for people: `marked-for-deletion, default`, `ProfileExpire 3 days`, ...
    public var details: String?

    public init(time: Date, kind: Kind, hive: String, hiveSHA256: String, user: String?, keyPath: String,
                profile: String? = nil, layout: String? = nil, details: String? = nil) {
        self.time = time
        self.kind = kind
        self.hive = hive
        self.hiveSHA256 = hiveSHA256
        self.user = user
        self.keyPath = keyPath
        self.profile = profile
        self.layout = layout
        self.details = details
    }

    /// One line for people, without the hive or time: `Profile key last written: Outlook
    /// (windows-messaging-subsystem; active, default)`.
    public var summary: String {
        var text = kind.timestampDescription
        if let profile { text += ": \(profile)" }
        let facts = [layout, details].compactMap { $0 }.filter { !$0.isEmpty }
        if !facts.isEmpty { text += " (\(facts.joined(separator: "; ")))" }
        return text
    }

    /// Whole seconds since 1970-01-01 UTC, rounded down (TLN and bodyfile times).
    public var epochSeconds: Int64 {
        Int64(time.timeIntervalSince1970.rounded(.down))
    }
}
