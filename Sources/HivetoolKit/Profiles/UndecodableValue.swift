import FoundationEssentials
import Hivex

/// A value hivetool expected to be text but could not decode.
public struct UndecodableValue: Codable, Hashable, Sendable {
    public var keyPath: String
    public var value: String
    public var type: String
    public var reason: String

    public init(keyPath: String, value: String, type: String, reason: String) {
        self.keyPath = keyPath
        self.value = value
        self.type = type
        self.reason = reason
    }
}
