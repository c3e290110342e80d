import Foundation

extension TimelineEvent {
    /// The events of a user hive's profile inventory: profile roots, profiles and deletion marks
    /// with a last-write time, in that order. `user` defaults to the account named by the hive's path.
    public static func events(of inventory: ProfileInventory, user: String? = nil) -> [TimelineEvent] {
        events(hive: inventory.hive, user: user ?? ScanRecord.userName(fromPath: inventory.hive.path),
               roots: inventory.roots, profiles: inventory.profiles, marks: inventory.deletedProfileMarks, views: [])
    }

    /// The events of one scanned file: its profile inventory (user hives) or its Enterprise Vault
    /// `Agents` keys (SOFTWARE hives); none for a file that could not be read.
    public static func events(of record: ScanRecord) -> [TimelineEvent] {
        guard let hive = record.hive else { return [] }
        return events(hive: hive, user: record.user, roots: record.roots ?? [], profiles: record.profiles ?? [],
                      marks: record.deletedProfileMarks ?? [], views: record.views ?? [])
    }

    static func events(hive: HiveIdentity, user: String?, roots: [ProfileRoot], profiles: [MAPIProfile],
                       marks: [DeletionMark], views: [ProfileExpireReport.View]) -> [TimelineEvent] {
        func event(_ time: Date?, _ kind: Kind, keyPath: String, profile: String? = nil, layout: String?,
                   details: String? = nil) -> TimelineEvent? {
            time.map {
                TimelineEvent(time: $0, kind: kind, hive: hive.path, hiveSHA256: hive.sha256, user: user, keyPath: keyPath,
                              profile: profile, layout: layout, details: details)
            }
        }
        var result: [TimelineEvent] = []
        for root in roots {
            result += [event(root.lastWrite, .profileRootWritten, keyPath: root.path, layout: root.layout.rawValue,
                             details: root.defaultProfile.map { "default profile \($0)" })].compactMap { $0 }
        }
        for profile in profiles {
            var facts = [profile.status.rawValue]
            if profile.isDefault { facts.append("default") }
            if !profile.markedIn.isEmpty { facts.append("marked in \(profile.markedIn.joined(separator: ", "))") }
            result += [event(profile.lastWrite, .profileWritten, keyPath: profile.keyPath, profile: profile.name,
                             layout: profile.layout.rawValue, details: facts.joined(separator: ", "))].compactMap { $0 }
        }
        for mark in marks {
            let state = mark.profileExists ? "profile exists, pending deletion" : "stale: no such profile"
            result += [event(mark.lastWrite, .deletionMarkWritten, keyPath: mark.keyPath, profile: mark.profile,
                             layout: mark.layout.rawValue, details: "in \(mark.container), \(state)")].compactMap { $0 }
        }
        for view in views where view.keyExists {
            let setting: String
            if !view.valueExists { setting = "ProfileExpire absent" }
            else if let days = view.days { setting = "ProfileExpire \(days) day\(days == 1 ? "" : "s")" }
            else { setting = "ProfileExpire \(view.type ?? "of another type")" }
            result += [event(view.lastWrite, .profileExpireKeyWritten, keyPath: view.keyPath, layout: view.view.rawValue,
                             details: setting)].compactMap { $0 }
        }
        return result
    }
}
