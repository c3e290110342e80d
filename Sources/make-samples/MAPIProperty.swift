import Hivex

/// MAPI properties as a profile stores them in the registry: the value name
/// is the property tag written type first (`TTTTIIII`), the type decides the registry encoding.
enum MAPIProperty {
    /// The property IDs the samples use (the low four hex digits of a tag).
    enum ID: String {
        case displayName = "3001"           // PR_DISPLAY_NAME
        case providerDisplay = "3006"       // PR_PROVIDER_DISPLAY
        case resourceFlags = "3009"         // PR_RESOURCE_FLAGS
        case providerDLL = "300a"           // PR_PROVIDER_DLL_NAME
        case storeProviders = "3d00"        // PR_STORE_PROVIDERS
        case addressBookProviders = "3d01"  // PR_AB_PROVIDERS
        case serviceName = "3d09"           // PR_SERVICE_NAME
        case serviceDLL = "3d0a"            // PR_SERVICE_DLL_NAME
        case serviceEntry = "3d0b"          // PR_SERVICE_ENTRY_NAME
        case serviceUID = "3d0c"            // PR_SERVICE_UID
        case services = "3d0e"              // PR_SERVICES
        case homeServer = "6602"            // PR_PROFILE_HOME_SERVER
        case profileUser = "6603"           // PR_PROFILE_USER (mailbox DN)
        case profileMailbox = "660b"        // PR_PROFILE_MAILBOX
        case profileServer = "660c"         // PR_PROFILE_SERVER
        case offlineStorePath = "6610"      // PR_PROFILE_OFFLINE_STORE_PATH
        case smtpAddress = "6641"
        case storePath = "6700"             // PR_PST_PATH
    }

    /// How MAPI strings are written: PT_UNICODE (`001f`, REG_BINARY UTF-16LE + NUL) or the older
    /// PT_STRING8 (`001e`, REG_SZ).
    enum StringEncoding {
        case unicode
        case ansi
    }

    /// A string property in the given encoding.
    static func string(_ id: ID, _ text: String, _ encoding: StringEncoding = .unicode) -> RegistryValue {
        switch encoding {
        case .unicode: .binary("001f" + id.rawValue, UTF16LE.encode(text))
        case .ansi: .string("001e" + id.rawValue, text)
        }
    }

    /// A PT_LONG (`0003`) property: REG_BINARY, 4 bytes little-endian.
    static func long(_ id: ID, _ number: UInt32) -> RegistryValue {
        .binary("0003" + id.rawValue, (0..<4).map { UInt8(truncatingIfNeeded: number >> (8 * $0)) })
    }

    /// A PT_BINARY (`0102`) property holding one UID or several concatenated UIDs.
    static func uids(_ id: ID, _ uids: [MAPIUID]) -> RegistryValue {
        .binary("0102" + id.rawValue, uids.flatMap(\.bytes))
    }
}
