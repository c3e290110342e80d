import FoundationEssentials

extension TimelineEvent {
    /// The events of a user hive's profile report: profile roots, profiles (live, then deleted) and
    /// deletion marks (live, then recovered) with a last-write time, in that order; none for a file
    /// that could not be read. `user` defaults to the account named by the hive's path.
    public static func events(of report: ProfileReport, user: String? = nil) -> [TimelineEvent] {
        guard let inventory = report.inventory else { return [] }
        return events(hive: report.hive.reference, user: user ?? ScanRecord.userName(fromPath: report.hive.path),
                      roots: inventory.roots, profiles: inventory.allProfiles, marks: inventory.allMarks, views: [])
    }

    /// The events of one scanned file: its profile inventory (user hives) or its Enterprise Vault
    /// `Agents` keys (SOFTWARE hives); none for a file that could not be read.
    public static func events(of record: ScanRecord) -> [TimelineEvent] {
        let fileEvents = record.source.map { fileTimes(of: $0, record: record) } ?? []
        guard record.hive.status != .error && record.hive.status != .timeout else { return fileEvents }
        return fileEvents + events(hive: record.hive.reference, user: record.user, roots: record.roots ?? [],
                                   profiles: (record.profiles ?? []) + (record.deletedProfiles ?? []),
                                   marks: (record.deletedProfileMarks ?? []) + (record.recoveredMarks ?? []), views: record.views ?? [])
    }

    /// The events of `hivetool deleted`: one per recovered key with a last-write time.
    public static func events(of report: DeletedReport) -> [TimelineEvent] {
        let user = ScanRecord.userName(fromPath: report.hive.path)
        return report.keys.compactMap { entry in
            entry.lastWrite.map {
                TimelineEvent(time: $0, kind: .deletedKeyWritten, hive: report.hive.path, hiveSHA256: report.hive.sha256, user: user,
                              keyPath: entry.path ?? entry.name, details: "\(entry.source.rawValue) at offset 0x\(String(entry.offset, radix: 16))"
                                + (entry.pathComplete ? "" : ", partial path"))
            }
        }
    }

    static func events(hive: HiveReference, user: String?, roots: [ProfileRoot], profiles: [MAPIProfile],
                       marks: [DeletionMark], views: [ProfileExpireReport.View]) -> [TimelineEvent] {
        func event(_ time: Date?, _ kind: Kind, keyPath: String, profile: String? = nil, layout: String?,
                   details: String? = nil) -> TimelineEvent? {
            time.map {
                TimelineEvent(time: $0, kind: kind, hive: hive.path, hiveSHA256: hive.sha256 ?? "", user: user, keyPath: keyPath,
                              profile: profile, layout: layout, details: details)
            }
        }
        var result: [TimelineEvent] = []
        for root in roots {
            result += [event(root.lastWrite, .profileRootWritten, keyPath: root.path, layout: root.layout.rawValue,
                             details: root.defaultProfile.map { "default profile \($0)" })].compactMap { $0 }
        }
        for profile in profiles {
            var facts: [String]
            if let recovery = profile.recovery {
                facts = ["recovered from free space (\(recovery.source.rawValue))"]
                if !recovery.pathComplete { facts.append("partial path") }
                if !profile.dataFiles.isEmpty { facts.append("data files \(profile.dataFiles.map(\.path).joined(separator: ", "))") }
            } else {
                facts = [profile.status.rawValue]
                if profile.isDefault { facts.append("default") }
                if !profile.markedIn.isEmpty { facts.append("marked in \(profile.markedIn.joined(separator: ", "))") }
            }
            result += [event(profile.lastWrite, profile.isDeleted ? .deletedProfileWritten : .profileWritten, keyPath: profile.keyPath,
                             profile: profile.name, layout: profile.layout.rawValue, details: facts.joined(separator: ", "))].compactMap { $0 }
        }
        for mark in marks {
            let details = mark.isRecovered ? "in \(mark.container), recovered from free space"
                : "in \(mark.container), \(mark.profileExists ? "profile exists, pending deletion" : "stale: no such profile")"
            result += [event(mark.lastWrite, mark.isRecovered ? .recoveredMarkWritten : .deletionMarkWritten, keyPath: mark.keyPath,
                             profile: mark.profile, layout: mark.layout.rawValue, details: details)].compactMap { $0 }
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
