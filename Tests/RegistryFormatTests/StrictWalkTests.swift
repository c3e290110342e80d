import Foundation
import Testing
import TestSupport
@testable import Hivex
@testable import RegistryFormat

/// ``LiveKeyReader/walkStrictly(_:)``, what an edit is verified with: differential against hivex's walk
/// on whole hives, and every kind of damage ends it at the damaged key.
struct StrictWalkTests {
    static var hives: [String] {
        var paths = ["NTUSER.DAT", "NTUSER-outlook-history.DAT", "SOFTWARE"].map(Fixtures.sample)
        if Fixtures.hasSharedHives {
            paths += ["NTUSER-no-outlook.DAT", "NTUSER-outlook2010.DAT", "NTUSER-outlook2016.DAT", "SYSTEM-win10"].map { Fixtures.shared("real/" + $0) }
            paths += ["UsrClass.dat", "SYSTEM_B", "transactions_NTUSER.DAT"].map { Fixtures.shared("dirty/" + $0) }
        }
        return paths
    }

    /// The strict walk meets the keys hivex's walk meets, in the same order, with the same paths,
    /// last-write times and values.
    @Test(arguments: hives)
    func visitsWhatHivexWalks(_ path: String) throws {
        let hive = try Hive(path: path)
        var theirs: [(path: String, lastWrite: Date?, values: [RegistryValue])] = []
        let report = try hive.walk { entry in
            theirs.append((entry.path, try hive.lastWrite(of: entry.key), try hive.values(of: entry.key)))
        }
        try #require(report.isComplete, "\(report.stops)")
        var ours: [KeyRecord] = []
        try LiveKeyReader(image: try HiveImage(bytes: hive.bytes)).walkStrictly { ours.append($0) }
        #expect(ours.count == theirs.count && ours.count > 10)
        for (mine, hivex) in zip(ours, theirs) {
            let values = mine.values.map { RegistryValue(name: $0.name, type: ValueType(rawValue: $0.type), data: $0.data ?? []) }
            guard mine.path == hivex.path, mine.lastWrite == hivex.lastWrite, values == hivex.values else {
                Issue.record("\(path): \(mine.path) against hivex's \(hivex.path)")
                return
            }
        }
    }

