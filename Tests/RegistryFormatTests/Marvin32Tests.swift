import Foundation
import Testing
import TestSupport
import Hivex
@testable import RegistryFormat

@Suite struct Marvin32Tests {
    /// The .NET runtime's published Marvin test vectors (seed 0x004FB61A001BDBCC), every tail length.
    @Test func publishedVectors() {
        let seed: UInt64 = 0x004F_B61A_001B_DBCC
        let vectors: [([UInt8], UInt64)] = [
            ([], 0x30ED_35C1_00CD_3C7D),
            ([0xAF], 0x48E7_3FC7_7D75_DDC1),
            ([0xE7, 0x0F], 0xB5F6_E1FC_485D_BFF8),
            ([0x37, 0xF4, 0x95], 0xF0B0_7C78_9B8C_F7E8),
            ([0x86, 0x42, 0xDC, 0x59], 0x7008_F2E8_7E9C_F556),
            ([0x15, 0x3F, 0xB7, 0x98, 0x26], 0xE6C0_8C6D_A2AF_A997),
            ([0x09, 0x32, 0xE6, 0x24, 0x6C, 0x47], 0x6F04_BF1A_5EA2_4060),
            ([0xAB, 0x42, 0x7E, 0xA8, 0xD1, 0x0F, 0xC7], 0xE118_47E4_F067_8C41),
        ]
        for (data, expected) in vectors {
            #expect(Marvin32.hash(data, seed: seed) == expected, "\(data)")
        }
    }

    /// With the log-entry seed, values computed by yarp's `Marvin32` (run in Python) for lengths where
    /// it agrees with the canonical algorithm.
    @Test func logEntrySeedMatchesYarp() {
        // The specification's decimal spelling is the seed's bytes read big-endian.
        #expect(Marvin32.logEntrySeed.byteSwapped == 14_219_357_686_671_994_754)
        #expect(Marvin32.hash([]) == 0xB39E_FCA4_0396_6E08)
        #expect(Marvin32.hash(Array(0..<32)) == 0xC64F_EEE4_25C2_E24C)
        let repeated = Array((0...255).map { UInt8($0) }) + Array((0...255).map { UInt8($0) })
        #expect(Marvin32.hash(repeated) == 0x4303_FA04_5AFD_4B75)
        #expect(Marvin32.hash(Array(repeated[3..<35] + [0]), range: 0..<32) == Marvin32.hash(repeated, range: 3..<35))
    }

    /// The test writer's own Marvin32 agrees with this one.
    @Test func testWriterAgrees() {
        var generator = SplitMix64(seed: 7)
        let data = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        #expect(TransactionLogWriter.marvin32(data[...]) == Marvin32.hash(data))
    }

    /// Every entry of the real logs carries hashes this implementation reproduces.
    @Test(.enabled(if: Fixtures.hasSharedHives, "../shared/hives is absent"))
    func realLogEntriesVerify() throws {
        var checked = 0
        for name in ["dirty/SYSTEM_B.LOG1", "dirty/SYSTEM_B.LOG2", "dirty/UsrClass.dat.LOG1", "dirty/transactions_ntuser.dat.log1"] {
            let log = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Fixtures.shared(name))))
            var offset = 512
            while offset + 40 <= log.count, log[offset..<offset + 4].elementsEqual("HvLE".utf8) {
                let size = Int(log.uint32(at: offset + 4))
                guard size >= 512, offset + size <= log.count else { break }
                #expect(Marvin32.hash(log, range: offset + 40..<offset + size) == log.uint64(at: offset + 24), "\(name) @\(offset)")
                #expect(Marvin32.hash(log, range: offset..<offset + 32) == log.uint64(at: offset + 32), "\(name) @\(offset)")
                checked += 1
                offset += size
            }
        }
        #expect(checked >= 4 + 20 + 4 + 23)
    }
}
