import Foundation
import Hivex
import RegistryFormat

/// Deletes keys the way Windows leaves them in free space.
///
/// hivex, unlike Windows, first detaches a key's values (value count 0, value list nil) and only
/// then frees the key node, so a hivex-deleted key no longer leads to its values. Putting the two
/// fields back in the freed key nodes gives the state Windows leaves behind (its deleted keys keep
/// their value count and list, and yarp reads values of such keys).
public enum WindowsLikeDeletion {
    /// Puts back, in `bytes` (the hive after the deletion), the value count and value list fields
    /// of the freed key nodes whose cells start at `keyOffsets`, from `before` (the hive before it).
    public static func restoreValueLists(_ bytes: inout [UInt8], from before: [UInt8], keyOffsets: some Sequence<Int>) {
        for offset in keyOffsets {
            for field in [KeyNode.valueCountOffset, KeyNode.valueListOffset] {
                let at = offset + Cell.headerLength + field
                bytes.setUInt32(before.uint32(at: at), at: at)
            }
        }
    }

    /// Deletes the key at `keyPath` and everything below it from the hive file at `path` with
    /// hivex, commits, then restores the freed keys' value lists as Windows would have left them.
    /// Returns the cell offsets of the deleted keys, by path.
    @discardableResult
    public static func deleteKey(_ keyPath: String, in path: String) throws -> [String: Int] {
        let before = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var deleted: [String: Int] = [:]
        do {
            let hive = try Hive(path: path, options: .writable)
            let key = try hive.requireKey(at: keyPath)
            let located = try hive.path(of: key)
            try hive.walk(from: key, path: located) { deleted[$0.path] = $0.key.offset }
            try hive.deleteKey(key)
            try hive.commit(to: path + ".deleting")
        }
        guard rename(path + ".deleting", path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        restoreValueLists(&bytes, from: before, keyOffsets: deleted.values)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return deleted
    }
}
