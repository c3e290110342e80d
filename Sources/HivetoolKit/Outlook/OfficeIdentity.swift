import FoundationEssentials
import Hivex

/// One Office sign-in identity (`Office\<n>\Common\Identity\Identities\<id>`).
public struct OfficeIdentity: Codable, Hashable, Sendable {
    /// The Office version the key belongs to (`16.0`).
    public var officeVersion: String
    /// The identity key's name (`<guid>_ADAL`, `<cid>_LiveId`...).
    public var name: String
    public var key: OutlookKey
    @NullEncoded public var emailAddress: String?
    @NullEncoded public var friendlyName: String?
    /// `ProviderId` as stored, and what it names: `Microsoft account` (LiveId), `organisation` (AD,
    /// ADAL), or nil when unknown.
    @NullEncoded public var providerId: String?
    @NullEncoded public var provider: String?
    @NullEncoded public var signInName: String?
    /// `AuthHistory` decoded as consecutive 8-byte FILETIMEs (zero and implausible times left out).
    public var authHistory: [Date]
    /// `AuthHistory`'s bytes in hex when they are not a whole number of FILETIMEs.
    @NullEncoded public var authHistoryHex: String?
}
