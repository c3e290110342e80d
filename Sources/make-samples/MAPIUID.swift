/// A MAPIUID: 16 bytes that name a profile section. The section's key name is the bytes in
/// order, hex-encoded.
struct MAPIUID: Hashable {
    let bytes: [UInt8]

    /// A UID derived from `label`: stable across runs, different for different labels.
    init(derivedFrom label: String) {
        bytes = SeededBytes.make(16, label: "MAPIUID/" + label)
    }

    /// The name of the section this UID points to (lowercase hex, as MAPI writes it).
    var sectionName: String {
        bytes.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 0x10 ? "0" + hex : hex
        }.joined()
    }
}
