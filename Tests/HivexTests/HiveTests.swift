import Foundation
import Testing
import TestSupport
@testable import Hivex

@Suite struct HiveTests {
    /// An empty hive with a small tree, returned open read-only.
    func makeTree(in folder: TemporaryDirectory) throws -> Hive {
        let base = folder.file("base.hiv")
        try EmptyHive.write(to: base)
        let hive = try Hive(path: base, options: .writable)
        let key = try hive.addKeys(at: "Software\\Microsoft\\Office")
        try hive.setValue(.string("Name", "Office"), in: key)
        try hive.setValue(.dword("Count", 3), in: key)
        try hive.setValue(RegistryValue(name: "", type: .string, data: UTF16LE.encode("default")), in: key)
        try hive.addKeys(at: "Software\\Ünïcode Kéy")
        try hive.commit(to: folder.file("tree.hiv"))
        return try Hive(path: folder.file("tree.hiv"))
    }

    @Test func navigationIsCaseInsensitive() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let hive = try makeTree(in: folder)
        let office = try #require(try hive.key(at: "SOFTWARE\\microsoft\\OFFICE"))
        #expect(try hive.name(of: office) == "Office")
        #expect(try hive.path(of: office) == "Software\\Microsoft\\Office")
        #expect(try hive.key(at: "\\Software\\\\Microsoft\\") == hive.key(at: "Software\\Microsoft"))
        #expect(try hive.key(at: "Software\\Missing") == nil)
        #expect(try hive.key(at: "") == hive.root())
        #expect(try hive.parent(of: hive.root()) == nil)
        #expect(try hive.key(at: "software\\ÜNÏCODE KÉY") != nil)
        let error = try #require(throws: HiveError.self) { try hive.requireKey(at: "Software\\Nope") }
        #expect(error.kind == .keyNotFound)
        #expect(error.keyPath == "Software\\Nope")
        #expect(error.description == "\(hive.path): key not found (key Software\\Nope)")
    }

    @Test func valuesReadBackWithTypesAndCaseInsensitiveNames() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let hive = try makeTree(in: folder)
        let office = try hive.requireKey(at: "Software\\Microsoft\\Office")
        #expect(try hive.values(of: office).map(\.name) == ["Name", "Count", ""])
        #expect(try hive.value(named: "count", of: office)?.dword() == 3)
        #expect(try hive.value(named: "NAME", of: office)?.string() == "Office")
        #expect(try hive.value(named: "", of: office)?.string() == "default")
        #expect(try hive.value(named: "absent", of: office) == nil)
        #expect(try hive.lastWrite(of: office) != nil)
    }

    @Test func readingLeavesTheFileUnchanged() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let hive = try makeTree(in: folder)
        let before = try FileSnapshot(hive.path)
        _ = try hive.walk { entry in _ = try hive.values(of: entry.key) }
        _ = try BaseBlock.read(path: hive.path)
        #expect(try FileSnapshot(hive.path) == before)
    }

    @Test func writingAReadOnlyHiveIsRefused() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let hive = try makeTree(in: folder)
        let error = try #require(throws: HiveError.self) { try hive.addKey(named: "x", under: hive.root()) }
        #expect(error.kind == .readOnly)
    }

    @Test(.enabled(if: Fixtures.hasSharedHives, "../shared/hives is absent"))
    func namesWithNULAndNonASCIISurvive() throws {
        let path = Fixtures.shared("odd/special")
        let before = try FileSnapshot(path)
        let hive = try Hive(path: path)
        let names = try hive.children(of: hive.root()).map { try hive.name(of: $0) }
        #expect(names == ["abcd_äöüß", "weird™", "zero\0key"])
        let zero = try #require(try hive.key(at: "zero\0key"))
        #expect(try hive.values(of: zero).map(\.name) == ["zero\0val"])
        let weird = try #require(try hive.key(at: "WEIRD™"))
        let symbols = try hive.values(of: weird)
        #expect(symbols.count == 1)
        #expect(symbols.first?.name.hasPrefix("symbols $£₤") == true)
        #expect(try FileSnapshot(path) == before)
    }

    @Test(.enabled(if: Fixtures.hasSharedHives, "../shared/hives is absent"))
    func dirtyHiveOpensAndSaysSo() throws {
        let hive = try Hive(path: Fixtures.shared("dirty/transactions_NTUSER.DAT"))
        #expect(hive.baseBlock.isDirty)
        #expect(try hive.children(of: hive.root()).isEmpty == false)
    }
}
