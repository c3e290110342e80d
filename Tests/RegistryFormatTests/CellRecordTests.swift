import Foundation
import Testing
import TestSupport
import Hivex
import RegistryFormat

/// The record types under `Sources/RegistryFormat/Cells`, read from hives hivex writes and from garbage.
@Suite struct CellRecordTests {
    @Test func emptyHiveHasOneBinWithRootKeySecurityAndFreeCell() throws {
        let time = Date(timeIntervalSince1970: 1_714_555_800)
        let image = try HiveImage(bytes: EmptyHive.bytes(rootName: "ROOT", time: time))
        #expect(image.hiveBins.count == 1)
        let bin = try #require(image.hiveBins.first)
        #expect(bin.fileOffset == BaseBlock.size && bin.size == HiveBinHeader.alignment)
        let (cells, chainEnd) = image.cells(in: bin)
        #expect(chainEnd == bin.endOffset)
        #expect(cells.map(\.isAllocated) == [true, true, false])
        #expect(cells.first?.fileOffset == image.rootCellOffset)
        let root = try #require(image.keyNode(inCellAt: image.rootCellOffset))
        #expect(root.name == "ROOT")
        #expect(root.isHiveEntry)
        #expect(root.subkeyCount == 0 && root.valueCount == 0)
        #expect(FileTime.date(fromTicks: root.lastWrittenTicks) == time)
        #expect(image.keyValue(inCellAt: image.rootCellOffset) == nil)
    }

