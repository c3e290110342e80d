import FoundationEssentials
import Hivex

extension DataFileHistory {
    /// Merges sightings case-insensitively by path, in path order. A path is attached to a live
    /// profile when a live profile's non-orphan section holds it, to a deleted one when only a
    /// recovered profile does. `C:` and the drive letters of live-profile data files are local.
    static func merge(_ sightings: [DataFileSighting]) -> [DataFileHistory] {
        let liveSources: Set<DataFileSighting.Source> = [.profileSection, .globalSection]
        var localLetters: Set<Character> = ["C"]
        for sighting in sightings where liveSources.contains(sighting.source) {
            if let letter = driveLetter(sighting.spelledAs) { localLetters.insert(letter) }
        }
        var order: [String] = []
        var groups: [String: [DataFileSighting]] = [:]
        for sighting in sightings {
            let key = sighting.spelledAs.lowercased()
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(sighting)
        }
        return order.sorted().map { key in
            let group = groups[key]!
            let path = group[0].spelledAs
            let attachment: Attachment = group.contains { liveSources.contains($0.source) } ? .live
                : group.contains { $0.source == .deletedProfileSection } ? .deleted : .none
            return DataFileHistory(path: path, kind: DataFile.kind(ofPath: path, hint: nil),
                                   location: location(of: path, localLetters: localLetters), attachment: attachment, sightings: group)
        }
    }

    /// The kind of place `path` points to (see ``Location``).
    static func location(of path: String, localLetters: Set<Character>) -> Location {
        if path.hasPrefix(#"\\"#) { return .unc }
        let folders = RegistryPath.components(path).dropLast()
        if folders.contains(where: { $0.lowercased() == "onedrive" || $0.lowercased().hasPrefix("onedrive - ") }) { return .oneDrive }
        guard let letter = driveLetter(path) else { return .other }
        return letter == "A" || letter == "B" || !localLetters.contains(letter) ? .removableLooking : .local
    }

    /// The upper-case drive letter of `X:\...`, or nil.
    static func driveLetter(_ path: String) -> Character? {
        let characters = Array(path.prefix(3))
        guard characters.count == 3, characters[0].isASCII, characters[0].isLetter, characters[1] == ":", characters[2] == "\\" else {
            return nil
        }
        return Character(characters[0].uppercased())
    }

    /// Whether a value name of `Search` or `Search\Catalog` is a store path (`X:\...`, `\\...`,
    /// or a name ending in `.pst`/`.ost`), not one of the keys' own settings (`IndexAvailableBody`).
    static func looksLikeStorePath(_ name: String) -> Bool {
        let lower = name.lowercased()
        return driveLetter(name) != nil || name.hasPrefix(#"\\"#) || lower.hasSuffix(".pst") || lower.hasSuffix(".ost")
    }
}
