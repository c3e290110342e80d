import Foundation
import Hivex
import Testing
import TestSupport
@testable import HivetoolKit

/// The `deleted` report model and its renderers, in process.
@Suite struct DeletedReportTests {
    static let outlook = #"Software\Microsoft\Windows NT\CurrentVersion\Windows Messaging Subsystem\Profiles\Outlook"#

    static func report(key: String?, in folder: TemporaryDirectory) throws -> DeletedReport {
        let path = try folder.copy(Fixtures.sample("NTUSER.DAT"))
        try WindowsLikeDeletion.deleteKey(outlook, in: path)
        let hive = try Hive(path: path)
        return DeletedReport(hive: try HiveIdentity(hive: hive), recovery: try FreeSpaceRecovery(hive: hive), key: key)
    }

    @Test func keyIsAComponentPrefixInAnyCaseAndValuesAreDecodedLikeGet() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let report = try Self.report(key: Self.outlook.lowercased(), in: folder)
        #expect(report.keys.count > 8 && report.values.isEmpty)  // the profile, its 8 sections, its accounts
        #expect(report.keys.contains { $0.path == Self.outlook })
        #expect(report.keys.allSatisfy { $0.kind == .key && $0.pathComplete && $0.path?.hasPrefix(Self.outlook) == true })
        #expect(report.counts.keys == report.keys.count && report.counts.keysWithCompletePath == report.keys.count && report.counts.keyValues == report.keys.flatMap(\.values).count)
        let clsid = try #require(report.keys.flatMap(\.values).first { $0.name == "clsid" })
        #expect(clsid.type == "REG_SZ" && clsid.data == .string("{ED475414-B0D6-11D2-8C3B-00104B2A6676}") && clsid.dataRecoverable)
        let binary = try #require(report.keys.flatMap(\.values).first { $0.type == "REG_BINARY" })
        #expect(binary.data == .none && binary.hex?.isEmpty == false)

        // A prefix of a name is not a prefix of the path.
        let other = try TemporaryDirectory()
        defer { other.remove() }
        let partial = try Self.report(key: #"Software\Micro"#, in: other)
        #expect(partial.isEmpty)
        var text = ""
        partial.writeText(to: &text)
        #expect(text.contains(#"No deleted keys or values found in free space under Software\Micro."#))
    }

    @Test func everyRendererWritesOneRecordPerKeyAndLoneValue() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let report = try Self.report(key: nil, in: folder)
        #expect(!report.keys.isEmpty && !report.values.isEmpty)
        #expect(report.values.allSatisfy { $0.kind == .value && $0.path == nil && $0.values.count == 1 && $0.values[0].offset == $0.offset })
        var csv = ""
        report.writeCSV(to: &csv)
        #expect(csv.split(separator: "\n").count == 1 + report.keys.count + report.values.count)
        var lines = ""
        try report.writeJSONLines(to: &lines)
        #expect(lines.split(separator: "\n").count == report.keys.count + report.values.count)
        var text = ""
        report.writeText(to: &text)
        #expect(text.contains("Deleted keys (\(report.keys.count), ") && text.contains("Deleted values found alone (\(report.values.count)):"))
        #expect(text.contains("      clsid "))
        let json = try JSONOutput.string(report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["schemaVersion", "tool", "hive", "key", "appliedLogs", "keys", "values", "counts", "notes"])
    }
}
