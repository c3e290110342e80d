/// A key found by path (``Hive/locate(_:)``): the key, its path as the hive spells it, and the keys
/// above it from the root down (empty for the root).
public struct LocatedKey: Hashable, Sendable {
    public var key: HiveKey
    public var path: String
    public var ancestors: [HiveKey]

    public init(key: HiveKey, path: String, ancestors: [HiveKey]) {
        self.key = key
        self.path = path
        self.ancestors = ancestors
    }
}
