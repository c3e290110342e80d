import Hivex

/// One message service of a MAPI profile: its own section and the sections of its providers.
///
/// The service section holds the service name (`3d09`), its DLL and entry point, a display name,
/// and the UIDs of its store (`01023d00`) or address-book (`01023d01`) providers. Each provider
/// section points back at the service with `01023d0c`, as real profiles do.
struct MAPIService {
    /// One provider of the service (a store, an address book or a transport).
    struct Provider {
        enum Kind { case store, addressBook, transport }

        var kind: Kind
        var uid: MAPIUID
        var displayName: String
        var dll: String
        /// Further values of the provider section (a store's path, Exchange mailbox and server...).
        var values: [RegistryValue] = []
    }

    /// The service name MAPI knows it by: `MSUPST MS`, `MSEMS`, `CONTAB`...
    var name: String
    var displayName: String
    var uid: MAPIUID
    var dll: String
    var entryPoint: String
    /// `.ansi` writes the service's strings as PT_STRING8 REG_SZ (older profiles, Exchange MAPI/CDO).
    var encoding: MAPIProperty.StringEncoding = .unicode
    /// Further values of the service section.
    var values: [RegistryValue] = []
    var providers: [Provider] = []

    /// The values of the service's own section.
    var sectionValues: [RegistryValue] {
        var result = [
            MAPIProperty.string(.serviceName, name, encoding),
            MAPIProperty.string(.displayName, displayName, encoding),
            MAPIProperty.string(.serviceDLL, dll, encoding),
            MAPIProperty.string(.serviceEntry, entryPoint, encoding),
        ]
        let stores = providers.filter { $0.kind == .store }.map(\.uid)
        let addressBooks = providers.filter { $0.kind == .addressBook }.map(\.uid)
        if !stores.isEmpty { result.append(MAPIProperty.uids(.storeProviders, stores)) }
        if !addressBooks.isEmpty { result.append(MAPIProperty.uids(.addressBookProviders, addressBooks)) }
        return result + values
    }

    /// The values of one provider's section.
    func sectionValues(of provider: Provider) -> [RegistryValue] {
        [
            MAPIProperty.uids(.serviceUID, [uid]),
            MAPIProperty.string(.serviceName, name, encoding),
            MAPIProperty.string(.providerDisplay, provider.displayName, encoding),
            MAPIProperty.string(.providerDLL, provider.dll, encoding),
        ] + provider.values
    }
}

extension MAPIService {
    /// A Unicode PST (or Outlook 2013+ IMAP/OST data file) service with its one store provider.
    static func unicodePST(label: String, displayName: String, path: String) -> MAPIService {
        MAPIService(
            name: "MSUPST MS", displayName: displayName, uid: MAPIUID(derivedFrom: label + "/service"),
            dll: "mspst.dll", entryPoint: "PSTServiceEntry",
            providers: [Provider(
                kind: .store, uid: MAPIUID(derivedFrom: label + "/store"), displayName: displayName, dll: "mspst.dll",
                values: [
                    MAPIProperty.string(.displayName, displayName),
                    MAPIProperty.string(.storePath, path),
                ])])
    }

    /// The Outlook Address Book (contacts) service.
    static func contacts(label: String) -> MAPIService {
        MAPIService(
            name: "CONTAB", displayName: "Outlook Address Book", uid: MAPIUID(derivedFrom: label + "/service"),
            dll: "contab.dll", entryPoint: "ServiceEntry",
            providers: [Provider(
                kind: .addressBook, uid: MAPIUID(derivedFrom: label + "/provider"),
                displayName: "Outlook Address Book", dll: "contab.dll",
                values: [MAPIProperty.string(.displayName, "Outlook Address Book")])])
    }

    /// An Exchange (`MSEMS`) service written the way Exchange MAPI/CDO writes it: PT_STRING8
    /// strings, a private store provider carrying the mailbox DN and server, and a directory provider.
    static func exchange(label: String, mailboxDN: String, server: String, storeName: String) -> MAPIService {
        let location = [
            MAPIProperty.string(.profileMailbox, mailboxDN, .ansi),
            MAPIProperty.string(.profileServer, server, .ansi),
        ]
        return MAPIService(
            name: "MSEMS", displayName: "Microsoft Exchange", uid: MAPIUID(derivedFrom: label + "/service"),
            dll: "emsui.dll", entryPoint: "EMSCfg", encoding: .ansi,
            providers: [
                Provider(kind: .store, uid: MAPIUID(derivedFrom: label + "/store"),
                         displayName: "Microsoft Exchange Message Store", dll: "emsmdb.dll",
                         values: [MAPIProperty.string(.displayName, storeName, .ansi)] + location),
                Provider(kind: .addressBook, uid: MAPIUID(derivedFrom: label + "/directory"),
                         displayName: "Microsoft Exchange Directory Service", dll: "emsabp.dll",
                         values: location),
            ])
    }
}
