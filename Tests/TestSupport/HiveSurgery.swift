import Foundation
import Hivex
import RegistryFormat

/// Raw edits that make damaged hives for tests. Each rewrites the hive at `path` in place (a test
/// copy). Field offsets come from RegistryFormat's `KeyNode` (counted from the cell's data, after its size).
public enum HiveSurgery {
    /// Makes the key at `keyPath` list its parent's subkeys as its own, so the key becomes its own
    /// subkey: a looping subkey list.
    public static func makeSubkeyListLoop(path: String, keyPath: String) throws {
        let (keyOffset, parentOffset) = try offsets(path: path, keyPath: keyPath)
        try edit(path) { bytes in
            let key = try nkCell(bytes, offset: keyOffset)
            guard let parentOffset else { throw surgeryError(path, "the root has no parent") }
            let parent = try nkCell(bytes, offset: parentOffset)
            bytes.setUInt32(bytes.uint32(at: parent + field(KeyNode.subkeyCountOffset)), at: key + field(KeyNode.subkeyCountOffset))
            bytes.setUInt32(bytes.uint32(at: parent + field(KeyNode.subkeyListOffset)), at: key + field(KeyNode.subkeyListOffset))
        }
    }

    /// How to damage one key's `nk` record.
    public enum KeyDamage: String, CaseIterable, Sendable {
        /// The name length says more than the cell holds (hivex: EFAULT), the shape of a public test
        /// hive whose key name is cut short.
        case nameLengthPastCell = "name-length-past-cell"
        /// The name length is 0x7FFF, far outside any cell.
        case hugeNameLength = "huge-name-length"
        /// The parent offset points outside the hive bins (0x7fffffff).
        case parentOutsideBins = "parent-outside-bins"
        /// The key is its own parent.
        case ownParent = "own-parent"
        /// The key and its parent each name the other as parent: a parent chain that loops.
        case parentChainLoops = "parent-chain-loops"
        /// The value list offset points outside the hive bins.
        case valueListOutsideBins = "value-list-outside-bins"
        /// The subkey list offset points outside the hive bins.
        case subkeyListOutsideBins = "subkey-list-outside-bins"
    }

    /// Damages the key at `keyPath` (the root when empty).
    public static func damage(_ damage: KeyDamage, path: String, keyPath: String) throws {
        let (keyOffset, parentOffset) = try offsets(path: path, keyPath: keyPath)
        try edit(path) { bytes in
            let key = try nkCell(bytes, offset: keyOffset)
            let cellSize = Int(Int32(bitPattern: bytes.uint32(at: key)).magnitude)
            switch damage {
            case .nameLengthPastCell:
                bytes.setUInt16(UInt16(clamping: cellSize - field(KeyNode.nameOffset) + 64), at: key + field(KeyNode.nameLengthOffset))
            case .hugeNameLength:
                bytes.setUInt16(0x7FFF, at: key + field(KeyNode.nameLengthOffset))
            case .parentOutsideBins:
                bytes.setUInt32(0x7FFF_FFFF, at: key + field(KeyNode.parentOffset))
            case .ownParent:
                bytes.setUInt32(UInt32(key - BaseBlock.size), at: key + field(KeyNode.parentOffset))
            case .parentChainLoops:
                guard let parentOffset else { throw surgeryError(path, "the root has no parent") }
                let parent = try nkCell(bytes, offset: parentOffset)
                bytes.setUInt32(UInt32(key - BaseBlock.size), at: parent + field(KeyNode.parentOffset))
            case .valueListOutsideBins:
                if bytes.uint32(at: key + field(KeyNode.valueCountOffset)) == 0 { bytes.setUInt32(1, at: key + field(KeyNode.valueCountOffset)) }
                bytes.setUInt32(0x7FFF_FFF0, at: key + field(KeyNode.valueListOffset))
            case .subkeyListOutsideBins:
                if bytes.uint32(at: key + field(KeyNode.subkeyCountOffset)) == 0 { bytes.setUInt32(1, at: key + field(KeyNode.subkeyCountOffset)) }
                bytes.setUInt32(0x7FFF_FFF0, at: key + field(KeyNode.subkeyListOffset))
            }
        }
    }

    /// The file offsets of the key's and its parent's cells (no parent for the root).
    static func offsets(path: String, keyPath: String) throws -> (key: Int, parent: Int?) {
        let hive = try Hive(path: path)
        let located = try hive.requireLocated(keyPath)
        return (located.key.offset, located.ancestors.last?.offset)
    }

    /// Inverts every bit of the byte at file offset `offset` (a flipped byte on the evidence).
    public static func flipByte(path: String, at offset: Int) throws {
        try edit(path) { bytes in
            guard offset < bytes.count else { throw surgeryError(path, "offset \(offset) is past the end") }
            bytes[offset] ^= 0xFF
        }
    }

    /// The offset of a key node field from the start of its cell.
    static func field(_ offsetInRecord: Int) -> Int { Cell.headerLength + offsetInRecord }

    public static func edit(_ path: String, _ change: (inout [UInt8]) throws -> Void) throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        try change(&bytes)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// hivex node handles are file offsets of the cell; accept either that or an hbin-relative one.
    static func nkCell(_ bytes: [UInt8], offset: Int) throws -> Int {
        for candidate in [offset, offset + BaseBlock.size] where candidate + field(KeyNode.nameOffset) <= bytes.count {
            if bytes[candidate + Cell.headerLength] == KeyNode.signature.0 && bytes[candidate + Cell.headerLength + 1] == KeyNode.signature.1 {
                return candidate
            }
        }
        throw surgeryError("", "no nk cell at \(offset)")
    }

    static func surgeryError(_ path: String, _ message: String) -> HiveError {
        HiveError(.invalidArgument, operation: "hive surgery", path: path, message: message)
    }
}
