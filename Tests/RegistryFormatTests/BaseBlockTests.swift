import Foundation
import Testing
import TestSupport
@testable import Hivex
import RegistryFormat

@Suite struct BaseBlockTests {
    @Test func emptyHiveHeaderParsesAsCleanPrimaryHive() throws {
        let time = Date(timeIntervalSince1970: 1_714_555_800)
        let bytes = EmptyHive.bytes(embeddedFileName: "NTUSER.DAT", time: time)
        let block = try #require(BaseBlock(bytes: bytes, fileSize: UInt64(bytes.count)))
        #expect(block.fileType == .primary)
        #expect(block.version == "1.5")
        #expect(block.isDirty == false)
        #expect(block.checksumIsValid)
        #expect(block.isTruncated == false)
        #expect(block.rootCellOffset == 0x20)
        #expect(block.hiveBinsDataSize == 4096)
        #expect(block.embeddedFileName == "NTUSER.DAT")
        #expect(block.lastWritten == time)
        #expect(block.problem == nil)
    }

    @Test func differingSequenceNumbersMeanDirty() throws {
        var bytes = EmptyHive.bytes()
        bytes.setUInt32(7, at: 8)
        bytes.setUInt32(BaseBlock.checksum(of: bytes), at: 508)
        let block = try #require(BaseBlock(bytes: bytes, fileSize: UInt64(bytes.count)))
        #expect(block.isDirty)
        #expect(block.problem == nil)
    }

    @Test func checksumRemapsZeroAndAllOnes() {
        var bytes = [UInt8](repeating: 0, count: 4096)
        #expect(BaseBlock.checksum(of: bytes) == 1)
        bytes.setUInt32(0xFFFF_FFFF, at: 0)
        #expect(BaseBlock.checksum(of: bytes) == 0xFFFF_FFFE)
    }

    @Test func badChecksumTruncationAndLogTypeAreProblems() throws {
        var bytes = EmptyHive.bytes()
        bytes[100] ^= 0xFF
        let badChecksum = try #require(BaseBlock(bytes: bytes, fileSize: UInt64(bytes.count)))
        #expect(badChecksum.problem?.contains("bad base block checksum") == true)

        let good = EmptyHive.bytes()
        let truncated = try #require(BaseBlock(bytes: good, fileSize: 6000))
        #expect(truncated.isTruncated)
        #expect(truncated.problem?.contains("truncated") == true)

        var log = EmptyHive.bytes()
        log.setUInt32(6, at: 28)
        log.setUInt32(BaseBlock.checksum(of: log), at: 508)
        let logBlock = try #require(BaseBlock(bytes: log, fileSize: UInt64(log.count)))
        #expect(logBlock.fileType == .newFormatLog)
        #expect(logBlock.problem == "is a transaction log (new format), not a primary hive")
    }

    @Test func bytesWithoutSignatureAreNotABaseBlock() {
        #expect(BaseBlock(bytes: [UInt8](repeating: 0x41, count: 4096), fileSize: 4096) == nil)
        #expect(BaseBlock(bytes: Array("regf".utf8), fileSize: 4) == nil)
    }

    @Test(.enabled(if: Fixtures.hasSharedHives, "../shared/hives is absent"))
    func realNewFormatLogIsRecognised() throws {
        let block = try BaseBlock.read(path: Fixtures.shared("corrupt/SYSTEM.LOG1-new-format"))
        #expect(block.fileType == .newFormatLog)
        #expect(block.embeddedFileName.hasSuffix("SYSTEM"))
    }

    @Test(.enabled(if: Fixtures.hasSharedHives, "../shared/hives is absent"))
    func realDirtyHiveAndItsLogs() throws {
        let path = Fixtures.shared("dirty/transactions_NTUSER.DAT")
        let block = try BaseBlock.read(path: path)
        #expect(block.isDirty)
        let logs = TransactionLog.siblings(of: path)
        #expect(logs.map { ($0.path as NSString).lastPathComponent } == ["transactions_ntuser.dat.log1", "transactions_ntuser.dat.log2"])
        #expect(logs.allSatisfy { !$0.isEmpty })
    }

    @Test func transactionLogsAreFoundInAnyCaseAndEmptyOnesNoticed() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let hive = folder.file("NTUSER.DAT")
        try EmptyHive.write(to: hive)
        FileManager.default.createFile(atPath: folder.file("ntuser.dat.LOG1"), contents: Data())
        FileManager.default.createFile(atPath: folder.file("NTUSER.DAT.log2"), contents: Data([1, 2, 3]))
        FileManager.default.createFile(atPath: folder.file("NTUSER.DAT.LOG3"), contents: Data([1]))
        FileManager.default.createFile(atPath: folder.file("OTHER.DAT.LOG1"), contents: Data([1]))
        let logs = TransactionLog.siblings(of: hive)
        #expect(logs.map { ($0.path as NSString).lastPathComponent } == ["NTUSER.DAT.log2", "ntuser.dat.LOG1"])
        #expect(logs.map(\.isEmpty) == [false, true])
    }
}

@Suite struct BaseBlockHeaderSectorTests {
    @Test func aLogsFirstSectorParsesWhileTheFullInitialiserStillWantsFourKilobytes() throws {
        var sector = Array(EmptyHive.bytes(embeddedFileName: "SYSTEM").prefix(512))
        sector.setUInt32(6, at: 28)
        sector.setUInt32(BaseBlock.checksum(of: sector), at: 508)
        let block = try #require(BaseBlock(headerSector: sector, fileSize: 512))
        #expect(block.fileType == .newFormatLog && block.checksumIsValid && block.embeddedFileName == "SYSTEM")
        #expect(BaseBlock(bytes: sector, fileSize: 512) == nil)
        #expect(BaseBlock(headerSector: Array(sector.prefix(511)), fileSize: 511) == nil)
        #expect(BaseBlock.checksum(of: Array(sector.prefix(100))) == 0)
    }
}
