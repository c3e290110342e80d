import FoundationEssentials
import Hivex

extension OutlookReader {
    /// One Outlook key (`Office\<n>.0\Outlook` or `Office\Outlook`): its data file paths (Search,
    /// Catalog, LastCorruptStore), home pages, security and VBA settings, add-ins and disabled items.
    mutating func readOutlookKey(_ path: String, version: String?) {
        do {
            guard let outlook = try hive.locate(path) else { return }
            history.officeVersions.append(OfficeVersionKey(version: version, keyPath: outlook.path, lastWrite: try? hive.lastWrite(of: outlook.key)))
            try readStorePathNames(outlook.path, subkey: OutlookNames.search, source: .search)
            try readStorePathNames(outlook.path, subkey: OutlookNames.catalog, source: .searchCatalog)
            if let pst = try key(OutlookNames.pst, under: outlook.path),
               let value = try hive.value(named: OutlookNames.lastCorruptStore, of: pst.node), let path = text(value), !path.isEmpty {
                sightings.append(DataFileSighting(source: .lastCorruptStore, key: pst.key, value: value.name, profile: nil, spelledAs: path))
            }
            try readHomePages(outlook.path, version: version)
            try readSecurity(outlook, version: version)
            try readAddins(RegistryPath.appending(OutlookNames.addins, to: outlook.path), version: version)
            try readDisabledItems(outlook.path, version: version)
        } catch {
            history.problems.append("\(path): cannot be read: \((error as? HiveError)?.message ?? "\(error)")")
        }
    }

    /// The key at `relative` below `path`, with its last-write time; nil when absent.
    func key(_ relative: String, under path: String) throws -> (node: HiveKey, key: OutlookKey)? {
        guard let located = try hive.locate(RegistryPath.appending(relative, to: path)) else { return nil }
        return (located.key, OutlookKey(keyPath: located.path, lastWrite: try? hive.lastWrite(of: located.key)))
    }

    /// The subkeys of `node` (loops and unreadable names left out, as problems).
    mutating func subkeys(of node: HiveKey, path: String) throws -> [(name: String, node: HiveKey)] {
        try hive.children(of: node, path: path, enclosing: [node], problems: &history.problems)
    }

    /// Text of a REG_SZ/REG_EXPAND_SZ value (or UTF-16LE binary); nil otherwise.
    func text(_ value: RegistryValue) -> String? {
        if case .success(let text) = MAPIText.decode(value) { return text }
        return nil
    }

    /// The value names of `Search` or `Search\Catalog` that are store paths.
    mutating func readStorePathNames(_ outlookPath: String, subkey: String, source: DataFileSighting.Source) throws {
        guard let found = try key(subkey, under: outlookPath) else { return }
        for value in try hive.values(of: found.node) where DataFileHistory.looksLikeStorePath(value.name) {
            sightings.append(DataFileSighting(source: source, key: found.key, value: value.name, profile: nil, spelledAs: value.name))
        }
    }

    /// `WebView\<folder>\URL` and `Today\UserDefinedUrl`.
    mutating func readHomePages(_ outlookPath: String, version: String?) throws {
        if let webView = try key(OutlookNames.webView, under: outlookPath) {
            for folder in try subkeys(of: webView.node, path: webView.key.keyPath) {
                let folderKey = OutlookKey(keyPath: RegistryPath.appending(folder.name, to: webView.key.keyPath),
                                           lastWrite: try? hive.lastWrite(of: folder.node))
                guard let value = try hive.value(named: OutlookNames.webViewURL, of: folder.node) else { continue }
                let url = text(value) ?? Self.data(value)
                append(.homePage, version, folderKey, value, statement: "home page of folder \(folder.name) set to \(url)")
            }
        }
        if let today = try key(OutlookNames.today, under: outlookPath),
           let value = try hive.value(named: OutlookNames.todayURL, of: today.node) {
            append(.homePage, version, today.key, value, statement: "Outlook Today page set to \(text(value) ?? Self.data(value))")
        }
    }

