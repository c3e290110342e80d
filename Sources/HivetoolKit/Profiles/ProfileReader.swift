import FoundationEssentials
import Hivex

extension ProfileInventory {
    /// Reads every profile root, profile and deletion mark of a user hive, and with
    /// `includingDeleted` the profiles and marks recovered from its free space. Nothing is hashed:
    /// ``ProfileReport`` adds the hive record.
    ///
    /// Damage inside a profile (an unreadable key) is recorded in ``problems`` and the rest is still
    /// read; a hive without profiles gives empty lists.
    public init(hive: Hive, includingDeleted: Bool = false) throws {
        // The search reads the mapped image on another thread while hivex reads the live profiles.
        let search = includingDeleted ? FreeSpaceRecovery.search(of: hive) : nil
        var reader = ProfileReader(hive: hive)
        do {
            try reader.readAll()
        } catch {
            _ = search?.wait()  // nothing may still read the hive's mapping once this returns
            throw error
        }
        self.init(reader: reader)
        if let search { addDeleted(search.wait(), reader: reader) }
    }

    /// The live facts `reader` has read (free space not searched).
    init(reader: ProfileReader) {
        self.init(path: reader.hive.path, roots: reader.roots, profiles: reader.profiles, deletedProfileMarks: reader.marks,
                  problems: reader.problems, containers: reader.deletionContainers, defaultProfileSettings: reader.defaultSettings,
                  hasSoftwareKey: reader.hasSoftwareKey)
    }
}

/// Walks the profile roots of one hive.
struct ProfileReader {
    let hive: Hive
    var roots: [ProfileRoot] = []
    var profiles: [MAPIProfile] = []
    var marks: [DeletionMark] = []
    var problems: [String] = []
    var deletionContainers: [DeletionContainer] = []
    var defaultSettings: [DefaultProfileSetting] = []
    var hasSoftwareKey = false
    /// Cell offsets of the live profile keys read (a recovered key never has one of them).
    var profileOffsets: Set<Int> = []

    init(hive: Hive) { self.hive = hive }

    /// Reads every layout. A layout whose keys cannot be reached (a looping or unreadable subkey
    /// list on the way, an unreadable key) is a problem, never "no profiles": the rest is still read.
    mutating func readAll() throws {
        // A root that cannot be listed: nothing can be read.
        hasSoftwareKey = try hive.children(of: hive.root()).contains { (try? hive.name(of: $0)).map { RegistryPath.namesEqual($0, "Software") } ?? false }
        for layout in ProfileLayout.allCases {
            do {
                try readRoot(layout)
            } catch let error as HiveError where error.kind == .corrupt || error.kind == .limitExceeded {
                problems.append("\(RegistryPath.display(layout.profilesPath)): cannot be read: \(error.message)"
                                + (error.keyPath.map { " (at \($0))" } ?? ""))
            }
        }
    }

