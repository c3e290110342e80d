import Hivex

extension Hive {
    /// Creates the key at `path` (and any missing parents) and sets `values` on it, in order.
    @discardableResult
    func put(_ path: String, _ values: [RegistryValue] = []) throws -> HiveKey {
        let key = try addKeys(at: path)
        for value in values { try setValue(value, in: key) }
        return key
    }
}
