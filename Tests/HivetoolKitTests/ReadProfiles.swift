import Hivex
import HivetoolKit

/// A hive's profile report with its inventory's facts at hand: `read.profiles` is the inventory's,
/// `read.hive`, `read.warnings` and `read.problems` the report's (what the JSON carries).
@dynamicMemberLookup
struct ReadProfiles {
    var report: ProfileReport

    init(_ hive: Hive, includingDeleted: Bool = false) throws {
        report = try ProfileReport(hashing: hive, includingDeleted: includingDeleted)
    }

    var inventory: ProfileInventory { report.inventory! }
    var hive: HiveRecord { report.hive }
    var warnings: [String] { report.warnings }
    var problems: [String] { report.problems }

    subscript<T>(dynamicMember keyPath: KeyPath<ProfileInventory, T>) -> T { inventory[keyPath: keyPath] }

    func write(_ format: ListFormat, to output: inout some TextOutputStream) throws { try report.write(format, to: &output) }
    func writeText(to output: inout some TextOutputStream) { report.writeText(to: &output) }
    func writeJSONLines(to output: inout some TextOutputStream) throws { try report.writeJSONLines(to: &output) }
    func writeCSV(to output: inout some TextOutputStream, header: Bool) { report.writeCSV(to: &output, header: header) }
}
