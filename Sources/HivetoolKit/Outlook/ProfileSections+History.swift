import FoundationEssentials
import Hivex

extension ProfileSections {
    /// The sections no other section or account points to (by a 16-byte UID anywhere in its
    /// binary values), leaving out the fixed sections every profile has.
    func orphanSections() -> [OrphanSection] {
        let blobs = (sections + accounts).map { entry in (entry.keyPath, entry.values.filter { $0.type == .binary }.map(\.data)) }
        return sections.filter { section in
            let name = section.name.lowercased()
            guard !OutlookNames.fixedSections.contains(name), let uid = Self.uidBytes(name) else { return false }
            return !blobs.contains { keyPath, datas in keyPath != section.keyPath && datas.contains { Self.contains($0, uid) } }
        }.map { section in
            OrphanSection(profile: profile, layout: layout, profileState: state, section: section.name, key: section.key,
                          valueCount: section.values.count, displayName: section.text(MAPIProperties.displayName),
                          storePath: section.text(MAPIProperties.storePath + MAPIProperties.offlineStorePath),
                          serviceName: section.text(MAPIProperties.serviceName))
        }
    }

    /// The 16 bytes a section name (32 hex digits) spells.
    static func uidBytes(_ name: String) -> [UInt8]? {
        let digits = Array(name.utf8)
        guard digits.count == 32 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: 32, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }

    /// Whether `data` holds `needle` anywhere.
    static func contains(_ data: [UInt8], _ needle: [UInt8]) -> Bool {
        guard data.count >= needle.count, let first = needle.first else { return false }
        for start in 0...(data.count - needle.count) where data[start] == first {
            if data[start..<start + needle.count].elementsEqual(needle) { return true }
        }
        return false
    }

    /// Every store path the profile's sections hold, each as a sighting: a live profile's sections
    /// by whether something points to them, a deleted profile's all as deleted.
    func dataFileSightings(orphans: [OrphanSection]) -> [DataFileSighting] {
        let orphanNames = Set(orphans.map { $0.section.lowercased() })
        var result: [DataFileSighting] = []
        for section in sections {
            for (names, offline) in [(MAPIProperties.storePath, false), (MAPIProperties.offlineStorePath, true)] {
                for name in names {
                    guard let path = section.text([name]) else { continue }
                    let source: DataFileSighting.Source
                    if state == .deleted { source = .deletedProfileSection }
                    else if orphanNames.contains(section.name.lowercased()) { source = .orphanSection }
                    else if offline, RegistryPath.namesEqual(section.name, MAPIProperties.globalSection) { source = .globalSection }
                    else { source = .profileSection }
                    result.append(DataFileSighting(source: source, key: section.key, value: name, profile: profile, spelledAs: path))
                }
            }
        }
        return result
    }

    /// The account manager's `NextAccountID` against the account subkeys; each missing id is a
    /// removed account, looked up with `recover` and matched with an `AcctSettings` orphan section.
    func accountManagerHistory(orphans: [OrphanSection], recover: (String) -> RecoveredAccount?,
                               problems: inout [String]) -> AccountManagerHistory? {
        guard let manager = accountManager else { return nil }
        let next = manager.values.first { RegistryPath.namesEqual($0.name, "NextAccountID") }.flatMap { try? $0.dword() }.map(Int.init)
        let accountKeys = accounts.map { entry in
            AccountManagerHistory.AccountKey(
                id: entry.name.utf8.count == 8 ? Int(entry.name, radix: 16) : nil, key: entry.key,
                name: entry.text([MAPIProperties.Account.accountName, MAPIProperties.Account.displayName]),
                serviceName: entry.text([MAPIProperties.Account.serviceName]))
        }
        var removed: [RemovedAccount] = []
        if let next, next > 1 {
            let limit = 4096
            if next - 1 > limit {
                problems.append("\(manager.keyPath): NextAccountID is \(next); only ids 1-\(limit) were checked")
            }
            let existing = Set(accountKeys.compactMap(\.id))
            let settings = Dictionary(orphans.compactMap { orphan in Self.acctSettingsNumber(orphan.displayName).map { ($0, orphan.section) } },
                                      uniquingKeysWith: { first, _ in first })
            for id in 1..<min(next, limit + 1) where !existing.contains(id) {
                let hex = String(id, radix: 16, uppercase: true)
                let keyName = String(repeating: "0", count: max(0, 8 - hex.count)) + hex
                removed.append(RemovedAccount(id: id, keyName: keyName, recovered: recover(keyName), settingsSection: settings[id]))
            }
        }
        return AccountManagerHistory(profile: profile, layout: layout, profileState: state, key: manager.key, nextAccountID: next,
                                     accounts: accountKeys, removedAccounts: removed)
    }

    /// The number in a display name `AcctSettingsNNNN`, as Outlook names an account's settings section.
    static func acctSettingsNumber(_ displayName: String?) -> Int? {
        guard let displayName, displayName.hasPrefix("AcctSettings") else { return nil }
        let digits = displayName.dropFirst("AcctSettings".count)
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        return Int(digits)
    }
}
