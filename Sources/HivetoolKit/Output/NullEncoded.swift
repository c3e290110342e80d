/// An optional that JSON always carries: `null` when absent instead of a missing key, so every
/// record of a schema has the same fields.
///
/// `Wrapped` is unconstrained and each conformance conditional, so that the wrapper's metadata is
/// made without the runtime looking up `Wrapped`'s conformances: each such lookup scans every
/// conformance record of the binary (about 4,500), which cost list-profiles about 0.5 ms at start.
@propertyWrapper
public struct NullEncoded<Wrapped> {
    public var wrappedValue: Wrapped?

    public init(wrappedValue: Wrapped?) { self.wrappedValue = wrappedValue }
}

extension NullEncoded: Decodable where Wrapped: Decodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : try container.decode(Wrapped.self)
    }
}

extension NullEncoded: Encodable where Wrapped: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}

extension NullEncoded: Equatable where Wrapped: Equatable {}
extension NullEncoded: Hashable where Wrapped: Hashable {}
extension NullEncoded: Sendable where Wrapped: Sendable {}

extension KeyedDecodingContainer {
    /// A missing key decodes as nil.
    public func decode<Wrapped: Decodable>(_ type: NullEncoded<Wrapped>.Type, forKey key: Key) throws -> NullEncoded<Wrapped> {
        try decodeIfPresent(type, forKey: key) ?? NullEncoded(wrappedValue: nil)
    }
}
