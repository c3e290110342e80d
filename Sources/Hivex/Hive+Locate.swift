extension Hive {
    /// The key at a backslash path below the root (case-insensitive) with its path as the hive
    /// spells it and the keys above it, or nil when any part is missing.
    ///
    /// Errors name the part of the path that was reached; damage that hides the next part (see
    /// ``child(named:of:)``) is an error, never "absent". A read-only hive never changes, so a path
    /// that starts as one located before starts where that one ended (``LocateMemo``).
    public func locate(_ path: String) throws -> LocatedKey? {
        let components = RegistryPath.components(path)
        let memo = isWritable ? nil : locateMemo
        // prefixes[i]: the components up to i, joined; the memo's keys.
        var prefixes: [String] = []
        if memo != nil {
            prefixes.reserveCapacity(components.count)
            for component in components { prefixes.append(prefixes.last.map { $0 + "\\" + component } ?? component) }
        }
        // The keys from the root down to the current one, with their paths as stored.
        var chain: [(key: HiveKey, path: String)] = []
        var start = 0
        if let memo, let known = prefixes.indices.last(where: { memo.chains[prefixes[$0]] != nil }) {
            chain = memo.chains[prefixes[known]]!
            start = known + 1
        } else {
            chain = [(try root(), "")]
        }
        for index in components.indices.dropFirst(start) {
            let component = components[index]
            let current = chain[chain.count - 1]
            let next: HiveKey?
            do {
                next = try child(named: component, of: current.key, enclosing: chain.map(\.key))
            } catch var error as HiveError {
                error.keyPath = RegistryPath.display(current.path)
                throw error
            }
            guard let next else { return nil }
            if let loop = chain.firstIndex(where: { $0.key == next }) {
                // A looping subkey list leads back to an enclosing key: go there, as Windows would.
                chain.removeSubrange((loop + 1)...)
            } else {
                let storedName = (try? name(of: next)) ?? component
                chain.append((next, RegistryPath.appending(storedName, to: current.path)))
            }
            memo?.chains[prefixes[index]] = chain
        }
        let last = chain[chain.count - 1]
        return LocatedKey(key: last.key, path: last.path, ancestors: chain.dropLast().map(\.key))
    }
}

/// The keys ``Hive/locate(_:)`` walked down to, by the components of the path so far joined as
/// given (no backslash is inside a component): one child lookup costs a subkey list and a name per
/// subkey, and readers locate many paths under the same keys.
final class LocateMemo {
    var chains: [String: [(key: HiveKey, path: String)]] = [:]
}
