import Foundation
@testable import Hivex

/// Builds a hive whose key `A` lists itself as its own subkey: a looping subkey list.
enum LoopingHive {
    static func write(to path: String) throws {
        let base = path + ".base"
        try EmptyHive.write(to: base)
        defer { try? FileManager.default.removeItem(atPath: base) }
        let hive = try Hive(path: base, options: .writable)
        try hive.addKey(named: "A", under: hive.root())
        try hive.commit(to: path)

        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let bins = BaseBlock.size
        let root = bins + Int(bytes.uint32(at: 36))
        // nk cell: 4-byte size, then "nk"; subkey count at +24, subkey list offset at +32.
        let list = Int(bytes.uint32(at: root + 32))
        let listCell = bins + list
        let signature = String(decoding: bytes[listCell + 4..<listCell + 6], as: UTF8.self)
        precondition(["lf", "lh", "li"].contains(signature), "unexpected subkey list \(signature)")
        let child = bins + Int(bytes.uint32(at: listCell + 8))
        precondition(bytes[child + 4] == UInt8(ascii: "n") && bytes[child + 5] == UInt8(ascii: "k"))
        bytes.setUInt32(1, at: child + 24)
        bytes.setUInt32(UInt32(list), at: child + 32)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}