    /// `Security\EnableRoamingFolderHomepages`, `NonDefaultStoreScript`, `Level`, and
    /// `LoadMacroProviderOnBoot` on the Outlook key itself.
    mutating func readSecurity(_ outlook: LocatedKey, version: String?) throws {
        if let security = try key(OutlookNames.security, under: outlook.path) {
            for value in try hive.values(of: security.node) {
                if OutlookNames.homePagePolicies.contains(where: { RegistryPath.namesEqual($0, value.name) }) {
                    let meaning = RegistryPath.namesEqual(value.name, "NonDefaultStoreScript")
                        ? "1 allows home pages and scripts on folders of stores other than the default one"
                        : "1 allows folder home pages, which Outlook disables by default since its 2017 security updates"
                    append(.homePagePolicy, version, security.key, value, statement: "\(value.name) set to \(Self.data(value)) (\(meaning))")
                } else if RegistryPath.namesEqual(value.name, OutlookNames.securityLevel) {
                    append(.vba, version, security.key, value, statement: "VBA macro security Level set to \(Self.data(value)) ("
                           + "Trust Center values: 1 enables all macros, 2 notifies for all, 3 allows signed macros only, 4 disables all without notice)")
                }
            }
        }
        if let value = try hive.value(named: OutlookNames.loadMacroProviderOnBoot, of: outlook.key) {
            let key = OutlookKey(keyPath: outlook.path, lastWrite: try? hive.lastWrite(of: outlook.key))
            append(.vba, version, key, value, statement: "LoadMacroProviderOnBoot set to \(Self.data(value)) "
                   + "(1 loads the VBA project, VbaProject.OTM, when Outlook starts)")
        }
    }

    /// `Addins\<ProgID>` with `LoadBehavior`, `FriendlyName`, `Description`.
    mutating func readAddins(_ path: String, version: String?) throws {
        guard let addins = try hive.locate(path) else { return }
        for addin in try subkeys(of: addins.key, path: addins.path) {
            let values = try hive.values(of: addin.node)
            func named(_ name: String) -> RegistryValue? { values.first { RegistryPath.namesEqual($0.name, name) } }
            history.addins.append(OutlookAddin(
                officeVersion: version, progID: addin.name,
                key: OutlookKey(keyPath: RegistryPath.appending(addin.name, to: addins.path), lastWrite: try? hive.lastWrite(of: addin.node)),
                loadBehavior: named("LoadBehavior").flatMap { try? $0.dword() }.map(Int.init),
                friendlyName: named("FriendlyName").flatMap(text), description: named("Description").flatMap(text)))
        }
    }

    /// The values of `Resiliency\DisabledItems`: undocumented binary, shown as hex.
    mutating func readDisabledItems(_ outlookPath: String, version: String?) throws {
        guard let disabled = try key(OutlookNames.disabledItems, under: outlookPath) else { return }
        for value in try hive.values(of: disabled.node) {
            append(.disabledItem, version, disabled.key, value,
                   statement: "Outlook's resiliency list holds disabled item \(value.name) (\(value.data.count) bytes)",
                   note: "undocumented binary: shown as hex, not decoded")
        }
    }

    mutating func append(_ category: OutlookSetting.Category, _ version: String?, _ key: OutlookKey, _ value: RegistryValue,
                         statement: String, note: String? = nil) {
        history.settings.append(OutlookSetting(category: category, officeVersion: version, key: key, value: value.name,
                                               type: value.type.name, data: Self.data(value), statement: statement, note: note))
    }

    /// The data as text: strings as they are, numbers in decimal, anything else in hex.
    static func data(_ value: RegistryValue) -> String {
        switch value.decoded {
        case .string(let text): text
        case .strings(let texts): texts.joined(separator: "; ")
        case .number(let number): String(number)
        case .bytes(let bytes): Hex.string(bytes)
        case .undecodable: Hex.string(value.data)
        }
    }
}
