import FoundationEssentials
import Hivex

/// Decodes one MAPI profile key (sections, services, accounts, data files, Exchange settings) from
/// any ``ProfileSource``: the live hive or the keys recovered from free space.
struct ProfileDecoder<Source: ProfileSource> {
    let source: Source
    /// Damage met while decoding (unreadable sections); the rest is still decoded.
    var problems: [String] = []

    init(source: Source) { self.source = source }

    /// Reads one profile key: sections, services, accounts, data files, Exchange settings.
    mutating func readProfile(_ name: String, node: Source.Node, keyPath: String, layout: ProfileLayout,
                              enclosing: Set<Source.Node>) throws -> MAPIProfile {
        var profile = MAPIProfile(name: name, layout: layout, keyPath: keyPath, lastWrite: try source.lastWrite(of: node),
                                  status: .active, isDefault: false, markedIn: [], sectionCount: 0, services: [],
                                  accounts: [], dataFiles: [], exchange: nil, undecodableValues: [])
        var exchange = ExchangeMailbox()
        var serviceCandidates: [(service: MAPIService, pointsToService: Bool)] = []
        var serviceIndex: [String]?
        for section in try source.children(of: node, path: keyPath, enclosing: enclosing, problems: &problems)
        where MAPIProperties.isSectionName(section.name) {
            profile.sectionCount += 1
            let sectionPath = RegistryPath.appending(section.name, to: keyPath)
            let values: [RegistryValue]
            do {
                values = try source.values(of: section.node)
            } catch let error as HiveError {
                problems.append("\(sectionPath): \(error.message)")
                continue
            }
            profile.undecodableValues += source.lostValues(of: section.node, path: sectionPath)
            var text = SectionText(values: values, keyPath: sectionPath)
            if let serviceName = text.first(MAPIProperties.serviceName) {
                let service = MAPIService(name: serviceName, section: section.name, displayName: text.first(MAPIProperties.displayName))
                let pointsToService = values.contains { RegistryPath.namesEqual($0.name, MAPIProperties.serviceUID) }
                serviceCandidates.append((service, pointsToService))
            }
            if RegistryPath.namesEqual(section.name, MAPIProperties.serviceIndexSection),
               let index = values.first(where: { RegistryPath.namesEqual($0.name, MAPIProperties.serviceUIDs) }) {
                serviceIndex = stride(from: 0, to: index.data.count - 15, by: 16).map { Hex.string(Array(index.data[$0..<$0 + 16])) }
            }
            for (names, kindHint) in [(MAPIProperties.storePath, nil), (MAPIProperties.offlineStorePath, "ost")] {
                for valueName in names {
                    guard let path = text.string(valueName), !path.isEmpty else { continue }
                    if !profile.dataFiles.contains(where: { $0.path.lowercased() == path.lowercased() }) {
                        profile.dataFiles.append(DataFile(path: path, kind: DataFile.kind(ofPath: path, hint: kindHint),
                                                          section: section.name, value: valueName))
                    }
                }
            }
            exchange.mailbox = exchange.mailbox ?? text.first(MAPIProperties.exchangeMailbox)
            exchange.server = exchange.server ?? text.first(MAPIProperties.exchangeServer)
            exchange.homeServer = exchange.homeServer ?? text.first(MAPIProperties.homeServer)
            exchange.mailboxDN = exchange.mailboxDN ?? text.first(MAPIProperties.mailboxDN)
            exchange.smtpAddress = exchange.smtpAddress ?? text.first(MAPIProperties.smtpAddress)
            profile.undecodableValues += text.undecodable

            if RegistryPath.namesEqual(section.name, MAPIProperties.accountManagerSection) {
                for account in try source.children(of: section.node, path: sectionPath,
                                                   enclosing: enclosing.union([section.node]), problems: &problems) {
                    let accountPath = RegistryPath.appending(account.name, to: sectionPath)
                    let (parsed, undecodable) = try readAccount(account.node, keyPath: accountPath)
                    profile.accounts.append(parsed)
                    profile.undecodableValues += source.lostValues(of: account.node, path: accountPath) + undecodable
                }
            }
        }
        if exchange != ExchangeMailbox() { profile.exchange = exchange }
        profile.services = Self.services(serviceCandidates, index: serviceIndex)
        return profile
    }

    /// The profile's services: the sections the service index lists, in its order; without an index,
    /// the sections holding a service name that do not point to another service (provider sections do).
    static func services(_ candidates: [(service: MAPIService, pointsToService: Bool)], index: [String]?) -> [MAPIService] {
        guard let index else { return candidates.filter { !$0.pointsToService }.map(\.service) }
        return index.compactMap { uid in candidates.first { $0.service.section.lowercased() == uid }?.service }
    }

    /// Reads one account subkey of the account manager section.
    func readAccount(_ node: Source.Node, keyPath: String) throws -> (MAPIAccount, [UndecodableValue]) {
        let values = try source.values(of: node)
        var text = SectionText(values: values, keyPath: keyPath)
        typealias Names = MAPIProperties.Account
        var servers: [String: String] = [:]
        for server in Names.servers {
            if let name = text.string(server.value), !name.isEmpty { servers[server.protocolName] = name }
        }
        let account = MAPIAccount(
            name: text.string(Names.accountName), email: text.string(Names.email), displayName: text.string(Names.displayName),
            servers: servers, userName: Names.userNames.lazy.compactMap { text.string($0) }.first { !$0.isEmpty },
            serviceName: text.string(Names.serviceName),
            encryptedPasswords: values.map(\.name).filter { $0.containsIgnoringASCIICase("password") },
            keyPath: keyPath)
        return (account, text.undecodable)
    }
}
