import Foundation
import Testing
import TestSupport
import Hivex
import RegistryFormat

@Suite struct FreeSpaceScannerTests {
    static let profiles = #"Software\Microsoft\Office\16.0\Outlook\Profiles"#
    static let oldSection = "9375CFF0413111d3B88A00104B2A6676"
    static let pstPath = #"C:\Users\alice\Documents\Outlook Files\archive 2019.pst"#

    /// A profile-like tree: a live profile "Current" and a profile "Old" that gets deleted.
    static func profileFixture(in folder: TemporaryDirectory, likeWindows: Bool = false) throws -> DeletedHiveFixture {
        try DeletedHiveFixture.make(in: folder, deleting: [profiles + #"\Old"#], likeWindows: likeWindows) { hive in
            let old = try hive.addKeys(at: profiles + #"\Old\"# + oldSection)
            try hive.setValue(.string("001e3001", "Personal Folders"), in: old)
            try hive.setValue(.binary("001f6700", UTF16LE.encode(pstPath)), in: old)
            try hive.setValue(.dword("00033009", 0x20), in: old)
            let other = try hive.addKeys(at: profiles + #"\Old\0a0d020000000000c000000000000046"#)
            try hive.setValue(.binary("01023d15", [UInt8](repeating: 0xAB, count: 300)), in: other)
            let current = try hive.addKeys(at: profiles + #"\Current\13dbb0c8aa05101a9bb000aa002fc45a"#)
            try hive.setValue(.string("001e3001", "Live Mailbox"), in: current)
        }
    }

    @Test func deletedProfileSectionIsRecoveredWithValuesAndFullPath() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let fixture = try Self.profileFixture(in: folder, likeWindows: true)
        let records = try FreeSpaceScanner.scan(image: fixture.bytes)

        let sectionPath = Self.profiles + #"\Old\"# + Self.oldSection
        let section = try #require(records.keys.first { $0.path == sectionPath }, "recovered: \(records.keys.map(\.path))")
        #expect(section.pathComplete)
        #expect(section.offset == fixture.offsets[sectionPath])
        #expect(section.name == Self.oldSection)
        #expect(section.declaredValueCount == 3)
        #expect(section.valueListIntact)
        #expect(section.state == .freeCell || section.state == .unreferencedCell)
        let values = Dictionary(uniqueKeysWithValues: section.values.map { ($0.name, $0) })
        let pst = try #require(values["001f6700"])
        #expect(pst.type == 3)
        #expect(pst.dataRecoverable)
        #expect(pst.data.map { UTF16LE.decode($0) } == Self.pstPath)
        let display = try #require(values["001e3001"])
        #expect(display.type == 1)
        #expect(display.data.map { UTF16LE.decode($0) } == "Personal Folders")
        #expect(values["00033009"]?.data == [0x20, 0, 0, 0])

        // The deleted "Old" key itself, with its parent "Profiles" still live.
        let old = try #require(records.keys.first { $0.path == Self.profiles + #"\Old"# })
        #expect(old.pathComplete)
        #expect(old.parentOffset == fixture.offsets[Self.profiles])
        // The live profile is never reported, neither its key nor its value.
        #expect(!records.keys.contains { $0.path.contains("Current") })
        #expect(!records.orphanValues.contains { $0.data.map { UTF16LE.decode($0) } == "Live Mailbox" })
        let live = try DeletedHiveFixture.liveKeyOffsets(of: fixture.path)
        #expect(records.keys.allSatisfy { !live.contains($0.offset) })
    }

    @Test func profileDeletedByHivexComesBackWithItsPathAndItsValuesAlone() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let fixture = try Self.profileFixture(in: folder)
        let records = try FreeSpaceScanner.scan(image: fixture.bytes)

        // hivex detaches the values before freeing the key: the key has no values left ...
        let sectionPath = Self.profiles + #"\Old\"# + Self.oldSection
        let section = try #require(records.keys.first { $0.path == sectionPath })
        #expect(section.pathComplete && section.declaredValueCount == 0 && section.values.isEmpty && section.valueListIntact)
        #expect(Set(records.keys.map(\.path)) == [Self.profiles + #"\Old"#, sectionPath,
                                                  Self.profiles + #"\Old\0a0d020000000000c000000000000046"#])
        // ... and its values are found alone, with their data.
        let pst = try #require(records.orphanValues.first { $0.name == "001f6700" })
        #expect(pst.dataRecoverable && pst.data.map { UTF16LE.decode($0) } == Self.pstPath)
        #expect(records.orphanValues.contains { $0.name == "01023d15" && $0.data == [UInt8](repeating: 0xAB, count: 300) })
        #expect(!records.orphanValues.contains { $0.data.map { UTF16LE.decode($0) } == "Live Mailbox" })
        let live = try DeletedHiveFixture.liveKeyOffsets(of: fixture.path)
        #expect(records.keys.allSatisfy { !live.contains($0.offset) })
    }

    @Test func wholeDeletedSubtreeIsRecoveredBelowItsTop() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let top = #"Software\Vendor"#
        let paths = [top + #"\App\Settings"#, top + #"\App\Cache\Deep\Deeper"#, top + #"\Other"#]
        let fixture = try DeletedHiveFixture.make(in: folder, deleting: [top], likeWindows: true) { hive in
            for path in paths {
                try hive.setValue(.string("Path", path), in: try hive.addKeys(at: path))
            }
            try hive.addKeys(at: #"Software\Kept"#)
        }
        let records = try FreeSpaceScanner.scan(image: fixture.bytes)
        let expected = Set(fixture.offsets.filter { $0.key.hasPrefix(top) }.map(\.key))
        #expect(expected.count == 7)
        let topOffset = try #require(fixture.offsets[top])
        let subtree = records.subtree(at: topOffset)
        #expect(Set(subtree.map(\.path)) == expected)
        #expect(subtree.allSatisfy { $0.pathComplete && $0.offset == fixture.offsets[$0.path] })
        #expect(subtree.first?.path == top)
        let deeper = try #require(subtree.first { $0.name == "Deeper" })
        #expect(deeper.values.map(\.name) == ["Path"])
        #expect(deeper.values.first?.data.map { UTF16LE.decode($0) } == paths[1])
        #expect(records.children(of: topOffset).map(\.name).sorted() == ["App", "Other"])
        let live = try DeletedHiveFixture.liveKeyOffsets(of: fixture.path)
        #expect(records.keys.allSatisfy { !live.contains($0.offset) })
        #expect(!records.keys.contains { $0.name == "Kept" })
    }

    @Test func keyInsideACellMergedWithItsFreeNeighbourIsStillFound() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let names = ["Alpha", "Bravo", "Charlie", "Delta"]
        var fixture = try DeletedHiveFixture.make(in: folder, deleting: [#"Software\Merge"#]) { hive in
            for name in names { try hive.addKeys(at: #"Software\Merge\"# + name) }
        }
        // Merge a deleted key's cell into the free (or unreferenced) cell before it, as Windows does
        // when it frees adjacent cells: only the first cell's size changes.
        let image = try HiveImage(bytes: fixture.bytes)
        let live = LiveCellMap(image: image)
        let cells = image.hiveBins.flatMap { image.cells(in: $0).cells }
        var merged: (key: String, at: Int)?
        for name in names {
            guard let offset = fixture.offsets[#"Software\Merge\"# + name],
                  let index = cells.firstIndex(where: { $0.fileOffset == offset }), index > 0 else { continue }
            let previous = cells[index - 1]
            guard !live.isReferencedCell(at: previous.fileOffset) else { continue }
            var bytes = fixture.bytes
            bytes.setUInt32(UInt32(previous.length + cells[index].length), at: previous.fileOffset)
            fixture = DeletedHiveFixture(path: fixture.path, bytes: bytes, offsets: fixture.offsets)
            merged = (name, offset)
            break
        }
        let (name, offset) = try #require(merged, "no deleted key follows a free cell")
        let mergedImage = try HiveImage(bytes: fixture.bytes)
        #expect(!mergedImage.hiveBins.flatMap { mergedImage.cells(in: $0).cells }.contains { $0.fileOffset == offset })

        let records = try FreeSpaceScanner.scan(image: fixture.bytes)
        let key = try #require(records.keys.first { $0.offset == offset })
        #expect(key.name == name)
        #expect(key.state == .freeCell)
        #expect(key.path == #"Software\Merge\"# + name && key.pathComplete)
        #expect(Set(records.keys.map(\.name)).isSuperset(of: names + ["Merge"]))
    }

    @Test func overwrittenValueListLeavesValuesUnrecoverableButFindsThemAlone() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let keyPath = #"Software\Gone"#
        var fixture = try DeletedHiveFixture.make(in: folder, deleting: [keyPath], likeWindows: true) { hive in
            let key = try hive.addKeys(at: keyPath)
            try hive.setValue(.string("First", "one"), in: key)
            try hive.setValue(.dword("Second", 2), in: key)
            try hive.setValue(.binary("Third", [1, 2, 3, 4, 5, 6, 7, 8]), in: key)
        }
        let keyOffset = try #require(fixture.offsets[keyPath])
        let listOffset = DeletedHiveFixture.valueListCell(of: keyOffset, in: fixture.bytes)
        let listCell = try #require(listOffset.flatMap { try? HiveImage(bytes: fixture.bytes).cell(atFileOffset: $0) })
        var bytes = fixture.bytes
        for offset in listCell.dataOffset..<listCell.endOffset { bytes[offset] = 0xFF }
        fixture = DeletedHiveFixture(path: fixture.path, bytes: bytes, offsets: fixture.offsets)

        let records = try FreeSpaceScanner.scan(image: fixture.bytes)
        let key = try #require(records.keys.first { $0.offset == keyOffset })
        #expect(key.declaredValueCount == 3)
        #expect(!key.valueListIntact)
        #expect(key.values.isEmpty)
        let orphans = Set(records.orphanValues.map(\.name))
        #expect(orphans.isSuperset(of: ["First", "Second", "Third"]))
        #expect(records.orphanValues.first { $0.name == "Third" }?.data == [1, 2, 3, 4, 5, 6, 7, 8])
    }

    @Test func overwrittenValueDataIsReportedUnrecoverable() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let keyPath = #"Software\Data"#
        let fixture = try DeletedHiveFixture.make(in: folder, deleting: [keyPath], likeWindows: true) { hive in
            try hive.setValue(.binary("Blob", [UInt8](repeating: 7, count: 64)), in: try hive.addKeys(at: keyPath))
        }
        let keyOffset = try #require(fixture.offsets[keyPath])
        let image = try HiveImage(bytes: fixture.bytes)
        let key = try #require(FreeSpaceScanner.scan(image).keys.first { $0.offset == keyOffset })
        let blob = try #require(key.values.first)
        #expect(blob.dataRecoverable && blob.data == [UInt8](repeating: 7, count: 64))

        // Point the value at a live cell (the root key's): its data was "reused", so it is not reported.
        var bytes = fixture.bytes
        let valueRecord = blob.offset + Cell.headerLength
        bytes.setUInt32(UInt32(image.rootCellOffset - BaseBlock.size), at: valueRecord + KeyValue.dataOffset)
        let damaged = try FreeSpaceScanner.scan(image: bytes)
        let value = try #require(damaged.keys.first { $0.offset == keyOffset }?.values.first)
        #expect(!value.dataRecoverable)
        #expect(value.data == nil)
    }

    @Test(arguments: ["timestamp", "name length", "backslash", "subkey count", "surrogate"])
    func garbageThatLooksLikeAKeyIsRejected(damage: String) throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let keyPath = #"Software\Victim"#
        let fixture = try DeletedHiveFixture.make(in: folder, deleting: [keyPath]) { hive in
            try hive.addKeys(at: keyPath)
        }
        let keyOffset = try #require(fixture.offsets[keyPath])
        #expect(try FreeSpaceScanner.scan(image: fixture.bytes).keys.contains { $0.offset == keyOffset })

        var bytes = fixture.bytes
        let record = keyOffset + Cell.headerLength
        let nameStart = record + KeyNode.nameOffset
        switch damage {
        case "timestamp": bytes.setUInt64(0, at: record + KeyNode.lastWrittenOffset)
        case "name length": bytes.setUInt16(0xFFF0, at: record + KeyNode.nameLengthOffset)
        case "backslash": bytes[nameStart + 2] = UInt8(ascii: "\\")
        case "subkey count": bytes.setUInt32(50_000, at: record + KeyNode.subkeyCountOffset)
        default:
            // An unpaired UTF-16 surrogate decodes to U+FFFD.
            let flags = bytes.uint16(at: record + KeyNode.flagsOffset) & ~KeyNode.flagCompressedName
            bytes.setUInt16(flags, at: record + KeyNode.flagsOffset)
            bytes.setUInt16(0xD800, at: nameStart)
        }
        let records = try FreeSpaceScanner.scan(image: bytes)
        #expect(!records.keys.contains { $0.offset == keyOffset })
    }

    @Test func randomBytesNeverCrashAndTruncatedHivesStillScan() throws {
        var generator = SeededGenerator(seed: 0x5EED)
        for size in [0, 3, 100, 4095, 4096, 4128, 8192, 20_000] {
            let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(throws: HiveImageError.self) { try FreeSpaceScanner.scan(image: bytes) }
        }
        // A valid header and first bin followed by bins of random bytes sprinkled with signatures.
        var hive = EmptyHive.bytes()
        for binIndex in 1...6 {
            var bin = (0..<HiveBinHeader.alignment).map { _ in UInt8.random(in: 0...255, using: &generator) }
            bin.replaceSubrange(0..<4, with: HiveBinHeader.signature)
            bin.setUInt32(UInt32(binIndex * HiveBinHeader.alignment), at: HiveBinHeader.offsetFieldOffset)
            bin.setUInt32(UInt32(HiveBinHeader.alignment), at: HiveBinHeader.sizeFieldOffset)
            for position in stride(from: 36, to: bin.count - 2, by: 40) {
                let signature = Bool.random(using: &generator) ? KeyNode.signature : KeyValue.signature
                (bin[position], bin[position + 1]) = signature
            }
            hive += bin
        }
        hive.setUInt32(UInt32(hive.count - BaseBlock.size), at: 40)
        let records = try FreeSpaceScanner.scan(image: hive)
        let plausibility = RecordPlausibility()
        for key in records.keys {
            let node = try #require(KeyNode(bytes: hive, recordOffset: key.offset + Cell.headerLength, limit: hive.count,
                                            minorVersion: 5))
            #expect(plausibility.isPlausible(node))
        }

        // Every truncation of a real fixture scans or throws, and never reports a key twice.
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let fixture = try Self.profileFixture(in: folder)
        for length in stride(from: 0, through: fixture.bytes.count, by: 256) {
            let truncated = Array(fixture.bytes.prefix(length))
            guard let result = try? FreeSpaceScanner.scan(image: truncated) else { continue }
            #expect(Set(result.keys.map(\.offset)).count == result.keys.count)
        }
    }

    /// A hive of three bins whose second holds a deleted key "Gone" in a free cell; with
    /// `strayReference`, the root key's security index names a "cell" 8 bytes into the second bin's
    /// header (its size field is the bin's size, so it covers the bin's cells).
    static func hiveWithDeletedKeyBehindABinHeader(strayReference: Bool) -> [UInt8] {
        var hive = EmptyHive.bytes(time: Date(timeIntervalSince1970: 1_600_000_000))
        for binIndex in 1...2 {
            var bin = [UInt8](repeating: 0, count: HiveBinHeader.alignment)
            bin.replaceSubrange(0..<4, with: HiveBinHeader.signature)
            bin.setUInt32(UInt32(binIndex * HiveBinHeader.alignment), at: HiveBinHeader.offsetFieldOffset)
            bin.setUInt32(UInt32(HiveBinHeader.alignment), at: HiveBinHeader.sizeFieldOffset)
            bin.setUInt32(UInt32(HiveBinHeader.alignment - HiveBinHeader.length), at: HiveBinHeader.length)  // one free cell
            if binIndex == 1 {
                let record = HiveBinHeader.length + Cell.headerLength
                (bin[record], bin[record + 1]) = KeyNode.signature
                bin.setUInt16(KeyNode.flagCompressedName, at: record + KeyNode.flagsOffset)
                bin.setUInt64(132_000_000_000_000_000, at: record + KeyNode.lastWrittenOffset)  // 2019
                bin.setUInt32(0x20, at: record + KeyNode.parentOffset)
                bin.setUInt32(Cell.nilOffset, at: record + KeyNode.subkeyListOffset)
                bin.setUInt32(Cell.nilOffset, at: record + KeyNode.valueListOffset)
                bin.setUInt32(Cell.nilOffset, at: record + KeyNode.securityOffset)
                bin.setUInt32(Cell.nilOffset, at: record + KeyNode.classNameOffset)
                bin.setUInt16(4, at: record + KeyNode.nameLengthOffset)
                bin.replaceSubrange((record + KeyNode.nameOffset)..<(record + KeyNode.nameOffset + 4), with: Array("Gone".utf8))
            }
            hive += bin
        }
        hive.setUInt32(UInt32(hive.count - BaseBlock.size), at: 40)
        if strayReference {
            let root = Int(hive.uint32(at: 36)) + BaseBlock.size + Cell.headerLength
            hive.setUInt32(UInt32(HiveBinHeader.alignment + HiveBinHeader.sizeFieldOffset), at: root + KeyNode.securityOffset)
        }
        return hive
    }

    /// Found by the freespace fuzz target (Tests/FuzzRegressions/freespace/crash-stray-reference-into-bin-header):
    /// a reference into a hive bin's header names a cell the scan never settled, so a key inside
    /// it was reported as deleted although LiveCellMap counts those bytes as used.
    @Test func cellReferencedInsideABinHeaderIsLiveBeforeTheBinIsSearched() throws {
        let clean = try FreeSpaceScanner.scan(image: Self.hiveWithDeletedKeyBehindABinHeader(strayReference: false))
        #expect(clean.keys.map(\.name) == ["Gone"])

        let hive = Self.hiveWithDeletedKeyBehindABinHeader(strayReference: true)
        let image = try HiveImage(bytes: hive)
        #expect(LiveCellMap(image: image).isReferencedCell(at: 2 * HiveBinHeader.alignment + HiveBinHeader.sizeFieldOffset))
        #expect(FreeSpaceScanner.scan(image).keys.isEmpty)
    }

    /// Every freespace regression input keeps the scanner's contract: no recovered key overlaps
    /// what LiveCellMap, settled all at once, counts as used.
    @Test func fuzzRegressionInputsKeepKeysOutOfLiveCells() throws {
        let folder = Fixtures.projectRoot.appendingPathComponent("Tests/FuzzRegressions/freespace").path
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(!names.isEmpty)
        for name in names {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
            guard let image = try? HiveImage(bytes: bytes) else { continue }
            let live = LiveCellMap(image: image)
            for key in FreeSpaceScanner.scan(image).keys {
                let record = key.offset + Cell.headerLength
                #expect(!live.overlapsLiveCell(record..<(record + KeyNode.nameOffset)), "\(name): key at \(key.offset)")
            }
        }
    }

    @Test func liveCellMapMatchesHivexOnFixtures() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let fixture = try Self.profileFixture(in: folder)
        let image = try HiveImage(bytes: fixture.bytes)
        #expect(LiveCellMap(image: image).liveKeyOffsets == (try DeletedHiveFixture.liveKeyOffsets(of: fixture.path)))
        #expect(LiveCellMap(image: image).isReferencedCell(at: image.rootCellOffset))
    }
}
