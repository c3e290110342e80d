import FoundationEssentials
import Hivex

/// Where ``ProfileDecoder`` reads a profile's keys and values from: the live tree through hivex
/// (`Hive`) or the keys recovered from free space (``RecoveredProfileSource``). One decoder over
/// both, so a deleted profile is decoded by exactly the code that decodes a live one.
protocol ProfileSource {
    /// A key of the source: a hivex handle, or a recovered key's cell offset.
    associatedtype Node: Hashable

    /// The key's last-written time.
    func lastWrite(of node: Node) throws -> Date?

    /// The key's subkeys with their names. A subkey that cannot be followed (it loops back to the
    /// key or to one of `enclosing`, or its name cannot be read) is left out and described in
    /// `problems`; a subkey list that cannot be read at all throws.
    func children(of node: Node, path: String, enclosing: Set<Node>, problems: inout [String]) throws -> [(name: String, node: Node)]

    /// The key's values whose data can be read.
    func values(of node: Node) throws -> [RegistryValue]

    /// Values the key is known to have had whose data is lost (recovered keys only), as
    /// undecodable values of the key at `path`.
    func lostValues(of node: Node, path: String) -> [UndecodableValue]
}

extension ProfileSource {
    func lostValues(of node: Node, path: String) -> [UndecodableValue] { [] }
}
