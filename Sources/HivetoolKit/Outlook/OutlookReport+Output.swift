import FoundationEssentials
import Hivex

extension OutlookReport {
    /// Writes the report in `format`.
    public func write(_ format: ListFormat, to output: inout some TextOutputStream) throws {
        switch format {
        case .text: writeText(to: &output)
        case .json: output.write(try JSONOutput.string(self) + "\n")
        case .jsonl: try writeJSONLines(to: &output)
        case .csv: writeCSV(to: &output)
        case .tln, .bodyfile, .timesketch: try format.timeline?.write(TimelineEvent.events(of: self), to: &output)
        }
    }

    /// One line per fact, each with `record` and `hive`: `outlook-key`, `profile`, `deleted-profile`,
    /// `account-manager`, `orphan-section`, `data-file`, `identity`, `addin`, `setting`.
    public func writeJSONLines(to output: inout some TextOutputStream) throws {
        func line(_ record: String, _ body: some Encodable) throws {
            output.write(try JSONOutput.string(JSONLRecord(record: record, hive: hive.path, body: body), pretty: false) + "\n")
        }
        for entry in officeVersions { try line("outlook-key", entry) }
        for entry in profiles { try line("profile", entry) }
        for entry in deletedProfiles ?? [] { try line("deleted-profile", entry) }
        for entry in accountManagers { try line("account-manager", entry) }
        for entry in orphanSections { try line("orphan-section", entry) }
        for entry in dataFiles { try line("data-file", entry) }
        for entry in identities { try line("identity", entry) }
        for entry in addins { try line("addin", entry) }
        for entry in settings { try line("setting", entry) }
    }

    /// The CSV columns, shared by every record.
    public static let csvColumns = ["record", "hive", "officeVersion", "profile", "keyPath", "lastWrite", "name", "value", "state", "details"]

    /// A header, then one row per fact (a data file's row names every place it was seen).
    public func writeCSV(to output: inout some TextOutputStream) {
        output.write(CSV.line(Self.csvColumns))
        func row(_ record: String, _ version: String?, _ profile: String?, _ key: OutlookKey, _ name: String, _ value: String?,
                 _ state: String, _ details: String) {
            output.write(CSV.line([record, hive.path, version ?? "", profile ?? "", key.keyPath, key.lastWrite.map(Timestamp.iso8601) ?? "",
                                   name, value ?? "", state, details]))
        }
        for entry in officeVersions {
            row("outlook-key", entry.version, nil, OutlookKey(keyPath: entry.keyPath, lastWrite: entry.lastWrite), entry.title, nil, "", "")
        }
        for profile in profiles {
            row("profile", nil, profile.name, OutlookKey(keyPath: profile.keyPath, lastWrite: profile.lastWrite), profile.name,
                profile.dataFiles.map(\.path).joined(separator: "; "), profile.status.rawValue, profile.services.map(\.name).joined(separator: "; "))
        }
        for profile in deletedProfiles ?? [] {
            row("deleted-profile", nil, profile.name, OutlookKey(keyPath: profile.keyPath, lastWrite: profile.lastWrite), profile.name,
                profile.dataFiles.map(\.path).joined(separator: "; "), "deleted", profile.services.map(\.name).joined(separator: "; "))
        }
        for manager in accountManagers {
            for account in manager.accounts {
                row("account", nil, manager.profile, account.key, RegistryPath.components(account.key.keyPath).last ?? "",
                    account.name, manager.profileState.rawValue, account.serviceName.map { "service \($0)" } ?? "")
            }
            for removed in manager.removedAccounts {
                row("removed-account", nil, manager.profile, removed.recovered.map { OutlookKey(keyPath: $0.keyPath, lastWrite: $0.lastWrite) } ?? manager.key,
                    removed.keyName, removed.recovered?.account?.summary, removed.recovered == nil ? "removed" : "removed, recovered",
                    removed.details(nextAccountID: manager.nextAccountID))
            }
        }
        for orphan in orphanSections {
            row("orphan-section", nil, orphan.profile, orphan.key, orphan.section, orphan.storePath, orphan.profileState.rawValue, orphan.summary)
        }
        for file in dataFiles {
            let seen = file.sightings.map { "\($0.source.rawValue) (\($0.key.keyPath), \(Timestamp.text($0.key.lastWrite)))" }
            row("data-file", nil, nil, OutlookKey(keyPath: file.sightings[0].key.keyPath, lastWrite: file.lastSeen), file.path, file.kind,
                file.attachment.rawValue, "\(file.location.rawValue); seen in " + seen.joined(separator: "; "))
        }
        for identity in identities {
            row("identity", identity.officeVersion, nil, identity.key, identity.name, identity.emailAddress, identity.provider ?? "",
                identity.details)
        }
        for addin in addins {
            row("addin", addin.officeVersion, nil, addin.key, addin.progID, addin.loadBehavior.map(String.init), "",
                [addin.loadBehaviorText, addin.friendlyName, addin.description].compactMap { $0 }.joined(separator: "; "))
        }
        for setting in settings {
            row("setting", setting.officeVersion, nil, setting.key, setting.value, setting.data, setting.category.rawValue,
                setting.statement + (setting.note.map { " (\($0))" } ?? ""))
        }
    }
}

extension RemovedAccount {
    /// `below NextAccountID 14; settings section S; recovered from free space at 0x...` in words.
    func details(nextAccountID: Int?) -> String {
        var parts = ["id \(id) is below NextAccountID \(nextAccountID.map(String.init) ?? "?") and has no key"]
        if let settingsSection { parts.append("orphan settings section \(settingsSection) carries its number") }
        if let recovered {
            parts.append("key recovered from free space (\(recovered.source.rawValue) at 0x\(String(recovered.offset, radix: 16)))"
                         + (recovered.account == nil ? ", values not recoverable" : ""))
        } else {
            parts.append("key not found in free space")
        }
        return parts.joined(separator: "; ")
    }
}

extension OfficeIdentity {
    /// Friendly name, provider, sign-in name and AuthHistory in words.
    var details: String {
        var parts: [String] = []
        if let friendlyName { parts.append("friendly name \(friendlyName)") }
        if let providerId { parts.append("ProviderId \(providerId)" + (provider.map { " (\($0))" } ?? "")) }
        if let signInName { parts.append("sign-in name \(signInName)") }
        if !authHistory.isEmpty { parts.append("AuthHistory " + authHistory.map(Timestamp.iso8601).joined(separator: ", ")) }
        if let authHistoryHex { parts.append("AuthHistory not whole FILETIMEs: \(Hex.abbreviated(authHistoryHex))") }
        return parts.joined(separator: "; ")
    }
}
