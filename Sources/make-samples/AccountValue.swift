import Hivex

/// Account values the way Outlook writes them: Outlook 2010 and older as REG_BINARY UTF-16LE,
/// Outlook 2016 and later as REG_SZ.
enum AccountValue {
    enum Style { case outlook2010, outlook2016 }

    /// A text value of an account in the given style.
    static func text(_ name: String, _ text: String, _ style: Style) -> RegistryValue {
        switch style {
        case .outlook2010: .binary(name, UTF16LE.encode(text))
        case .outlook2016: .string(name, text)
        }
    }

    /// The values of an account backed by a MAPI service (an address book, a data file, Exchange),
    /// linking it to that service's section.
    static func service(_ service: MAPIService, provider: UInt32, _ style: Style) -> [RegistryValue] {
        [
            .string("clsid", "{ED475414-B0D6-11D2-8C3B-00104B2A6676}"),
            .binary("Service UID", service.uid.bytes),
            text("Service Name", service.name, style),
            .dword("MAPI Provider", provider),
        ]
    }

    /// A password value: one version byte then an opaque DPAPI blob (fake, deterministic).
    static func password(_ name: String, label: String) -> RegistryValue {
        let dpapiProvider: [UInt8] = [0x01, 0x00, 0x00, 0x00, 0xD0, 0x8C, 0x9D, 0xDF,
                                      0x01, 0x15, 0xD1, 0x11, 0x8C, 0x7A, 0x00, 0xC0, 0x4F, 0xC2, 0x97, 0xEB]
        return .binary(name, [0x02] + dpapiProvider + SeededBytes.make(20, label: "password/" + label))
    }
}
