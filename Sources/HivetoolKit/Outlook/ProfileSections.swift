import FoundationEssentials
import Hivex

/// The sections and accounts of one profile key as stored, with each key's last-write time: what
/// the account history, orphan sections and data-file sightings are read from. Read from any
/// ``ProfileSource``, so a deleted profile is read by the same code as a live one.
struct ProfileSections {
    /// One key (a section or an account) with its values.
    struct Entry {
        var name: String
        var keyPath: String
        var lastWrite: Date?
        var values: [RegistryValue]

        var key: OutlookKey { OutlookKey(keyPath: keyPath, lastWrite: lastWrite) }

        /// The decoded text of the first of `names` that holds text.
        func text(_ names: [String]) -> String? {
            for name in names {
                guard let value = values.first(where: { RegistryPath.namesEqual($0.name, name) }),
                      case .success(let text) = MAPIText.decode(value), !text.isEmpty else { continue }
                return text
            }
            return nil
        }
    }

    var profile: String
    var layout: ProfileLayout
    var state: ProfileState
    var sections: [Entry] = []
    /// The account manager section, when the profile has one, and its account subkeys.
    var accountManager: Entry?
    var accounts: [Entry] = []

    /// Reads the sections of the profile key `node` at `keyPath`; unreadable parts go to `problems`.
    init<Source: ProfileSource>(source: Source, node: Source.Node, profile: String, layout: ProfileLayout, state: ProfileState,
                                keyPath: String, enclosing: Set<Source.Node>, problems: inout [String]) throws {
        self.profile = profile
        self.layout = layout
        self.state = state
        for section in try source.children(of: node, path: keyPath, enclosing: enclosing, problems: &problems)
        where MAPIProperties.isSectionName(section.name) {
            let sectionPath = RegistryPath.appending(section.name, to: keyPath)
            let values: [RegistryValue]
            do {
                values = try source.values(of: section.node)
            } catch let error as HiveError {
                problems.append("\(sectionPath): \(error.message)")
                continue
            }
            let entry = Entry(name: section.name, keyPath: sectionPath, lastWrite: try? source.lastWrite(of: section.node), values: values)
            sections.append(entry)
            guard RegistryPath.namesEqual(section.name, MAPIProperties.accountManagerSection) else { continue }
            accountManager = entry
            for account in try source.children(of: section.node, path: sectionPath, enclosing: enclosing.union([section.node]),
                                               problems: &problems) {
                let accountPath = RegistryPath.appending(account.name, to: sectionPath)
                let accountValues = (try? source.values(of: account.node)) ?? []
                accounts.append(Entry(name: account.name, keyPath: accountPath, lastWrite: try? source.lastWrite(of: account.node),
                                      values: accountValues))
            }
        }
    }
}
