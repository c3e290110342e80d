import Foundation
import Testing
import TestSupport
@testable import Hivex

/// ``Hive/locate(_:)`` starts a path where a path located before that starts the same way ended
/// (issue 16): every answer and every error must be what a walk from the root gives.
@Suite struct LocateTests {
    /// The answer of `locate`, or its error as text.
    static func outcome(_ hive: Hive, _ path: String) -> String {
        do {
            guard let located = try hive.locate(path) else { return "absent" }
            return "\(located.key) \(located.path) \(located.ancestors)"
        } catch {
            return "error: \(error)"
        }
    }

    /// Paths of the hive's keys (breadth first, at most `limit`), as stored.
    static func paths(of hive: Hive, limit: Int) throws -> [String] {
        var paths: [String] = []
        var pending = [(try hive.root(), "")], seen: Set<HiveKey> = []
        while !pending.isEmpty, paths.count < limit {
            let (key, path) = pending.removeFirst()
            guard seen.insert(key).inserted else { continue }
            paths.append(path)
            for child in (try? hive.children(of: key)) ?? [] {
                if let name = try? hive.name(of: child) { pending.append((child, RegistryPath.appending(name, to: path))) }
            }
        }
        return paths
    }

    @Test(arguments: KeyNameTests.hives) func rememberedWalksGiveWhatWalksFromTheRootGive(path: String) throws {
        let hive = try Hive(path: path)
        var asked: [String] = []
        for key in try Self.paths(of: hive, limit: 500) {
            asked += [key, key.uppercased(), key + "\\Missing", "\\" + key.lowercased() + "\\\\"]
        }
        var generator = SystemRandomNumberGenerator()
        asked.shuffle(using: &generator)
        for wanted in asked {
            let remembered = Self.outcome(hive, wanted)
            hive.locateMemo.chains.removeAll()
            #expect(remembered == Self.outcome(hive, wanted), "\(path): \(wanted)")
        }
    }

    @Test func aLoopingSubkeyListIsFollowedTheSameWayWhateverWasLocatedBefore() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = folder.file("looping")
        try LoopingHive.write(to: file)
        let hive = try Hive(path: file)
        let paths = ["A", "A\\A", "A\\A\\A", "A\\B", "a\\a\\b", "A\\A\\A\\A", "B", ""]
        var fresh: [String] = []
        for path in paths {
            hive.locateMemo.chains.removeAll()
            fresh.append(Self.outcome(hive, path))
        }
        for _ in 0..<3 {
            #expect(paths.map { Self.outcome(hive, $0) } == fresh)
            #expect(paths.reversed().map { Self.outcome(hive, $0) } == fresh.reversed())
        }
        #expect(fresh[1] == fresh[0], "A\\A leads back to A")
    }

    @Test func writableHivesRememberNothing() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let copy = try folder.copy(Fixtures.sample("NTUSER.DAT"), as: "NTUSER.DAT")
        let hive = try Hive(path: copy, options: .writable)
        #expect(try hive.locate("Software\\Microsoft") != nil)
        #expect(hive.locateMemo.chains.isEmpty)
        let software = try #require(try hive.key(at: "Software"))
        try hive.addKey(named: "Added", under: software)
        #expect(try hive.locate("Software\\Added") != nil)
    }
}
