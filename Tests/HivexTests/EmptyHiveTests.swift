import Foundation
import Testing
import TestSupport
@testable import Hivex

/// The empty hive and the samples open in hivex and in the independent readers.
@Suite struct EmptyHiveTests {
    @Test func emptyHiveOpensWithARootAndNothingElse() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("empty.hiv")
        try EmptyHive.write(to: path)
        let hive = try Hive(path: path)
        #expect(try hive.name(of: hive.root()) == "ROOT")
        #expect(try hive.children(of: hive.root()).isEmpty)
        #expect(try hive.values(of: hive.root()).isEmpty)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == 8192)
        // Never overwrites.
        let error = try #require(throws: HiveError.self) { try EmptyHive.write(to: path) }
        #expect(error.errno == .fileExists)
    }

    @Test func securityDescriptorIsSelfRelativeWithOwnerGroupAndDACL() {
        let descriptor = EmptyHive.securityDescriptor()
        #expect(descriptor[0] == 1 && descriptor[2] == 0x04 && descriptor[3] == 0x80)
        #expect(descriptor.uint32(at: 4) == 48 && descriptor.uint32(at: 8) == 64 && descriptor.uint32(at: 16) == 20)
        #expect(descriptor.count == 76)
    }

    static let hives: [String] = ["empty", "samples/NTUSER.DAT", "samples/SOFTWARE"]

    func path(_ name: String, in folder: TemporaryDirectory) throws -> String {
        if name == "empty" {
            try EmptyHive.write(to: folder.file("empty.hiv"))
            return folder.file("empty.hiv")
        }
        return Fixtures.sample((name as NSString).lastPathComponent)
    }

    @Test(.enabled(if: ExternalTool.isInstalled("reglookup"), "reglookup is not installed"), arguments: hives)
    func reglookupReadsIt(name: String) throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try path(name, in: folder)
        let result = try ExternalTool.run("reglookup", [path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("\n/,KEY,,"))
        #expect(!result.stderr.contains("ERROR"), "\(result.stderr)")
        let counts = try ExternalTool.reglookupCounts(path)
        let report = try Hive(path: path).walk { _ in }
        #expect(counts.keys == report.keyCount && counts.values == report.valueCount)
    }

    @Test(.enabled(if: ExternalTool.isInstalled("regfinfo"), "regfinfo (libregf-utils) is not installed"), arguments: hives)
    func regfinfoReadsIt(name: String) throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let result = try ExternalTool.run("regfinfo", [try path(name, in: folder)])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Version:\t1.5") && result.stdout.contains("File type:\tRegistry"))
    }

    /// The committed generator rebuilds the committed samples byte for byte.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: Fixtures.makeSamplesExecutable), "make-samples is not built"))
    func samplesAreReproducedByTheGenerator() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let result = try ExternalTool.run(Fixtures.makeSamplesExecutable, [folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        for name in ["NTUSER.DAT", "SOFTWARE", "NTUSER-outlook-history.DAT"] {
            #expect(try FileSnapshot(folder.file(name)).bytes == FileSnapshot(Fixtures.sample(name)).bytes, "\(name) differs")
        }
    }
}
