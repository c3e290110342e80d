import Foundation
import Testing
import TestSupport
import Hivex
@testable import RegistryFormat

/// Differential test against yarp: the shared dirty hives replayed here must read (through hivex) exactly
/// as yarp's recovered files in `hives/reference/` do: every key path, last-write time, value name, type
/// and data.
@Suite(.enabled(if: Fixtures.hasSharedHives, "../shared/hives is absent: no real dirty hives to replay"))
struct LogReplaySharedHiveTests {
    struct Case {
        var primary: String
        var logs: [String]
        var reference: String
        var applied: [(name: String, first: UInt32, last: UInt32)]
    }

    static let ntuser = Case(primary: "dirty/transactions_NTUSER.DAT",
                             logs: ["dirty/transactions_ntuser.dat.log1", "dirty/transactions_ntuser.dat.log2"],
                             reference: "reference/transactions_NTUSER.recovered.DAT",
                             applied: [("dirty/transactions_ntuser.dat.log1", 566, 588)])
    static let system = Case(primary: "dirty/SYSTEM_B", logs: ["dirty/SYSTEM_B.LOG2", "dirty/SYSTEM_B.LOG1"],
                             reference: "reference/SYSTEM_B.recovered",
                             applied: [("dirty/SYSTEM_B.LOG1", 2107, 2110), ("dirty/SYSTEM_B.LOG2", 2111, 2130)])
    static let usrClass = Case(primary: "dirty/UsrClass.dat", logs: ["dirty/UsrClass.dat.LOG1", "dirty/UsrClass.dat.LOG2"],
                               reference: "reference/UsrClass.dat.recovered",
                               applied: [("dirty/UsrClass.dat.LOG1", 287, 290), ("dirty/UsrClass.dat.LOG2", 291, 300)])

    static func read(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: Fixtures.shared(relative))))
    }

    @Test(arguments: ["ntuser", "system", "usrClass"])
    func replayedHiveEqualsYarpsRecovery(_ name: String) throws {
        let testCase = switch name {
        case "ntuser": Self.ntuser
        case "system": Self.system
        default: Self.usrClass
        }
        let primary = try Self.read(testCase.primary)
        let logs = try testCase.logs.map { TransactionLogInput(path: $0, bytes: try Self.read($0)) }
        let clock = ContinuousClock()
        var result: LogReplayResult?
        let elapsed = clock.measure { result = LogReplay.replay(primary: primary, logs: logs) }
        let replay = try #require(result)
        print("replay of \(testCase.primary) (\(primary.count) bytes, logs \(logs.map(\.bytes.count))) took \(elapsed)")

        #expect(replay.primaryWasDirty)
        #expect(replay.warnings.isEmpty, "\(replay.warnings)")
        #expect(replay.applied.map(\.path) == testCase.applied.map(\.name))
        #expect(replay.applied.map { [$0.firstSequence, $0.lastSequence] } == testCase.applied.map { [$0.first, $0.last] })
        #expect(replay.skipped.map(\.path) == Set(testCase.logs).subtracting(testCase.applied.map(\.name)).sorted())
        let image = try #require(replay.image)
        let reference = try Self.read(testCase.reference)

        // The base block: clean, valid checksum, yarp's sequence numbers and hive bins size.
        let block = try #require(BaseBlock(bytes: image, fileSize: UInt64(image.count)))
        let referenceBlock = try #require(BaseBlock(bytes: reference, fileSize: UInt64(reference.count)))
        #expect(block.checksumIsValid && !block.isDirty && block.problem == nil)
        #expect(block.primarySequenceNumber == testCase.applied.last?.last)
        #expect(replay.sequenceAfter == testCase.applied.last?.last)
        #expect(block.primarySequenceNumber == referenceBlock.primarySequenceNumber)
        #expect(block.hiveBinsDataSize == referenceBlock.hiveBinsDataSize)
        #expect(image.count == reference.count)
        #expect(image[BaseBlock.size...] == reference[BaseBlock.size...], "hive bins differ from yarp's byte for byte")

        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let written = folder.file((testCase.primary as NSString).lastPathComponent + ".replayed")
        try Data(image).write(to: URL(fileURLWithPath: written))
        let replayedTree = try HiveTree(path: written)
        let referenceTree = try HiveTree(path: Fixtures.shared(testCase.reference))
        #expect(replayedTree.keys.count > 1)
        #expect(replayedTree == referenceTree, "\(replayedTree.firstDifference(from: referenceTree) ?? "")")

        // The primary as it was is a different tree: the logs mattered.
        let before = try HiveTree(path: Fixtures.shared(testCase.primary), options: .ignoreLogs)
        #expect(before != referenceTree, "the primary alone already equals the replayed reference")

        // Opening the dirty hive itself replays its logs in memory: what every command reads.
        let opened = try HiveTree(path: Fixtures.shared(testCase.primary))
        #expect(opened == referenceTree, "\(opened.firstDifference(from: referenceTree) ?? "")")

        if ExternalTool.isInstalled("reglookup") {
            let counts = try ExternalTool.reglookupCounts(written)
            #expect(counts.keys == replayedTree.keys.count)
            #expect(counts.values == replayedTree.valueCount)
        }
        if ExternalTool.isInstalled("regfinfo") {
            let info = try ExternalTool.run("regfinfo", [written])
            #expect(info.status == 0, "\(info.stderr)")
        }
    }
}
