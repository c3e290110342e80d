import FoundationEssentials
import Hivex

/// Finds the deleted MAPI profiles and deletion marks among the keys recovered from free space and
/// decodes each profile with ``ProfileDecoder``, the reader of live profiles.
///
/// A deleted profile is a recovered key at `<layout's Profiles>\<name>` that is not a
/// `Deleted Profiles*` container and not a live profile's key. A key whose path is partial counts
/// when what remains ends in `Profiles\<name>` and fits exactly one layout (the partial path is a
/// tail of that layout's `Profiles` path). Marks are found the same way, inside and beside `Profiles`.
struct DeletedProfileFinder {
    /// Where a recovered key sits in a layout.
    enum Place: Equatable {
        case profile(ProfileLayout)
        case mark(ProfileLayout, container: String, placement: ContainerPlacement)
    }

    let records: DeletedRecords
    /// The live profiles and marks, to tell what a recovered key adds to them.
    let liveProfiles: [MAPIProfile]
    let liveMarks: [DeletionMark]
    let liveProfileOffsets: Set<Int>
    let roots: [ProfileRoot]

    /// The deleted profiles (in layout order, then by name and offset), the recovered marks, and warnings.
    func find() -> (profiles: [MAPIProfile], marks: [DeletionMark], warnings: [String]) {
        let source = RecoveredProfileSource(records: records)
        var profileKeys: [(key: KeyRecord, layout: ProfileLayout)] = []
        var markKeys: [(key: KeyRecord, layout: ProfileLayout, container: String, placement: ContainerPlacement)] = []
        for key in records.keys where !liveProfileOffsets.contains(key.offset) {
            switch Self.place(of: key.pathComponents, complete: key.pathComplete) {
            case .profile(let layout): profileKeys.append((key, layout))
            case .mark(let layout, let container, let placement): markKeys.append((key, layout, container, placement))
            case nil: continue
            }
        }
        let order = Dictionary(uniqueKeysWithValues: ProfileLayout.allCases.enumerated().map { ($1, $0) })
        profileKeys.sort { (order[$0.layout]!, $0.key.name.lowercased(), $0.key.offset) < (order[$1.layout]!, $1.key.name.lowercased(), $1.key.offset) }
        markKeys.sort { (order[$0.layout]!, $0.key.name.lowercased(), $0.key.offset) < (order[$1.layout]!, $1.key.name.lowercased(), $1.key.offset) }

        let marks = markKeys.map { entry in
            let containerPath = RegistryPath.join(Array(entry.key.pathComponents.dropLast()))
            let recovery = Recovery(
                source: entry.key.state, offset: entry.key.offset, pathComplete: entry.key.pathComplete,
                deletedProfileRecovered: profileKeys.contains { $0.layout == entry.layout && RegistryPath.namesEqual($0.key.name, entry.key.name) })
            return DeletionMark(
                profile: entry.key.name, layout: entry.layout, container: entry.container, containerPath: containerPath,
                placement: entry.placement, sidCRC: DeletedProfilesContainer.sidCRC(ofContainer: entry.container),
                keyPath: entry.key.path, lastWrite: entry.key.lastWrite,
                profileExists: liveProfiles.contains { $0.layout == entry.layout && RegistryPath.namesEqual($0.name, entry.key.name) },
                recovery: recovery)
        }
        let profiles = profileKeys.map { entry in
            decode(entry.key, layout: entry.layout, source: source, marks: marks)
        }
        var warnings: [String] = []
        for root in roots {
            guard let name = root.defaultProfile,
                  !liveProfiles.contains(where: { $0.layout == root.layout && RegistryPath.namesEqual($0.name, name) }),
                  profiles.contains(where: { $0.layout == root.layout && RegistryPath.namesEqual($0.name, name) })
            else { continue }
            warnings.append("DefaultProfile of the \(root.layout.rawValue) root names \"\(name)\", which exists only as a deleted profile recovered from free space")
        }
        return (profiles, marks, warnings)
    }

