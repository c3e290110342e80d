import FoundationEssentials
import Hivex

/// The live tree as a profile source: keys are hivex node handles.
extension Hive: ProfileSource {
    func children(of node: HiveKey, path: String, enclosing: Set<HiveKey>, problems: inout [String]) throws -> [(name: String, node: HiveKey)] {
        var result: [(name: String, node: HiveKey)] = []
        let children: [HiveKey]
        do {
            children = try self.children(of: node)
        } catch var error as HiveError {
            error.keyPath = RegistryPath.display(path)
            throw error
        }
        for child in children {
            if child == node || enclosing.contains(child) {
                problems.append("\(RegistryPath.display(path)): its subkey list loops back to an enclosing key; not followed")
                continue
            }
            do {
                result.append((try name(of: child), child))
            } catch let error as HiveError {
                problems.append("\(RegistryPath.display(path)): a subkey (\(child)) cannot be read: \(error.message); not followed")
            }
        }
        return result
    }
}
