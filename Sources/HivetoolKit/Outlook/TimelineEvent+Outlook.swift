import FoundationEssentials
import Hivex

extension TimelineEvent {
    /// The events of `hivetool outlook`: the profile events of list-profiles, then account keys,
    /// removed accounts, orphan sections, keys naming data files, identities (key and AuthHistory
    /// times), add-ins and settings, each with a time.
    public static func events(of report: OutlookReport) -> [TimelineEvent] {
        let user = ScanRecord.userName(fromPath: report.hive.path)
        var result = events(hive: report.hive, user: user, roots: [], profiles: report.profiles, marks: [], views: [],
                            deletedProfiles: report.deletedProfiles ?? [])
        func add(_ time: Date?, _ kind: Kind, _ keyPath: String, profile: String? = nil, layout: String? = nil, _ details: String) {
            guard let time else { return }
            result.append(TimelineEvent(time: time, kind: kind, hive: report.hive.path, hiveSHA256: report.hive.sha256, user: user,
                                        keyPath: keyPath, profile: profile, layout: layout, details: details))
        }
        for manager in report.accountManagers {
            for account in manager.accounts {
                add(account.key.lastWrite, .accountKeyWritten, account.key.keyPath, profile: manager.profile, layout: manager.layout.rawValue,
                    [account.name, account.serviceName.map { "service \($0)" }, manager.profileState == .live ? nil : "deleted profile"]
                        .compactMap { $0 }.joined(separator: ", "))
            }
            for removed in manager.removedAccounts {
                guard let recovered = removed.recovered else { continue }
                add(recovered.lastWrite, .removedAccountWritten, recovered.keyPath, profile: manager.profile, layout: manager.layout.rawValue,
                    "account \(removed.id) (below NextAccountID \(manager.nextAccountID.map(String.init) ?? "?")), \(recovered.source.rawValue) at offset \(recovered.offset)")
            }
        }
        for orphan in report.orphanSections {
            add(orphan.key.lastWrite, .orphanSectionWritten, orphan.key.keyPath, profile: orphan.profile, layout: orphan.layout.rawValue,
                orphan.summary)
        }
        for file in report.dataFiles {
            for sighting in file.sightings {
                add(sighting.key.lastWrite, .dataFileKeyWritten, sighting.key.keyPath, profile: sighting.profile,
                    "\(sighting.source.rawValue): \(sighting.spelledAs) (\(file.location.rawValue), \(file.attachmentText))")
            }
        }
        for identity in report.identities {
            let who = identity.emailAddress ?? identity.signInName ?? identity.name
            add(identity.key.lastWrite, .identityKeyWritten, identity.key.keyPath, "\(who), Office \(identity.officeVersion)")
            for time in identity.authHistory {
                add(time, .identityAuthenticated, identity.key.keyPath, "\(who), Office \(identity.officeVersion)")
            }
        }
        for addin in report.addins {
            add(addin.key.lastWrite, .addinKeyWritten, addin.key.keyPath, "\(addin.progID): \(addin.loadBehaviorText)")
        }
        for setting in report.settings {
            add(setting.key.lastWrite, .outlookSettingWritten, setting.key.keyPath, setting.statement)
        }
        return result
    }
}

extension OrphanSection {
    /// `display name X, store path Y, service Z`, or `no values`.
    public var summary: String {
        let parts = [displayName.map { "display name \($0)" }, storePath.map { "store path \($0)" }, serviceName.map { "service \($0)" }]
            .compactMap { $0 }
        if parts.isEmpty { return valueCount == 0 ? "no values" : "\(valueCount) value\(valueCount == 1 ? "" : "s"), none of them a name or path" }
        return parts.joined(separator: ", ")
    }
}