    @Test func recordsOfAHivexHiveParse() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("records.hiv")
        try EmptyHive.write(to: path)
        let hive = try Hive(path: path, options: .writable)
        let key = try hive.addKeys(at: #"Software\Records"#)
        for index in 0..<3 { try hive.addKey(named: "Child\(index)", under: key) }
        try hive.setValue(.string("Text", "héllo"), in: key)
        try hive.setValue(.dword("Number", 42), in: key)
        try hive.commit(to: path)
        let offset = key.offset

        let image = try HiveImage(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        let node = try #require(image.keyNode(inCellAt: offset))
        #expect(node.name == "Records" && node.subkeyCount == 3 && node.valueCount == 2)
        let listCell = try #require(image.cell(atIndex: node.subkeyListIndex))
        let list = try #require(SubkeyList(bytes: image.bytes, recordOffset: listCell.dataOffset, limit: listCell.endOffset))
        #expect(list.elements.count == 3)
        #expect(list.kind != .indexRoot)
        let children = list.elements.compactMap { Cell.fileOffset(ofIndex: $0).flatMap(image.keyNode(inCellAt:)) }
        #expect(Set(children.map(\.name)) == ["Child0", "Child1", "Child2"])

        let valueCell = try #require(image.cell(atIndex: node.valueListIndex))
        let values = try #require(ValueList(bytes: image.bytes, recordOffset: valueCell.dataOffset, count: 2, limit: valueCell.endOffset))
        let records = values.elements.compactMap { Cell.fileOffset(ofIndex: $0).flatMap(image.keyValue(inCellAt:)) }
        #expect(records.map(\.name).sorted() == ["Number", "Text"])
        let number = try #require(records.first { $0.name == "Number" })
        #expect(number.isDataInline && number.dataSize == 4 && number.inlineData == [42, 0, 0, 0] && number.type == 4)
        let text = try #require(records.first { $0.name == "Text" })
        #expect(!text.isDataInline && text.dataSize == UTF16LE.encode("héllo").count)
    }

    /// Compressed names are Latin-1: every byte is the code point of the same value (NUL kept),
    /// checked against Unicode.Scalar; UTF-16LE names drop an odd trailing byte.
    @Test func recordNamesDecodeLatin1AndUTF16() {
        let everyByte = (0...255).map(UInt8.init)
        let expected = String(String.UnicodeScalarView(everyByte.map(Unicode.Scalar.init)))
        #expect(RecordName.decode(everyByte, compressed: true) == expected)
        #expect(RecordName.decode(everyByte, compressed: true).unicodeScalars.map(\.value) == everyByte.map(UInt32.init))
        #expect(RecordName.decode(Array("Software".utf8), compressed: true) == "Software")
        #expect(RecordName.decode([UInt8](), compressed: true) == "")
        #expect(RecordName.decode([0xE9, 0x00, 0x41], compressed: false) == "\u{E9}")
        #expect(RecordName.decode([0x3D, 0xD8, 0x00, 0xDE], compressed: false) == "\u{1F600}")
    }

    @Test func parsersReturnNilInsteadOfTrappingOnAnyOffsetOfRandomBytes() {
        var generator = SeededGenerator(seed: 42)
        var bytes = (0..<600).map { _ in UInt8.random(in: 0...255, using: &generator) }
        // Signatures everywhere, so the parsers get past their first check.
        for position in stride(from: 0, to: bytes.count - 1, by: 6) {
            let signatures: [(UInt8, UInt8)] = [KeyNode.signature, KeyValue.signature, BigData.signature, (0x6C, 0x66), (0x72, 0x69)]
            (bytes[position], bytes[position + 1]) = signatures[position % signatures.count]
        }
        var parsed = 0
        for offset in -8...(bytes.count + 8) {
            for limit in [bytes.count, offset + 24, offset + 80, Int.max, -1] {
                if KeyNode(bytes: bytes, recordOffset: offset, limit: limit, minorVersion: 5) != nil { parsed += 1 }
                if KeyValue(bytes: bytes, recordOffset: offset, limit: limit, minorVersion: 5) != nil { parsed += 1 }
                if SubkeyList(bytes: bytes, recordOffset: offset, limit: limit) != nil { parsed += 1 }
                if BigData(bytes: bytes, recordOffset: offset, limit: limit) != nil { parsed += 1 }
                if ValueList(bytes: bytes, recordOffset: offset, count: 3, limit: limit) != nil { parsed += 1 }
                if Cell(bytes: bytes, fileOffset: offset, limit: limit) != nil { parsed += 1 }
            }
            #expect(bytes.checkedUInt64(at: offset) == nil || (0...(bytes.count - 8)).contains(offset))
        }
        // Some records parse (limits inside the array), and none ever reads past the limit.
        #expect(parsed > 0)
        #expect(KeyNode(bytes: bytes, recordOffset: 0, limit: bytes.count + 1, minorVersion: 5) == nil)
    }

    @Test func hiveImageRejectsWhatIsNotAPrimaryHive() throws {
        #expect(throws: HiveImageError.notAHive) { try HiveImage(bytes: []) }
        #expect(throws: HiveImageError.notAHive) { try HiveImage(bytes: [UInt8](repeating: 0x41, count: 8192)) }
        var log = EmptyHive.bytes()
        log.setUInt32(6, at: 28)
        #expect(throws: HiveImageError.notAPrimaryHive("transaction log (new format)")) { try HiveImage(bytes: log) }
        var broken = EmptyHive.bytes()
        broken[BaseBlock.size] = 0
        #expect(throws: HiveImageError.noHiveBins) { try HiveImage(bytes: broken) }
        if Fixtures.hasSharedHives {
            let notAHive = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Fixtures.shared("corrupt/NotAHive"))))
            #expect(throws: HiveImageError.self) { try HiveImage(bytes: notAHive) }
        }
    }

    @Test(.enabled(if: Fixtures.hasSharedHives, "../shared/hives is absent (a user's clone does not have it)"),
          arguments: ["corrupt/SAM-bad-hbin-header", "corrupt/corrupted_system_hive", "corrupt/corrupt_sub_key_list.hiv",
                      "corrupt/SAN-bad-checksum", "odd/special", "dirty/transactions_NTUSER.DAT", "corrupt/SYSTEM.LOG1-new-format"])
    func damagedSharedHivesScanWithoutTrapping(relative: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Fixtures.shared(relative))))
        do {
            let records = try FreeSpaceScanner.scan(image: bytes)
            #expect(Set(records.keys.map(\.offset)).count == records.keys.count)
            if let hive = try? Hive(path: Fixtures.shared(relative)) {
                var live: Set<Int> = []
                _ = try? hive.walk { live.insert($0.key.offset) }
                #expect(records.keys.allSatisfy { !live.contains($0.offset) })
            }
        } catch {
            #expect(relative.hasSuffix("LOG1-new-format"), "\(relative): \(error)")
        }
    }
}
