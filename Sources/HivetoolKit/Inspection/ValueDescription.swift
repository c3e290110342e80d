import FoundationEssentials
import Hivex

/// A value as hivetool shows it: name, type, size, decoded data and raw hex.
public struct ValueDescription: Codable, Hashable, Sendable {
    /// Decoded data in JSON: a string, a list of strings, a number, or null when the data is
    /// binary (see `hex`) or does not fit its type (see `error`).
    public enum Data: Codable, Hashable, Sendable {
        case string(String)
        case strings([String])
        case number(UInt64)
        case none

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .string(let text): try container.encode(text)
            case .strings(let list): try container.encode(list)
            case .number(let number): try container.encode(number)
            case .none: try container.encodeNil()
            }
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .none }
            else if let number = try? container.decode(UInt64.self) { self = .number(number) }
            else if let text = try? container.decode(String.self) { self = .string(text) }
            else { self = .strings(try container.decode([String].self)) }
        }
    }

    public var name: String
    public var type: String
    public var size: Int
    public var data: Data
    /// The raw bytes in lowercase hex.
    public var hex: String
    /// Why the data could not be decoded, when it could not.
    @NullEncoded public var error: String?

    public init(_ value: RegistryValue) {
        name = value.name
        type = value.type.name
        size = value.data.count
        hex = Hex.string(value.data)
        switch value.decoded {
        case .string(let text): data = .string(text)
        case .strings(let list): data = .strings(list)
        case .number(let number): data = .number(number)
        case .bytes: data = .none
        case .undecodable(let failure):
            data = .none
            error = failure.reason
        }
    }

    /// A description from its parts (a recovered value's, already decoded).
    init(name: String, type: String, size: Int, data: Data, hex: String, error: String?) {
        self.name = name
        self.type = type
        self.size = size
        self.data = data
        self.hex = hex
        self.error = error
    }

    /// The name as shown in text: `(default)` for the unnamed value.
    public var displayName: String { name.isEmpty ? "(default)" : name }

    /// The data on one line for tables: strings quoted, lists joined, numbers with hex, bytes as hex.
    public var summary: String {
        if let error { return "<cannot decode: \(error)> \(Hex.abbreviated(hex))" }
        switch data {
        case .string(let text): return "\"\(text)\""
        case .strings(let list): return list.map { "\"\($0)\"" }.joined(separator: ", ")
        case .number(let number): return "\(number) (0x\(String(number, radix: 16)))"
        case .none: return Hex.abbreviated(hex)
        }
    }

    /// The data alone, for scripts: strings as is, one list item per line, numbers in decimal, bytes as hex.
    public var plain: String {
        if let error { return "<cannot decode: \(error)> \(hex)" }
        switch data {
        case .string(let text): return text
        case .strings(let list): return list.joined(separator: "\n")
        case .number(let number): return String(number)
        case .none: return hex
        }
    }
}

/// Hex rendering of bytes.
public enum Hex {
    public static func string(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// At most 64 hex digits, then the total size.
    public static func abbreviated(_ hex: String) -> String {
        if hex.isEmpty { return "(empty)" }
        guard hex.count > 64 else { return hex }
        return String(hex.prefix(64)) + "... (\(hex.count / 2) bytes)"
    }
}
