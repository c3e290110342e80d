import FoundationEssentials
import Hivex

/// Reads a user hive's Outlook history: profiles (live and deleted, by the `list-profiles`
/// reader), their account managers and orphan sections, every data file path, Office identities
/// and what was set to run inside Outlook, for every Office version present.
struct OutlookReader {
    let hive: Hive
    var history: OutlookHistory
    var sightings: [DataFileSighting] = []
    private var recovery: FreeSpaceRecovery?

    /// Reads everything; `includingDeleted` also searches free space (deleted profiles, removed
    /// accounts). Damage is recorded in the history's problems and the rest is still read.
    static func read(_ hive: Hive, includingDeleted: Bool) throws -> OutlookHistory {
        // The search reads the mapped image on another thread while hivex reads the live keys.
        let search = includingDeleted ? FreeSpaceRecovery.search(of: hive) : nil
        var profileReader = ProfileReader(hive: hive)
        do {
            try profileReader.readAll()
        } catch {
            _ = search?.wait()  // nothing may still read the hive's mapping once this returns
            throw error
        }
        var reader = OutlookReader(hive: hive, history: OutlookHistory(inventory: ProfileInventory(reader: profileReader)))
        reader.history.warnings = reader.history.inventory.warnings
        reader.history.problems = reader.history.inventory.problems
        if let search { reader.findDeleted(search.wait(), liveProfileOffsets: profileReader.profileOffsets) }
        reader.readProfiles()
        reader.readOfficeKeys()
        reader.history.dataFiles = DataFileHistory.merge(reader.sightings)
        // The profile reader and the section reader meet the same damage: say it once.
        var seen: Set<String> = []
        reader.history.problems = reader.history.problems.filter { seen.insert($0).inserted }
        return reader.history
    }

    private init(hive: Hive, history: OutlookHistory) {
        self.hive = hive
        self.history = history
    }

    /// Searches free space once, for the deleted profiles and marks (as list-profiles does) and
    /// for removed accounts.
    private mutating func findDeleted(_ search: Result<FreeSpaceRecovery, any Error>, liveProfileOffsets: Set<Int>) {
        do {
            let recovery = try search.get()
            self.recovery = recovery
            let inventory = history.inventory
            let found = DeletedProfileFinder(records: recovery.records, liveProfiles: inventory.profiles, liveMarks: inventory.deletedProfileMarks,
                                             liveProfileOffsets: liveProfileOffsets, roots: inventory.roots).find()
            history.inventory.deletedProfiles = found.profiles
            history.inventory.recoveredMarks = found.marks
            history.inventory.warnings += found.warnings
            history.warnings += found.warnings
        } catch {
            let message = (error as? HiveError)?.message ?? "\(error)"
            history.warnings.append("deleted profiles and removed accounts not looked for: \(message)")
            history.inventory.warnings.append("deleted profiles not looked for: \(message)")
        }
    }

    /// The sections of every live profile, and of every deleted profile whose values survived.
    private mutating func readProfiles() {
        for profile in history.inventory.profiles {
            do {
                guard let located = try hive.locate(profile.keyPath) else { continue }
                let sections = try ProfileSections(source: hive, node: located.key, profile: profile.name, layout: profile.layout, state: .live,
                                                   keyPath: profile.keyPath, enclosing: Set(located.ancestors + [located.key]),
                                                   problems: &history.problems)
                add(sections)
            } catch let error as HiveError {
                history.problems.append("\(profile.keyPath): cannot be read: \(error.message)")
            } catch {
                history.problems.append("\(profile.keyPath): cannot be read: \(error)")
            }
        }
        guard let recovery else { return }
        let source = RecoveredProfileSource(records: recovery.records)
        for profile in history.inventory.deletedProfiles ?? [] {
            guard let recovery = profile.recovery, recovery.valuesRecoverable == true else { continue }
            var ignored: [String] = []  // the deleted profile's own notes already say what could not be followed
            guard let sections = try? ProfileSections(source: source, node: recovery.offset, profile: profile.name, layout: profile.layout,
                                                      state: .deleted, keyPath: profile.keyPath, enclosing: [recovery.offset],
                                                      problems: &ignored) else { continue }
            add(sections)
        }
    }

    private mutating func add(_ sections: ProfileSections) {
        let orphans = sections.orphanSections()
        history.orphanSections += orphans
        sightings += sections.dataFileSightings(orphans: orphans)
        var problems: [String] = []
        let manager = sections.accountManagerHistory(orphans: orphans, recover: { recoveredAccount(named: $0, in: sections) },
                                                     problems: &problems)
        history.problems += problems
        if let manager { history.accountManagers.append(manager) }
    }

    /// The account key `keyName` of the profile's account manager, recovered from free space.
    private func recoveredAccount(named keyName: String, in sections: ProfileSections) -> RecoveredAccount? {
        guard let recovery, let manager = sections.accountManager else { return nil }
        let wanted = RegistryPath.components(manager.keyPath) + [keyName]
        let tail = Array(wanted.suffix(3))
        func matches(_ key: KeyRecord) -> Bool {
            let components = key.pathComponents
            if key.pathComplete {
                return components.count == wanted.count && zip(components, wanted).allSatisfy { RegistryPath.namesEqual($0, $1) }
            }
            return components.count >= 3 && zip(components.suffix(3), tail).allSatisfy { RegistryPath.namesEqual($0, $1) }
        }
        guard let key = recovery.records.keys.first(where: matches) else { return nil }
        let source = RecoveredProfileSource(records: recovery.records)
        let decoder = ProfileDecoder(source: source)
        let account = key.values.isEmpty ? nil : (try? decoder.readAccount(key.offset, keyPath: key.path))?.0
        return RecoveredAccount(keyPath: key.path, lastWrite: key.lastWrite, offset: key.offset, source: key.state, account: account)
    }

    /// Every `Office\<n>.0` key and the version-less `Office\Outlook`.
    private mutating func readOfficeKeys() {
        do {
            guard let office = try hive.locate(OutlookNames.officePath) else { return }
            var children: [(name: String, node: HiveKey)] = []
            children = try hive.children(of: office.key, path: office.path, enclosing: Set(office.ancestors + [office.key]),
                                         problems: &history.problems)
            let versions = children.filter { Self.isVersion($0.name) }
                .sorted { (Double($0.name) ?? 0, $0.name) < (Double($1.name) ?? 0, $1.name) }
            for version in versions {
                let versionPath = RegistryPath.appending(version.name, to: office.path)
                readIdentities(officeVersion: version.name, versionPath: versionPath)
                readOutlookKey(RegistryPath.appending("Outlook", to: versionPath), version: version.name)
            }
            readOutlookKey(RegistryPath.appending("Outlook", to: office.path), version: nil)
        } catch {
            history.problems.append("\(OutlookNames.officePath): cannot be read: \((error as? HiveError)?.message ?? "\(error)")")
        }
    }

    /// `14.0`, `16.0`: digits, a dot, digits.
    static func isVersion(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}
