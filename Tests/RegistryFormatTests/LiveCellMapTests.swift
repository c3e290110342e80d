import Foundation
import Testing
import TestSupport
@testable import RegistryFormat

/// The free-space scan passes over most live cells without reading their records (a record that
/// fills its cell leaves no slack to search); the live map then reads such a cell's used part only
/// when asked about it. These tests hold that lazy map to the map settled all at once.
@Suite struct LiveCellMapTests {
    /// Hives of every kind the scan meets: the samples, the fuzz regression inputs and seeds
    /// (damaged hives, stray references), and the shared real hives up to 3 MB when present.
    static func hives() throws -> [(name: String, bytes: [UInt8])] {
        var paths = ["NTUSER.DAT", "NTUSER-outlook-history.DAT", "SOFTWARE"].map(Fixtures.sample)
        for folder in ["Tests/FuzzRegressions/freespace", "Fuzz/corpus/freespace"] {
            let path = Fixtures.projectRoot.appendingPathComponent(folder).path
            paths += try FileManager.default.contentsOfDirectory(atPath: path).sorted().map { path + "/" + $0 }
        }
        if let shared = Fixtures.sharedHives, let files = FileManager.default.enumerator(atPath: shared) {
            for case let file as String in files where !file.hasSuffix(".md") && !file.hasSuffix(".tsv") && !file.contains(".LOG") {
                let path = shared + "/" + file
                guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                      attributes[.type] as? FileAttributeType == .typeRegular, let size = attributes[.size] as? Int
                else { continue }
                if size > 0, size <= 3 << 20 { paths.append(path) }
            }
        }
        return try paths.map { ($0, [UInt8](try Data(contentsOf: URL(fileURLWithPath: $0)))) }
    }

    /// After a scan, the map it used answers every overlap question (each 4-byte slot, and ranges
    /// spanning cells) as the map that settled every referenced cell.
    @Test func theScansMapAnswersAsTheFullySettledMap() throws {
        var hivesWithPassedOverCells = 0
        for (name, bytes) in try Self.hives() {
            guard let image = try? HiveImage(bytes: bytes) else { continue }
            var scan = FreeSpaceScan(image: image, live: LiveCellMap(referencesIn: image),
                                     plausibility: RecordPlausibility(latestLastWrite: Date(timeIntervalSince1970: 1_893_456_000)))
            scan.collectCandidates()
            if scan.live.cellsPassedOver > 0 { hivesWithPassedOverCells += 1 }
            let full = LiveCellMap(image: image)
            var mismatches: [Int] = []
            for start in stride(from: 0, to: bytes.count, by: LiveCellMap.slotLength) {
                for length in [1, 37] where scan.live.overlapsLiveCell(start..<(start + length)) != full.overlapsLiveCell(start..<(start + length)) {
                    mismatches.append(start)
                }
                if mismatches.count > 5 { break }
            }
            #expect(mismatches.isEmpty, "\(name): offsets \(mismatches.map { String($0, radix: 16) })")
        }
        #expect(hivesWithPassedOverCells > 3, "the scan should pass over the live cells of clean hives")
    }

    /// A hive with a stray reference (into a hive bin's header) is scanned cell by cell: nothing is
    /// passed over, so the stray cell's bytes count as used before any region is searched.
    @Test func aHiveWithStrayReferencesHasNoCellPassedOver() throws {
        let image = try HiveImage(bytes: FreeSpaceScannerTests.hiveWithDeletedKeyBehindABinHeader(strayReference: true))
        let live = LiveCellMap(referencesIn: image)
        #expect(live.hasStrayReferences)
        #expect(live.cellsPassedOver == 0)
        let clean = try HiveImage(bytes: FreeSpaceScannerTests.hiveWithDeletedKeyBehindABinHeader(strayReference: false))
        #expect(LiveCellMap(referencesIn: clean).cellsPassedOver > 0)
    }
}
