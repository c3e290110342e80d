import Foundation
import Hivex
import RegistryFormat
import TestSupport

/// Hives with deleted keys, built the way hivetool's users make them: an empty hive, keys and values
/// added with hivex, committed, then keys deleted with hivex and committed again (hivex frees the
/// cells and never reuses them, so the deleted records stay in free space).
///
/// hivex, unlike Windows, first detaches a key's values (value count 0, value list nil) and only
/// then frees the key node, so a hivex-deleted key no longer leads to its values: they are found
/// alone. `likeWindows` puts the two fields back in the freed key nodes (``WindowsLikeDeletion``,
/// in TestSupport), giving the state Windows leaves behind.
struct DeletedHiveFixture {
    /// The final hive's path and bytes.
    let path: String
    let bytes: [UInt8]
    /// hivex node handles (nk cell file offsets) of every key added, by path, taken before the deletion.
    let offsets: [String: Int]

    /// Builds `folder/name`: `build` adds keys and values (returning nothing), then every key in
    /// `deleting` is deleted.
    static func make(in folder: TemporaryDirectory, name: String = "fixture.hiv", deleting: [String],
                     likeWindows: Bool = false, build: (Hive) throws -> Void) throws -> DeletedHiveFixture {
        let built = folder.file(name + ".built")
        try EmptyHive.write(to: built)
        do {
            let hive = try Hive(path: built, options: .writable)
            try build(hive)
            try hive.commit(to: built)
        }
        var offsets: [String: Int] = [:]
        let path = folder.file(name)
        do {
            let hive = try Hive(path: built, options: .writable)
            try hive.walk { offsets[$0.path] = $0.key.offset }
            for keyPath in deleting { try hive.deleteKey(hive.requireKey(at: keyPath)) }
            try hive.commit(to: path)
        }
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        if likeWindows {
            let before = [UInt8](try Data(contentsOf: URL(fileURLWithPath: built)))
            let freed = offsets.filter { keyPath, _ in deleting.contains { keyPath == $0 || keyPath.hasPrefix($0 + "\\") } }.values
            WindowsLikeDeletion.restoreValueLists(&bytes, from: before, keyOffsets: freed)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
        return DeletedHiveFixture(path: path, bytes: bytes, offsets: offsets)
    }

    /// File offsets of the keys hivex sees in `path` (the live tree).
    static func liveKeyOffsets(of path: String) throws -> Set<Int> {
        var offsets: Set<Int> = []
        try Hive(path: path).walk { offsets.insert($0.key.offset) }
        return offsets
    }

    /// Offset (from the record start) of a key node's value list index, for tests that damage it.
    static func valueListCell(of keyCellOffset: Int, in bytes: [UInt8]) -> Int? {
        let record = keyCellOffset + Cell.headerLength
        guard let index = bytes.checkedUInt32(at: record + KeyNode.valueListOffset) else { return nil }
        return Cell.fileOffset(ofIndex: index)
    }
}

/// A small deterministic random number generator (SplitMix64), so failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
