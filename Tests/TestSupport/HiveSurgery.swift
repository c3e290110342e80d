import Foundation
import Hivex

/// Raw edits that make damaged hives for tests.
public enum HiveSurgery {
    /// Makes the key at `keyPath` list its parent's subkeys as its own, so the key becomes its own
    /// subkey: a looping subkey list. The hive at `path` is rewritten in place (a test copy).
    public static func makeSubkeyListLoop(path: String, keyPath: String) throws {
        let (keyOffset, parentOffset): (Int, Int)
        do {
            let hive = try Hive(path: path)
            let key = try hive.requireKey(at: keyPath)
            guard let parent = try hive.parent(of: key) else { throw HiveError(.invalidArgument, operation: "loop", path: path, message: "root") }
            (keyOffset, parentOffset) = (key.offset, parent.offset)
        }
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let key = try nkCell(bytes, offset: keyOffset)
        let parent = try nkCell(bytes, offset: parentOffset)
        // nk cell: 4-byte size, "nk", flags, FILETIME, ...; subkey count at +24, subkey list at +32.
        let parentCount = read32(bytes, parent + 24)
        let parentList = read32(bytes, parent + 32)
        write32(&bytes, key + 24, parentCount)
        write32(&bytes, key + 32, parentList)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// hivex node handles are file offsets of the cell; accept either that or an hbin-relative one.
    static func nkCell(_ bytes: [UInt8], offset: Int) throws -> Int {
        for candidate in [offset, offset + 4096] where candidate + 6 <= bytes.count {
            if bytes[candidate + 4] == UInt8(ascii: "n") && bytes[candidate + 5] == UInt8(ascii: "k") { return candidate }
        }
        throw HiveError(.corrupt, operation: "find nk", path: "", message: "no nk cell at \(offset)")
    }

    static func read32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
    }

    static func write32(_ bytes: inout [UInt8], _ offset: Int, _ value: UInt32) {
        for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * index)) }
    }
}
