import Foundation
import Testing
import TestSupport
@testable import Hivex
@testable import HivetoolKit
import RegistryFormat

/// ``TreeSnapshot``, what every hivex edit is verified against: read with hivetool's own reader, it
/// finds each kind of change an edit did not plan, and refuses trees it cannot tell apart.
struct TreeSnapshotTests {
    /// A copy of the sample SOFTWARE hive, changed through hivex by `change` and committed, beside it.
    static func changedCopy(in folder: TemporaryDirectory, _ change: (Hive) throws -> Void) throws -> (original: String, changed: String) {
        let original = try folder.copy(Fixtures.sample("SOFTWARE"))
        let hive = try Hive(path: original, options: .writable)
        try change(hive)
        let changed = folder.file("changed")
        try hive.commit(to: changed)
        return (original, changed)
    }

    static func difference(_ original: String, _ changed: String, touched: Set<String> = []) throws -> String? {
        let before = try TreeSnapshot(hive: HiveFileImage(path: original, options: .ignoreLogs))
        return try before.firstDifference(from: HiveFileImage(path: changed, options: .ignoreLogs), touched: touched, editTime: Date())
    }

    static let agents = #"Wow6432Node\KVS\Enterprise Vault\Agents"#

    @Test func anUnchangedCommitHasNoDifference() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let (original, changed) = try Self.changedCopy(in: folder) { _ in }
        #expect(try Self.difference(original, changed) == nil)
        #expect(try TreeSnapshot(hive: HiveFileImage(path: original, options: .ignoreLogs)).keys.count > 5)
    }

    @Test func aChangedValueIsFound() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let (original, changed) = try Self.changedCopy(in: folder) { hive in
            try hive.setValue(.dword("ProfileExpire", 4), in: hive.requireKey(at: Self.agents))
        }
        // hivex's setValue stamps no time: only the values differ.
        #expect(try Self.difference(original, changed) == "the values of \(Self.agents) differ")
    }

    @Test func addedAndRemovedKeysAreFound() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let added = try Self.changedCopy(in: folder) { hive in _ = try hive.addKeys(at: Self.agents + #"\New"#) }
        let difference = try Self.difference(added.original, added.changed)
        #expect(difference == "unexpected key \(Self.agents)\\New", "\(difference ?? "none")")
        let removedFolder = try TemporaryDirectory()
        defer { removedFolder.remove() }
        let removed = try Self.changedCopy(in: removedFolder) { hive in try hive.deleteKey(hive.requireKey(at: Self.agents)) }
        let missing = try #require(try Self.difference(removed.original, removed.changed))
        #expect(missing == "1 key(s) are missing", "\(missing)")
    }

    @Test func aChangedLastWriteTimeIsFoundAndATouchedKeyMustCarryTheEditTime() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let (original, changed) = try Self.changedCopy(in: folder) { _ in }
        let key = try Hive(path: changed).requireKey(at: Self.agents)
        try HiveTimestamps.stamp(file: changed, keys: [key], time: Date(timeIntervalSince1970: 1_900_000_000))
        #expect(try Self.difference(original, changed) == "the last-write time of \(Self.agents) changed")
        #expect(try Self.difference(original, changed, touched: [Self.agents])
                == "the last-write time of \(Self.agents) was not set to the edit time")
    }

    /// Two subkeys of one key with the same name could not be told apart: such a hive is refused.
    @Test func siblingsWithTheSameNameAreRefused() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("twins.hiv")
        try EmptyHive.write(to: path)
        let hive = try Hive(path: path, options: .writable)
        _ = try hive.addKeys(at: "Twin")
        _ = try hive.addKeys(at: "Twix")
        try hive.commit(to: path)
        try HiveSurgery.edit(path) { bytes in
            // Rename "Twix" to "Twin" in place (a compressed name of the same length).
            let name = Array("Twix".utf8)
            guard let at = (0..<(bytes.count - name.count)).first(where: { Array(bytes[$0..<($0 + name.count)]) == name }) else { return }
            bytes[at + 3] = UInt8(ascii: "n")
        }
        let error = try #require(throws: HivetoolError.self) { try TreeSnapshot(hive: HiveFileImage(path: path, options: .ignoreLogs)) }
        #expect(error.reason == .unverifiableHive(detail: "Twin: another subkey of its parent has the same name") && error.keyPath == "Twin", "\(error)")
    }

    /// The two readings the verification joins agree key by key: hivex's values (what an edit's plan
    /// holds) and hivetool's reader's (what the snapshot holds) have the same digest.
    @Test func hivexAndTheSnapshotDigestEveryKeyAlike() throws {
        var paths = ["NTUSER.DAT", "NTUSER-outlook-history.DAT", "SOFTWARE"].map(Fixtures.sample)
        if Fixtures.hasSharedHives { paths += ["NTUSER-outlook2010.DAT", "NTUSER-outlook2016.DAT"].map { Fixtures.shared("real/" + $0) } }
        for path in paths {
            let snapshot = try TreeSnapshot(hive: HiveFileImage(path: path, options: .ignoreLogs))
            let hive = try Hive(path: path, options: .ignoreLogs)
            var compared = 0
            try hive.walk { entry in
                compared += 1
                let hivexDigest = TreeSnapshot.digest(of: try hive.values(of: entry.key))
                #expect(snapshot.keys[entry.path]?.valuesDigest == hivexDigest, "\(path): \(entry.path)")
            }
            #expect(compared == snapshot.keys.count && compared > 10)
        }
    }

    /// A plan whose values, as hivex read them, are not what the snapshot read stops the edit.
    @Test func aPlanWhoseReadingDisagreesIsFound() throws {
        let snapshot = try TreeSnapshot(hive: HiveFileImage(path: Fixtures.sample("SOFTWARE"), options: .ignoreLogs))
        let values = try Hive(path: Fixtures.sample("SOFTWARE")).values(of: Hive(path: Fixtures.sample("SOFTWARE")).requireKey(at: Self.agents))
        var plan = TreeSnapshot.Plan()
        plan.originalValues[Self.agents] = values
        #expect(snapshot.readingDisagreement(with: plan) == nil)
        plan.originalValues[Self.agents] = values.map { RegistryValue(name: $0.name, type: $0.type, data: $0.data + [0]) }
        #expect(snapshot.readingDisagreement(with: plan) == "hivex and hivetool's reader read the values of \(Self.agents) differently")
        // A key the plan creates has no reading to agree with.
        var creating = TreeSnapshot.Plan()
        creating.createdKeys = [#"KVS\Enterprise Vault\Agents"#]
        creating.originalValues[#"KVS\Enterprise Vault\Agents"#] = []
        #expect(snapshot.readingDisagreement(with: creating) == nil)
    }

    /// A written hive whose bins hivex could not open again fails the verification, even though every
    /// key reads as before.
    @Test func aWrittenHiveWithBrokenBinsIsRefused() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let (original, changed) = try Self.changedCopy(in: folder) { _ in }
        let last = try #require(try HiveImage(bytes: Hive(path: changed).bytes).hiveBins.last)
        try HiveSurgery.edit(changed) { $0[last.fileOffset + 3] = UInt8(ascii: "X") }
        let error = try #require(throws: HivetoolError.self) { try Self.difference(original, changed) }
        #expect(error.reason == .unverifiableHive(detail: "the hive bins end at offset 0x\(String(last.fileOffset, radix: 16)), "
                                                  + "not at 0x\(String(last.endOffset, radix: 16)) as the base block declares"), "\(error)")
    }
}