    /// Decodes one recovered profile key and its recovered subtree.
    func decode(_ key: KeyRecord, layout: ProfileLayout, source: RecoveredProfileSource, marks: [DeletionMark]) -> MAPIProfile {
        var decoder = ProfileDecoder(source: source)
        let decoded = try? decoder.readProfile(key.name, node: key.offset, keyPath: key.path, layout: layout, enclosing: [key.offset])
        let subtree = source.subtree(at: key.offset)
        let below = subtree.filter { $0.offset != key.offset }
        let valuesRecoverable = subtree.allSatisfy(\.valueListIntact) && (below.isEmpty || below.contains { $0.declaredValueCount > 0 })
        var notes: [String] = []
        if !key.pathComplete {
            notes.append("path partial: a parent above \(key.pathComponents.first ?? key.name) could not be read; the layout was recognised from the rest")
        }
        if !valuesRecoverable {
            notes.append("values not recoverable: the keys' value lists were detached before they were freed (as hivex's delete does) or reused; values found alone in free space are listed by hivetool deleted, not guessed here")
        }
        if liveProfiles.contains(where: { $0.layout == layout && RegistryPath.namesEqual($0.name, key.name) }) {
            notes.append("a live profile of the same name exists: this may be an older copy of its key, or a profile deleted and created again")
        }
        notes += decoder.problems
        let root = roots.first { $0.layout == layout }
        let recovery = Recovery(
            source: key.state, offset: key.offset, pathComplete: key.pathComplete, valuesRecoverable: valuesRecoverable,
            recoveredMarks: marks.filter { $0.layout == layout && RegistryPath.namesEqual($0.profile, key.name) }.map(\.keyPath),
            notes: notes)
        return MAPIProfile(
            name: key.name, layout: layout, keyPath: key.path, lastWrite: key.lastWrite, status: .deleted,
            isDefault: root?.defaultProfile.map { RegistryPath.namesEqual($0, key.name) } ?? false,
            markedIn: liveMarks.filter { $0.layout == layout && RegistryPath.namesEqual($0.profile, key.name) }.map(\.container),
            sectionCount: decoded?.sectionCount ?? 0, services: decoded?.services ?? [], accounts: decoded?.accounts ?? [],
            dataFiles: decoded?.dataFiles ?? [], exchange: decoded?.exchange, undecodableValues: decoded?.undecodableValues ?? [],
            recovery: recovery)
    }

    /// Where a key with these path components sits, if it is a profile or a mark of some layout.
    static func place(of components: [String], complete: Bool) -> Place? {
        guard components.count >= 2 else { return nil }
        let name = components[components.count - 1]
        let parent = components[components.count - 2]
        var found: [Place] = []
        for layout in ProfileLayout.allCases {
            let profilesPath = RegistryPath.components(layout.profilesPath)
            let parentPath = RegistryPath.components(layout.parentPath)
            let above = Array(components.dropLast())
            if !DeletedProfilesContainer.isContainer(name), fits(above, profilesPath, complete: complete) {
                found.append(.profile(layout))
            } else if DeletedProfilesContainer.isContainer(parent) {
                let aboveContainer = Array(components.dropLast(2))
                if fits(aboveContainer, profilesPath, complete: complete) {
                    found.append(.mark(layout, container: parent, placement: .insideProfiles))
                } else if fits(aboveContainer, parentPath, complete: complete) {
                    found.append(.mark(layout, container: parent, placement: .besideProfiles))
                }
            }
        }
        return found.count == 1 ? found[0] : nil
    }

    /// Whether `path` is `target` (complete) or a non-empty tail of it (partial).
    static func fits(_ path: [String], _ target: [String], complete: Bool) -> Bool {
        if complete { return path.count == target.count && zip(path, target).allSatisfy { RegistryPath.namesEqual($0, $1) } }
        guard !path.isEmpty, path.count <= target.count else { return false }
        return zip(path, target.suffix(path.count)).allSatisfy { RegistryPath.namesEqual($0, $1) }
    }
}
