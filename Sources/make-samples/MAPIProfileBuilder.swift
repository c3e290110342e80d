import Hivex

/// Builds one MAPI profile key: its services' sections, the service index, the global section,
/// the account manager and any extra subkeys.
///
/// Call the `add...` methods in any order, then ``finish()`` once to write the service index
/// (`9207f3e0a3b11019908b08002b2a56c2`), which lists every service added.
final class MAPIProfileBuilder {
    /// The well-known sections, with the letter case MAPI uses.
    enum Section {
        static let serviceIndex = "9207f3e0a3b11019908b08002b2a56c2"
        static let global = "13dbb0c8aa05101a9bb000aa002fc45a"
        static let accountManager = "9375CFF0413111d3B88A00104B2A6676"
    }

    let hive: Hive
    /// The profile key's path from the hive root.
    let path: String
    private var services: [MAPIService] = []
    private var accountCount = 0

    /// Creates the profile key `name` under the `Profiles` key at `profilesPath`.
    init(hive: Hive, profilesPath: String, name: String) throws {
        self.hive = hive
        self.path = profilesPath + "\\" + name
        try hive.put(path)
    }

    /// Adds a service's section and its providers' sections.
    func addService(_ service: MAPIService) throws {
        try hive.put(sectionPath(service.uid), service.sectionValues)
        for provider in service.providers {
            try hive.put(sectionPath(provider.uid), service.sectionValues(of: provider))
        }
        services.append(service)
    }

    /// Creates the global section (`13dbb0c8...`) with `values` (empty in PST-only profiles).
    func addGlobalSection(_ values: [RegistryValue] = []) throws {
        try hive.put(path + "\\" + Section.global, values)
    }

    /// Adds the next account (`00000001`, `00000002`...) under the account manager.
    func addAccount(_ values: [RegistryValue]) throws {
        accountCount += 1
        let number = String(accountCount)
        let name = String(repeating: "0", count: 8 - number.count) + number
        try hive.put(path + "\\" + Section.accountManager + "\\" + name, values)
    }

    /// Adds a subkey that is not a section (e.g. `{D9734F19-...}\Calendar Summary`).
    func addSubkey(_ relativePath: String, _ values: [RegistryValue] = []) throws {
        try hive.put(path + "\\" + relativePath, values)
    }

    /// Writes the service index and the account manager's own values.
    func finish() throws {
        let stores = services.flatMap { $0.providers.filter { $0.kind == .store }.map(\.uid) }
        let addressBooks = services.flatMap { $0.providers.filter { $0.kind == .addressBook }.map(\.uid) }
        var index = [MAPIProperty.uids(.services, services.map(\.uid))]
        if !stores.isEmpty { index.append(MAPIProperty.uids(.storeProviders, stores)) }
        if !addressBooks.isEmpty { index.append(MAPIProperty.uids(.addressBookProviders, addressBooks)) }
        try hive.put(path + "\\" + Section.serviceIndex, index)
        if accountCount > 0 {
            try hive.put(path + "\\" + Section.accountManager, [
                .dword("NextAccountID", UInt32(accountCount + 1)),
                .binary("LastChangeVer", [UInt8(accountCount * 3), 0, 0, 0, 0, 0, 0, 0]),
            ])
        }
    }

    /// The path of the section a UID names.
    private func sectionPath(_ uid: MAPIUID) -> String {
        path + "\\" + uid.sectionName
    }
}
