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

        // At least 95% of yarp's deleted keys, matched by name and last-written time (within yarp's
        // float precision); for the matches, compare the path and what yarp says of the values.
        var unmatched: [String: [KeyRecord]] = Dictionary(grouping: records.keys, by: \.name)
        var missed: [YarpDeletedReference.Key] = []
        var differentPaths: [(yarp: String, ours: String)] = []
        var sameValuesNote = 0
        var differentNotes: [(yarp: YarpDeletedReference.Key, ours: String)] = []
        for key in reference.keys {
            let time = { (ours: KeyRecord) in YarpDeletedReference.microseconds(fromTicks: ours.lastWriteTicks) }
            let sameTime = { (ours: KeyRecord) in abs(time(ours) - key.microseconds) <= YarpDeletedReference.timeTolerance }
            // Several keys can share a name and a time (e.g. every service's "Security" key): prefer the same path.
            guard let index = unmatched[key.name]?.firstIndex(where: { sameTime($0) && $0.path == key.path })
                    ?? unmatched[key.name]?.firstIndex(where: sameTime),
                  let ours = unmatched[key.name]?.remove(at: index) else {
                missed.append(key)
                continue
            }
            if ours.path != key.path { differentPaths.append((key.path, ours.path)) }
            let note = ours.valueListIntact ? "\(ours.values.count) values" : "values unreadable"
            if note == key.valuesNote { sameValuesNote += 1 } else { differentNotes.append((key, note)) }
        }
        let found = reference.keys.count - missed.count
        let percentage = reference.keys.isEmpty ? 100 : Double(found) * 100 / Double(reference.keys.count)
        let extras = unmatched.values.flatMap { $0 }
        let totalValues = Set(records.orphanValues.map(\.offset) + records.keys.flatMap { $0.values.map(\.offset) }).count
        print("""
            [yarp diff] \(name): yarp keys \(reference.keys.count), matched \(found) (\(String(format: "%.1f", percentage))%), \
            same path \(found - differentPaths.count), same value count \(sameValuesNote); ours \(records.keys.count) keys \
            (\(extras.count) not in yarp); values: yarp \(reference.valueNames.count), ours \(totalValues) distinct \
            (\(records.orphanValues.count) orphan); live keys reported \(liveReported.count)
            """)
        for key in missed.prefix(10) { print("[yarp diff] \(name): missed \(key.path) \(key.microseconds) \(key.valuesNote)") }
        for pair in differentPaths.prefix(10) { print("[yarp diff] \(name): yarp path \(pair.yarp), ours \(pair.ours)") }
        for pair in differentNotes.prefix(10) {
            print("[yarp diff] \(name): \(pair.yarp.path): yarp \(pair.yarp.valuesNote), ours \(pair.ours)")
        }
        for key in extras.prefix(10) { print("[yarp diff] \(name): not in yarp \(key.path) (\(key.state))") }
        #expect(percentage >= 95, "recovered \(found) of yarp's \(reference.keys.count) deleted keys")
        #expect(differentPaths.count * 20 <= max(found, 1), "paths differ from yarp's for \(differentPaths.count) keys")
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
