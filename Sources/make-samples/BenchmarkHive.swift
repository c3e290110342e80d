import Foundation
import Hivex

/// A large hive for benchmarks: the NTUSER sample's profiles, Enterprise Vault's `Agents` key, and
/// `keyCount` bulk keys under `Bulk\GroupNNNN` (100 per group), each with a binary value of
/// `valueBytes` bytes and a string, so the file reaches about `keyCount * (valueBytes + 250)` bytes.
enum BenchmarkHive {
    static func write(to path: String, keyCount: Int, valueBytes: Int) throws {
        let scratch = path + ".empty"
        try? FileManager.default.removeItem(atPath: scratch)
        try EmptyHive.write(to: scratch, embeddedFileName: (path as NSString).lastPathComponent, time: SampleFile.timestamp)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let hive = try Hive(path: scratch, options: .writable)
        try NTUSERSample.build(hive)
        try hive.put(#"Wow6432Node\KVS\Enterprise Vault\Agents"#, [.dword("ProfileExpire", 3)])

        let bulk = try hive.addKeys(at: "Bulk")
        var group = bulk
        let payload = SeededBytes.make(valueBytes, label: "benchmark")
        for index in 0..<keyCount {
            if index % 100 == 0 {
                group = try hive.addKey(named: String(format: "Group%05d", index / 100), under: bulk)
            }
            let key = try hive.addKey(named: String(format: "Item%07d", index), under: group)
            try hive.replaceValues([.binary("Data", payload), .string("Name", "benchmark item \(index)")], of: key)
        }
        try? FileManager.default.removeItem(atPath: path)
        try hive.commit(to: path)
    }
}
