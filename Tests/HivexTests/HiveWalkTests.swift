import Foundation
import Testing
import TestSupport
@testable import Hivex

@Suite struct HiveWalkTests {
    @Test func loopingSubkeyListIsWalkedOnceAndReported() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("loop.hiv")
        try LoopingHive.write(to: path)
        let hive = try Hive(path: path)
        let a = try #require(try hive.key(at: "A"))
        #expect(try hive.children(of: a) == [a])

        var paths: [String] = []
        let report = try hive.walk { paths.append($0.path) }
        #expect(paths == ["", "A"])
        #expect(report.keyCount == 2)
        #expect(report.stops == [Walk.Stop(keyPath: "A\\A", reason: .cycle(firstPath: "A"))])
        #expect(report.stops.first?.description == "A\\A: key already visited as A (subkey lists loop); not descended")
        #expect(!report.isComplete)
    }

    @Test func depthBoundStopsDescent() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("deep.hiv")
        try EmptyHive.write(to: path)
        let hive = try Hive(path: path, options: .writable)
        try hive.addKeys(at: "a\\b\\c\\d")
        let report = try hive.walk(maxDepth: 2) { _ in }
        #expect(report.keyCount == 3)
        #expect(report.stops == [Walk.Stop(keyPath: "a\\b", reason: .depthLimit(2))])
    }

    @Test func walkFromAKeyUsesFullPaths() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("tree.hiv")
        try EmptyHive.write(to: path)
        let hive = try Hive(path: path, options: .writable)
        try hive.addKeys(at: "Software\\One\\Two")
        try hive.addKeys(at: "Software\\Three")
        var seen: [String] = []
        try hive.walk(from: hive.requireKey(at: "software")) { seen.append($0.path) }
        #expect(seen == ["Software", "Software\\One", "Software\\One\\Two", "Software\\Three"])
    }

    @Test(.enabled(if: Fixtures.hasSharedHives, "../shared/hives is absent"),
          arguments: ["real/NTUSER-outlook2010.DAT", "real/SYSTEM-win10"])
    func countsMatchReglookup(relative: String) throws {
        let path = Fixtures.shared(relative)
        let report = try Hive(path: path).walk { _ in }
        #expect(report.isComplete)
        // Pinned from reglookup 1.0.1 (Debian); recomputed below when reglookup is installed.
        let pinned = ["real/NTUSER-outlook2010.DAT": (4841, 16545), "real/SYSTEM-win10": (43211, 90307)]
        #expect(report.keyCount == pinned[relative]?.0)
        #expect(report.valueCount == pinned[relative]?.1)
        if ExternalTool.isInstalled("reglookup") {
            let counts = try ExternalTool.reglookupCounts(path)
            #expect(report.keyCount == counts.keys)
            #expect(report.valueCount == counts.values)
        }
    }
}
