import Hivex

/// A root's `DefaultProfile` value as stored, which repairs that change or clear it need.
public struct DefaultProfileSetting: Hashable, Sendable {
    public var layout: ProfileLayout
    /// The path (as stored) of the key holding the value.
    public var keyPath: String
    /// The value as stored (its name's letter case and type are kept when it is rewritten).
    public var value: RegistryValue
    /// The profile it names; nil when the value cannot be decoded as text.
    public var profile: String?

    public init(layout: ProfileLayout, keyPath: String, value: RegistryValue, profile: String?) {
        self.layout = layout
        self.keyPath = keyPath
        self.value = value
        self.profile = profile
    }
}
