import FoundationEssentials
import Hivex

extension OutlookReader {
    /// `Office\<n>.0\Common\Identity\Identities\*`: who signed in to Office.
    mutating func readIdentities(officeVersion: String, versionPath: String) {
        do {
            guard let identities = try hive.locate(RegistryPath.appending(OutlookNames.identities, to: versionPath)) else { return }
            for identity in try subkeys(of: identities.key, path: identities.path) {
                let values = try hive.values(of: identity.node)
                func string(_ name: String) -> String? {
                    values.first { RegistryPath.namesEqual($0.name, name) }.flatMap(text).flatMap { $0.isEmpty ? nil : $0 }
                }
                let providerId = string("ProviderId")
                let history = values.first { RegistryPath.namesEqual($0.name, "AuthHistory") }.map(Self.authHistory)
                self.history.identities.append(OfficeIdentity(
                    officeVersion: officeVersion, name: identity.name,
                    key: OutlookKey(keyPath: RegistryPath.appending(identity.name, to: identities.path), lastWrite: try? hive.lastWrite(of: identity.node)),
                    emailAddress: string("EmailAddress"), friendlyName: string("FriendlyName"), providerId: providerId,
                    provider: providerId.flatMap(Self.provider), signInName: string("SignInName"),
                    authHistory: history?.times ?? [], authHistoryHex: history?.hex))
            }
        } catch {
            history.problems.append("\(RegistryPath.appending(OutlookNames.identities, to: versionPath)): cannot be read: "
                                    + ((error as? HiveError)?.message ?? "\(error)"))
        }
    }

    /// What a `ProviderId` names: `Microsoft account` (LiveId) or `organisation` (AD, ADAL).
    static func provider(_ providerId: String) -> String? {
        switch providerId.lowercased() {
        case "liveid", "msa": "Microsoft account"
        case "ad", "adal", "orgid": "organisation"
        default: nil
        }
    }

    /// `AuthHistory` as 8-byte FILETIMEs (a QWORD is one); the hex when the bytes are not whole FILETIMEs.
    static func authHistory(_ value: RegistryValue) -> (times: [Date], hex: String?) {
        let bytes = value.data
        guard !bytes.isEmpty, bytes.count % 8 == 0, value.type == .binary || value.type == .qword else {
            return ([], Hex.string(bytes))
        }
        let times = stride(from: 0, to: bytes.count, by: 8).compactMap { FileTime.date(fromTicks: bytes.uint64(at: $0)) }
        return (times, nil)
    }
}