    /// Reads one layout: its profiles, then the containers inside and beside `Profiles`.
    mutating func readRoot(_ layout: ProfileLayout) throws {
        let parent = try hive.locate(layout.parentPath)
        let profilesRoot = try parent == nil ? nil : hive.locate(layout.profilesPath)
        guard let parent else { return }
        let profilesKey = profilesRoot?.key
        let parentKey = parent.key

        var profileKeys: [(name: String, key: HiveKey)] = []
        var containers: [(name: String, key: HiveKey, placement: ContainerPlacement)] = []
        let enclosing = Set((profilesRoot ?? parent).ancestors + [(profilesRoot ?? parent).key])
        if let profilesRoot {
            for child in try childrenNamed(of: profilesRoot.key, path: profilesRoot.path, enclosing: enclosing) {
                if DeletedProfilesContainer.isContainer(child.name) {
                    containers.append((child.name, child.key, .insideProfiles))
                } else {
                    profileKeys.append(child)
                }
            }
        }
        for child in try childrenNamed(of: parentKey, path: parent.path, enclosing: Set(parent.ancestors + [parentKey]))
        where DeletedProfilesContainer.isContainer(child.name) {
            containers.append((child.name, child.key, .besideProfiles))
        }
        guard profilesKey != nil || !containers.isEmpty else { return }

        var defaultProfile: String?
        if let defaultKey = try hive.locate(layout.defaultProfileKeyPath),
           let value = try hive.value(named: ProfileLayout.defaultProfileValueName, of: defaultKey.key) {
            switch MAPIText.decode(value) {
            case .success(let name): defaultProfile = name
            case .failure(let failure):
                problems.append("\(RegistryPath.display(defaultKey.path)): DefaultProfile cannot be decoded: \(failure.reason)")
            }
            defaultSettings.append(DefaultProfileSetting(layout: layout, keyPath: defaultKey.path, value: value, profile: defaultProfile))
        }
        if let profilesRoot, let profilesKey {
            roots.append(ProfileRoot(layout: layout, path: profilesRoot.path, defaultProfile: defaultProfile,
                                     lastWrite: try hive.lastWrite(of: profilesKey)))
        }

        // Marks first: a profile's status depends on them.
        var rootMarks: [DeletionMark] = []
        let profileNames = profileKeys.map(\.name)
        for container in containers {
            let containerPath = RegistryPath.appending(container.name, to: container.placement == .insideProfiles ? profilesRoot?.path ?? parent.path : parent.path)
            deletionContainers.append(DeletionContainer(name: container.name, path: containerPath, layout: layout, placement: container.placement,
                                                        lastWrite: try? hive.lastWrite(of: container.key)))
            for mark in try childrenNamed(of: container.key, path: containerPath, enclosing: enclosing.union([container.key])) {
                rootMarks.append(DeletionMark(
                    profile: mark.name, layout: layout, container: container.name, containerPath: containerPath,
                    placement: container.placement, sidCRC: DeletedProfilesContainer.sidCRC(ofContainer: container.name),
                    keyPath: RegistryPath.appending(mark.name, to: containerPath), lastWrite: try hive.lastWrite(of: mark.key),
                    profileExists: profileNames.contains { RegistryPath.namesEqual($0, mark.name) }))
            }
        }
        for entry in profileKeys {
            let markedIn = rootMarks.filter { RegistryPath.namesEqual($0.profile, entry.name) }.map(\.container)
            var decoder = ProfileDecoder(source: hive)
            defer { problems += decoder.problems }  // also when the profile throws half-way, as before
            var profile = try decoder.readProfile(entry.name, node: entry.key, keyPath: RegistryPath.appending(entry.name, to: profilesRoot?.path ?? ""),
                                                  layout: layout, enclosing: enclosing.union([entry.key]))
            profileOffsets.insert(entry.key.offset)
            profile.markedIn = markedIn
            profile.status = markedIn.isEmpty ? .active : .markedForDeletion
            profile.isDefault = defaultProfile.map { RegistryPath.namesEqual($0, entry.name) } ?? false
            profiles.append(profile)
        }
        marks += rootMarks
    }

    /// The children of the key at `path` with their names (see ``Hive/children(of:path:enclosing:problems:)``):
    /// loops and unreadable names are left out and recorded as problems.
    mutating func childrenNamed(of key: HiveKey, path: String, enclosing: Set<HiveKey>) throws -> [(name: String, key: HiveKey)] {
        try hive.children(of: key, path: path, enclosing: enclosing, problems: &problems).map { ($0.name, $0.node) }
    }
}

/// Text values of one section or account, looked up case-insensitively; undecodable ones are collected.
struct SectionText {
    let values: [RegistryValue]
    let keyPath: String
    var undecodable: [UndecodableValue] = []
    private var reported: Set<String> = []

    init(values: [RegistryValue], keyPath: String) {
        self.values = values
        self.keyPath = keyPath
    }

    /// The decoded text of value `name`; nil when absent or undecodable (then recorded).
    mutating func string(_ name: String) -> String? {
        guard let value = values.first(where: { RegistryPath.namesEqual($0.name, name) }) else { return nil }
        switch MAPIText.decode(value) {
        case .success(let text): return text
        case .failure(let failure):
            if reported.insert(value.name.uppercased()).inserted {
                undecodable.append(UndecodableValue(keyPath: keyPath, value: value.name, type: value.type.name, reason: failure.reason))
            }
            return nil
        }
    }

    /// The first of several property tags that holds text.
    mutating func first(_ names: [String]) -> String? {
        for name in names { if let text = string(name) { return text } }
        return nil
    }
}

/// Decoding of MAPI text values: REG_SZ, or REG_BINARY holding UTF-16LE.
enum MAPIText {
    static func decode(_ value: RegistryValue) -> Result<String, ValueDecodingError> {
        func failure(_ reason: String) -> Result<String, ValueDecodingError> {
            .failure(ValueDecodingError(valueName: value.name, type: value.type, reason: reason))
        }
        switch value.type {
        case .string, .expandString:
            return .success(UTF16LE.decode(value.data))
        case .binary:
            if value.data.count % 2 != 0 { return failure("odd number of bytes (\(value.data.count)) for UTF-16LE text") }
            let text = UTF16LE.decode(value.data)
            if text.unicodeScalars.contains("\u{FFFD}") { return failure("not valid UTF-16LE text") }
            return .success(text)
        default:
            return failure("a \(value.type) value is not text")
        }
    }
}

extension DataFile {
    /// `pst`, `ost` or `other` from the path's extension; `hint` when the extension says nothing.
    static func kind(ofPath path: String, hint: String?) -> String {
        let lower = path.lowercased()
        if lower.hasSuffix(".pst") { return "pst" }
        if lower.hasSuffix(".ost") { return "ost" }
        return hint ?? "other"
    }
}
