/// One registry value: its name, its type and its raw data, exactly as stored.
public struct RegistryValue: Hashable, Sendable {
    /// The value's name; "" is the key's default value.
    public var name: String
    public var type: ValueType
    public var data: [UInt8]

    public init(name: String, type: ValueType, data: [UInt8]) {
        self.name = name
        self.type = type
        self.data = data
    }

    /// A REG_SZ value holding `text` (UTF-16LE with a terminating NUL).
    public static func string(_ name: String, _ text: String, type: ValueType = .string) -> RegistryValue {
        RegistryValue(name: name, type: type, data: UTF16LE.encode(text))
    }

    /// A REG_DWORD value (little-endian).
    public static func dword(_ name: String, _ number: UInt32) -> RegistryValue {
        RegistryValue(name: name, type: .dword, data: (0..<4).map { UInt8(truncatingIfNeeded: number >> (8 * $0)) })
    }

    /// A REG_QWORD value (little-endian).
    public static func qword(_ name: String, _ number: UInt64) -> RegistryValue {
        RegistryValue(name: name, type: .qword, data: (0..<8).map { UInt8(truncatingIfNeeded: number >> (8 * $0)) })
    }

    /// A REG_MULTI_SZ value.
    public static func multiString(_ name: String, _ strings: [String]) -> RegistryValue {
        var data: [UInt8] = []
        for string in strings { data += UTF16LE.encode(string) }
        data += [0, 0]
        return RegistryValue(name: name, type: .multiString, data: data)
    }

    /// A REG_BINARY value.
    public static func binary(_ name: String, _ data: [UInt8]) -> RegistryValue {
        RegistryValue(name: name, type: .binary, data: data)
    }
}

/// Why a value's data could not be decoded as its type says.
public struct ValueDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    public var valueName: String
    public var type: ValueType
    public var reason: String

    public init(valueName: String, type: ValueType, reason: String) {
        self.valueName = valueName
        self.type = type
        self.reason = reason
    }

    public var description: String {
        "value \"\(valueName)\" (\(type)) cannot be decoded: \(reason)"
    }
}

/// A value's data interpreted according to its type.
public enum DecodedValue: Hashable, Sendable {
    case string(String)
    case strings([String])
    case number(UInt64)
    case bytes([UInt8])
    /// The data does not fit the type; the raw bytes stay available on the value.
    case undecodable(ValueDecodingError)
}

extension RegistryValue {
    /// Decodes the data according to ``type``; never crashes, returns ``DecodedValue/undecodable(_:)``
    /// when the data does not fit.
    public var decoded: DecodedValue {
        do {
            switch type {
            case .string, .expandString, .link: return .string(try string())
            case .multiString: return .strings(try strings())
            case .dword, .dwordBigEndian: return .number(UInt64(try dword()))
            case .qword: return .number(try qword())
            default: return .bytes(data)
            }
        } catch let error as ValueDecodingError {
            return .undecodable(error)
        } catch {
            return .bytes(data)
        }
    }

    /// The data as a string: UTF-16LE up to the first NUL, tolerant of odd lengths and a missing
    /// terminator. Works for REG_SZ, REG_EXPAND_SZ, REG_LINK and for REG_BINARY holding UTF-16LE.
    public func string() throws -> String {
        guard type == .string || type == .expandString || type == .link || type == .binary || type == .none else {
            throw failure("a \(type) value is not a string")
        }
        return UTF16LE.decode(data)
    }

    /// The strings of a REG_MULTI_SZ value (empty strings inside the list are kept, the final
    /// terminator is not).
    public func strings() throws -> [String] {
        guard type == .multiString else { throw failure("a \(type) value is not a string list") }
        var units = UTF16LE.codeUnits(data)
        while units.last == 0 { units.removeLast() }
        if units.isEmpty { return [] }
        return units.split(separator: 0, omittingEmptySubsequences: false).map { UTF16LE.string(fromCodeUnits: $0) }
    }

    /// A REG_DWORD (little-endian) or REG_DWORD_BIG_ENDIAN value; the data must be 4 bytes.
    public func dword() throws -> UInt32 {
        guard type == .dword || type == .dwordBigEndian else { throw failure("a \(type) value is not a DWORD") }
        guard data.count == 4 else { throw failure("a DWORD needs 4 bytes, the data has \(data.count)") }
        let littleEndian = data.uint32(at: 0)
        return type == .dword ? littleEndian : littleEndian.byteSwapped
    }

    /// A REG_QWORD value; the data must be 8 bytes.
    public func qword() throws -> UInt64 {
        guard type == .qword else { throw failure("a \(type) value is not a QWORD") }
        guard data.count == 8 else { throw failure("a QWORD needs 8 bytes, the data has \(data.count)") }
        return data.uint64(at: 0)
    }

    private func failure(_ reason: String) -> ValueDecodingError {
        ValueDecodingError(valueName: name, type: type, reason: reason)
    }
}
