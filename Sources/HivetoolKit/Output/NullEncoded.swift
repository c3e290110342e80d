/// An optional that JSON always carries: `null` when absent instead of a missing key, so every
/// record of a schema has the same fields.
@propertyWrapper
public struct NullEncoded<Wrapped: Codable & Hashable & Sendable>: Codable, Hashable, Sendable {
    public var wrappedValue: Wrapped?

    public init(wrappedValue: Wrapped?) { self.wrappedValue = wrappedValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : try container.decode(Wrapped.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}

extension KeyedDecodingContainer {
    /// A missing key decodes as nil.
    public func decode<Wrapped>(_ type: NullEncoded<Wrapped>.Type, forKey key: Key) throws -> NullEncoded<Wrapped> {
        try decodeIfPresent(type, forKey: key) ?? NullEncoded(wrappedValue: nil)
    }
}
