import Foundation
import Testing
import TestSupport
import Hivex
import RegistryFormat

/// Differential tests against yarp (msuhanov/yarp), whose recovery results for the shared real hives
/// are in `../shared/hives/reference/*.deleted.tsv`.
@Suite struct FreeSpaceScannerYarpTests {
    static let hives = ["NTUSER-outlook2016.DAT", "NTUSER-no-outlook.DAT", "SYSTEM-win10", "NTUSER-outlook2010.DAT"]

    @Test(.enabled(if: Fixtures.hasSharedHives, "../shared/hives is absent (a user's clone does not have it)"),
          arguments: hives)
    func recoversYarpsDeletedKeysAndNoLiveKey(hive name: String) throws {
        let path = Fixtures.shared("real/" + name)
        let reference = try YarpDeletedReference(path: Fixtures.shared("reference/\(name).deleted.tsv"))
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let records = try FreeSpaceScanner.scan(image: bytes)

        // No live key (as hivex walks the tree) is ever reported as deleted.
        var liveOffsets: Set<Int> = []
        try Hive(path: path).walk { liveOffsets.insert($0.key.offset) }
        let liveReported = records.keys.filter { liveOffsets.contains($0.offset) }
        #expect(liveReported.isEmpty, "live keys reported as deleted: \(liveReported.map(\.path))")

        // At least 95% of yarp's deleted keys, matched by name and last-written time (within yarp's float precision).
        var ours: [String: [Int64]] = [:]
        for key in records.keys {
            ours[key.name, default: []].append(YarpDeletedReference.microseconds(fromTicks: key.lastWriteTicks))
        }
        var missed: [YarpDeletedReference.Key] = []
        var matchedPaths = 0
        var differentPaths: [YarpDeletedReference.Key] = []
        var ourPaths: [String: Set<String>] = [:]
        for key in records.keys { ourPaths[key.name, default: []].insert(key.path) }
        for key in reference.keys {
            if let index = ours[key.name]?.firstIndex(where: { abs($0 - key.microseconds) <= YarpDeletedReference.timeTolerance }) {
                ours[key.name]?.remove(at: index)
                if ourPaths[key.name]?.contains(key.path) == true { matchedPaths += 1 } else { differentPaths.append(key) }
            } else {
                missed.append(key)
            }
        }
        let found = reference.keys.count - missed.count
        let percentage = reference.keys.isEmpty ? 100 : Double(found) * 100 / Double(reference.keys.count)
        let extra = ours.values.reduce(0) { $0 + $1.count }
        let totalValues = Set(records.orphanValues.map(\.offset) + records.keys.flatMap { $0.values.map(\.offset) }).count
        print("""
            [yarp diff] \(name): yarp keys \(reference.keys.count), matched \(found) (\(String(format: "%.1f", percentage))%), \
            same path \(matchedPaths); ours \(records.keys.count) keys (\(extra) not in yarp); values: yarp \(reference.valueNames.count), \
            ours \(totalValues) (\(records.orphanValues.count) orphan); live keys reported \(liveReported.count)
            """)
        for key in missed.prefix(15) { print("[yarp diff] \(name): missed \(key.path) \(key.microseconds) \(key.valuesNote)") }
        for key in differentPaths.prefix(8) {
            print("[yarp diff] \(name): yarp path \(key.path), ours \(ourPaths[key.name]?.sorted().prefix(3) ?? [])")
        }
        let extras = records.keys.filter { key in
            ours[key.name]?.contains(YarpDeletedReference.microseconds(fromTicks: key.lastWriteTicks)) == true
        }
        for key in extras.prefix(15) {
            print("[yarp diff] \(name): not in yarp \(key.path) \(YarpDeletedReference.microseconds(fromTicks: key.lastWriteTicks)) \(key.source) values \(key.values.count)/\(key.declaredValueCount)")
        }
        #expect(percentage >= 95, "recovered \(found) of yarp's \(reference.keys.count) deleted keys")
    }

    @Test(.enabled(if: Fixtures.hasSharedHives, "../shared/hives is absent (a user's clone does not have it)"),
          arguments: hives)
    func liveCellMapWalksTheSameKeysAsHivex(hive name: String) throws {
        let path = Fixtures.shared("real/" + name)
        let image = try HiveImage(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        var hivexOffsets: Set<Int> = []
        try Hive(path: path).walk { hivexOffsets.insert($0.key.offset) }
        let live = LiveCellMap(image: image)
        #expect(live.liveKeyOffsets == hivexOffsets)
    }
}
