import Foundation
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
}

/// A `Profiles` key of one layout.
public struct ProfileRoot: Codable, Hashable, Sendable {
    public var layout: ProfileLayout
    /// The `Profiles` key's path as stored (letter case of the hive).
    public var path: String
    /// The `DefaultProfile` value, from `Profiles` or from the `Outlook` key per layout.
    @NullEncoded public var defaultProfile: String?
    @NullEncoded public var lastWrite: Date?
}

/// One profile key.
public struct MAPIProfile: Codable, Hashable, Sendable {
    public enum Status: String, Codable, Hashable, Sendable {
        case active
        /// A `Deleted Profiles` container of the same root names it: MAPI deletes it at the next
        /// `MAPIInitialize` that finds it unused.
        case markedForDeletion = "marked-for-deletion"
    }

    public var name: String
    public var layout: ProfileLayout
    public var keyPath: String
    @NullEncoded public var lastWrite: Date?
    public var status: Status
    public var isDefault: Bool
    /// The containers marking the profile (exact key names).
    public var markedIn: [String]
    public var sectionCount: Int
    public var services: [MAPIService]
    public var accounts: [MAPIAccount]
    public var dataFiles: [DataFile]
    @NullEncoded public var exchange: ExchangeMailbox?
    /// Values that exist but could not be decoded as text.
    public var undecodableValues: [UndecodableValue]
}

/// A message service of a profile (a section holding a service name).
public struct MAPIService: Codable, Hashable, Sendable {
    /// `MSEMS`, `MSUPST MS`, `CONTAB`, ...
    public var name: String
    public var section: String
    @NullEncoded public var displayName: String?
}

/// An account from the account manager section (`9375CFF0...\0000000N`).
public struct MAPIAccount: Codable, Hashable, Sendable {
    @NullEncoded public var name: String?
    @NullEncoded public var email: String?
    @NullEncoded public var displayName: String?
    /// Servers by protocol: `pop3`, `imap`, `smtp`, `http`, ...
    public var servers: [String: String]
    @NullEncoded public var userName: String?
    @NullEncoded public var serviceName: String?
    /// Names of password values: present and DPAPI-encrypted; their data is never shown.
    public var encryptedPasswords: [String]
    public var keyPath: String
}

/// A PST or OST file named by a profile.
public struct DataFile: Codable, Hashable, Sendable {
    public var path: String
    /// `pst`, `ost`, or `other`, from the file extension.
    public var kind: String
    /// The section and value the path came from.
    public var section: String
    public var value: String
}

/// Exchange settings of a profile, where present.
public struct ExchangeMailbox: Codable, Hashable, Sendable {
    @NullEncoded public var mailbox: String?
    @NullEncoded public var server: String?
    @NullEncoded public var homeServer: String?
    @NullEncoded public var mailboxDN: String?
    @NullEncoded public var smtpAddress: String?
}

/// A value hivetool expected to be text but could not decode.
public struct UndecodableValue: Codable, Hashable, Sendable {
    public var keyPath: String
    public var value: String
    public var type: String
    public var reason: String
}

/// One subkey of a `Deleted Profiles` container: a profile marked for deletion.
public struct DeletionMark: Codable, Hashable, Sendable {
    /// The profile name the mark carries.
    public var profile: String
    public var layout: ProfileLayout
    /// The container's exact key name.
    public var container: String
    public var containerPath: String
    /// `inside-profiles` or `beside-profiles`.
    public var placement: String
    /// The suffix after `Deleted Profiles` (one separator removed), or nil for the plain container.
    @NullEncoded public var sidCRC: String?
    public var keyPath: String
    @NullEncoded public var lastWrite: Date?
    /// False for a stale mark: no profile of that name in the same root.
    public var profileExists: Bool
}
