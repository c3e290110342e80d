/// A registry value type (REG_*). Unknown numbers are kept as they are.
public struct ValueType: RawRepresentable, Hashable, Sendable, CustomStringConvertible, Codable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let none = ValueType(rawValue: 0)
    public static let string = ValueType(rawValue: 1)
    public static let expandString = ValueType(rawValue: 2)
    public static let binary = ValueType(rawValue: 3)
    public static let dword = ValueType(rawValue: 4)
    public static let dwordBigEndian = ValueType(rawValue: 5)
    public static let link = ValueType(rawValue: 6)
    public static let multiString = ValueType(rawValue: 7)
    public static let resourceList = ValueType(rawValue: 8)
    public static let fullResourceDescriptor = ValueType(rawValue: 9)
    public static let resourceRequirementsList = ValueType(rawValue: 10)
    public static let qword = ValueType(rawValue: 11)

    static let names: [UInt32: String] = [
        0: "REG_NONE", 1: "REG_SZ", 2: "REG_EXPAND_SZ", 3: "REG_BINARY", 4: "REG_DWORD",
        5: "REG_DWORD_BIG_ENDIAN", 6: "REG_LINK", 7: "REG_MULTI_SZ", 8: "REG_RESOURCE_LIST",
        9: "REG_FULL_RESOURCE_DESCRIPTOR", 10: "REG_RESOURCE_REQUIREMENTS_LIST", 11: "REG_QWORD",
    ]

    /// Whether this is one of the twelve documented types.
    public var isKnown: Bool { ValueType.names[rawValue] != nil }

    /// "REG_SZ", ..., or "REG_UNKNOWN_0x…" for other numbers.
    public var name: String {
        ValueType.names[rawValue] ?? "REG_UNKNOWN_0x" + String(rawValue, radix: 16)
    }

    public var description: String { name }

    /// Parses a type name ("REG_DWORD" or "dword") or a number.
    public init?(name: String) {
        let upper = name.uppercased()
        if let match = ValueType.names.first(where: { $0.value == upper || $0.value == "REG_" + upper }) {
            self.init(rawValue: match.key)
        } else if let number = UInt32(name) {
            self.init(rawValue: number)
        } else {
            return nil
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        if let known = ValueType(name: text) {
            self = known
        } else {
            self.init(rawValue: UInt32(text.dropFirst("REG_UNKNOWN_0x".count), radix: 16) ?? 0)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}