    /// Each kind of damage to one key ends the walk at that key (or, when its record cannot be read
    /// at all, at the key whose subkey list leads to it), with what is wrong.
    @Test(arguments: HiveSurgery.KeyDamage.allCases)
    func damageEndsTheWalkAtTheDamagedKey(_ damage: HiveSurgery.KeyDamage) throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.copy(Fixtures.sample("NTUSER.DAT"))
        let keyPath = #"Software\Microsoft\Office\16.0\Outlook"#
        try HiveSurgery.damage(damage, path: path, keyPath: keyPath)
        let reader = LiveKeyReader(image: try HiveImage(bytes: try Hive(path: path).bytes))
        var visited = 0
        let error = try #require(throws: LiveTreeDamage.self) { try reader.walkStrictly { _ in visited += 1 } }
        #expect(visited > 5)
        switch damage {
        case .nameLengthPastCell, .hugeNameLength:
            #expect(error.path == #"Software\Microsoft\Office\16.0"# && error.problem.hasPrefix("its subkey list does not resolve"), "\(error)")
        case .parentOutsideBins, .ownParent:
            #expect(error.path == keyPath && error.problem == "its parent link does not point to the key above it", "\(error)")
        case .parentChainLoops:  // the parent names the key as its own parent
            #expect(error.path == #"Software\Microsoft\Office\16.0"# && error.problem == "its parent link does not point to the key above it", "\(error)")
        case .valueListOutsideBins:
            #expect(error.path == keyPath && error.problem.hasPrefix("its value list does not resolve"), "\(error)")
        case .subkeyListOutsideBins:
            #expect(error.path == keyPath && error.problem.hasPrefix("its subkey list does not resolve"), "\(error)")
        }
    }

    /// A subkey list that leads back to its own key: the entry's parent link names another key.
    @Test func aSubkeyListThatLoopsEndsTheWalk() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.copy(Fixtures.sample("NTUSER.DAT"))
        let keyPath = #"Software\Microsoft\Office\16.0\Outlook\Profiles"#
        try HiveSurgery.makeSubkeyListLoop(path: path, keyPath: keyPath)
        let reader = LiveKeyReader(image: try HiveImage(bytes: try Hive(path: path).bytes))
        var paths: [String] = []
        let error = try #require(throws: LiveTreeDamage.self) { try reader.walkStrictly { paths.append($0.path) } }
        // The key's list now holds its parent's subkeys, all listed already under the parent: the
        // first of them is reached a second time, before any is read.
        #expect(paths.contains(keyPath) && !paths.contains { $0.hasPrefix(keyPath + "\\") })
        let first = try Hive(path: path).children(of: try Hive(path: path).requireKey(at: #"Software\Microsoft\Office\16.0\Outlook"#))[0]
        #expect(error.path == keyPath + "\\" + (try Hive(path: path).name(of: first)), "\(error)")
        #expect(error.problem == "the key is reached a second time (subkey lists loop or repeat)", "\(error)")
    }

    /// A key listed twice under its own parent (so its parent link holds) is caught as a loop.
    @Test func aKeyListedTwiceIsReachedASecondTime() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.copy(Fixtures.sample("NTUSER.DAT"))
        let keyPath = #"Software\Microsoft\Office\16.0\Outlook\Profiles"#
        let hive = try Hive(path: path)
        let children = try hive.children(of: try hive.requireKey(at: keyPath))
        try #require(children.count >= 2)
        // Point the second entry of the Profiles key's subkey list at the first child.
        let listIndex = try #require(KeyNode(bytes: hive.bytes, recordOffset: try hive.requireKey(at: keyPath).offset + Cell.headerLength,
                                             limit: hive.bytes.count, minorVersion: 5)).subkeyListIndex
        let listOffset = try #require(Cell.fileOffset(ofIndex: listIndex))
        let firstIndex = UInt32(children[0].offset - BaseBlock.size)
        try HiveSurgery.edit(path) { bytes in
            let kind = String(decoding: bytes[(listOffset + 4)..<(listOffset + 6)], as: UTF8.self)
            let stride = kind == "li" ? 4 : 8
            let entry = listOffset + 8 + stride
            for byte in 0..<4 { bytes[entry + byte] = UInt8(truncatingIfNeeded: firstIndex >> (8 * byte)) }
        }
        let reader = LiveKeyReader(image: try HiveImage(bytes: try Hive(path: path).bytes))
        let error = try #require(throws: LiveTreeDamage.self) { try reader.walkStrictly { _ in } }
        #expect(error.problem == "the key is reached a second time (subkey lists loop or repeat)", "\(error)")
        #expect(error.path == keyPath + "\\" + (try hive.name(of: children[0])), "\(error)")
    }

    @Test func keysDeeperThanWindowsAllowsEndTheWalk() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("deep.hiv")
        try EmptyHive.write(to: path)
        let hive = try Hive(path: path, options: .writable)
        try hive.addKeys(at: Array(repeating: "k", count: LiveKeyReader.maximumDepth + 1).joined(separator: "\\"))
        try hive.commit(to: path)
        let reader = LiveKeyReader(image: try HiveImage(bytes: try Hive(path: path).bytes))
        var deepest = 0
        let error = try #require(throws: LiveTreeDamage.self) { try reader.walkStrictly { deepest = max(deepest, $0.pathComponents.count) } }
        #expect(deepest == LiveKeyReader.maximumDepth)
        #expect(error.pathComponents?.count == LiveKeyReader.maximumDepth && error.problem == "it is nested deeper than 512 levels")

        let shallower = folder.file("shallower.hiv")
        try EmptyHive.write(to: shallower)
        let writable = try Hive(path: shallower, options: .writable)
        try writable.addKeys(at: Array(repeating: "k", count: LiveKeyReader.maximumDepth).joined(separator: "\\"))
        try writable.commit(to: shallower)
        var count = 0
        try LiveKeyReader(image: try HiveImage(bytes: try Hive(path: shallower).bytes)).walkStrictly { _ in count += 1 }
        #expect(count == LiveKeyReader.maximumDepth + 1)
    }

    @Test func aRootThatIsNoKeyNodeEndsTheWalkAtOnce() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.copy(Fixtures.sample("NTUSER.DAT"))
        try HiveSurgery.damage(.nameLengthPastCell, path: path, keyPath: "")
        let reader = LiveKeyReader(image: try HiveImage(bytes: try Hive(path: path, options: .unsafe).bytes))
        let error = try #require(throws: LiveTreeDamage.self) { try reader.walkStrictly { _ in Issue.record("visited") } }
        #expect(error.pathComponents == [] && error.description == "root key: the root key's record cannot be read")
    }

    /// Damage hivex refuses to open, outside any key: a bin with a bad signature, a cell whose size
    /// breaks the chain, bins that end before the base block says. The walk stops before any key.
    @Test(arguments: ["bin signature", "cell size", "bins end early"])
    func brokenBinsEndTheWalkBeforeAnyKey(_ damage: String) throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.copy(Fixtures.sample("NTUSER.DAT"))
        let image = try HiveImage(bytes: try Hive(path: path).bytes)
        let last = try #require(image.hiveBins.last)
        try HiveSurgery.edit(path) { bytes in
            switch damage {
            case "bin signature": bytes[last.fileOffset + 3] = UInt8(ascii: "X")
            case "cell size":  // the last bin's first cell claims 3 bytes
                for byte in 0..<4 { bytes[last.firstCellOffset + byte] = UInt8(truncatingIfNeeded: 3 >> (8 * byte)) }
            default:  // the base block claims one more 4 KiB of bins than the file's chain holds
                let size = UInt32(last.endOffset - BaseBlock.size + 4096)
                for byte in 0..<4 { bytes[40 + byte] = UInt8(truncatingIfNeeded: size >> (8 * byte)) }
                var checksum: UInt32 = 0
                for word in stride(from: 0, to: 508, by: 4) {
                    checksum ^= (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[word + $1]) << (8 * $1) }
                }
                for byte in 0..<4 { bytes[508 + byte] = UInt8(truncatingIfNeeded: checksum >> (8 * byte)) }
            }
        }
        let damaged = try HiveImage(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        var visited = 0
        let error = try #require(throws: LiveTreeDamage.self) { try LiveKeyReader(image: damaged).walkStrictly { _ in visited += 1 } }
        #expect(visited == 0 && error.pathComponents == nil, "\(error)")
        #expect(error.problem.hasPrefix(damage == "cell size" ? "the cells of the hive bin at offset" : "the hive bins end at offset"), "\(error)")
    }
}
