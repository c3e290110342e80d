import Foundation
import Testing
import TestSupport
@testable import HivetoolImages
@testable import HivetoolKit

/// How `scan` tells an image from a hive, which segments it skips, and the E01 sections it reads.
@Suite struct ImageSignatureTests {
    @Test func imagesAreKnownByTheirContent() {
        for image in ["case.E01", "truncated.E01", "mbr.raw", "bitlocker.raw", "unallocated.raw", "no-ntfs.raw", "split.raw.001"] {
            #expect(ImageSignature.isDiskImage(path: ImageFixtures.image(image)), "\(image)")
        }
        if ImageFixtures.hasVirtualDisks {
            for image in ["disk.vmdk", "disk.vhdx", "disk.vhd"] { #expect(ImageSignature.isDiskImage(path: ImageFixtures.image(image)), "\(image)") }
        }
        for file in [Fixtures.sample("NTUSER.DAT"), Fixtures.sample("SOFTWARE"), "/dev/null", "/nonexistent", "/tmp"] {
            #expect(!ImageSignature.isDiskImage(path: file), "\(file)")
        }
        // A hive is a hive even if its last 512 bytes look like a boot sector.
        var hive = [UInt8](repeating: 0, count: 1024)
        hive[0..<4] = [0x72, 0x65, 0x67, 0x66]
        hive[510] = 0x55
        hive[511] = 0xAA
        #expect(!ImageSignature.isDiskImage(head: hive, footer: []))
        hive[0..<4] = [0xEB, 0x52, 0x90, 0x4E]
        #expect(ImageSignature.isDiskImage(head: hive, footer: []), "the same bytes without regf: a boot sector")
    }

    @Test func laterSegmentsAreSkippedOnlyBesideTheirFirst() {
        #expect(ImageSegments.isLaterSegment(ImageFixtures.image("split.raw.002")))
        #expect(!ImageSegments.isLaterSegment(ImageFixtures.image("split.raw.001")))
        #expect(!ImageSegments.isLaterSegment(ImageFixtures.image("case.E01")))
        #expect(!ImageSegments.isLaterSegment("/nonexistent/case.E02"), "no first segment beside it")
        if ImageFixtures.hasSplitE01 { #expect(ImageSegments.isLaterSegment(ImageFixtures.image("split.E02"))) }
    }

    @Test func e01StoredHashesAgreeWithEwfinfo() throws {
        let stored = EWFStoredHashes.read(segments: [ImageFixtures.image("case.E01")])
        #expect(stored.isComplete)
        #expect(stored.md5?.count == 32 && stored.sha1?.count == 40)
        #expect(!EWFStoredHashes.read(segments: [ImageFixtures.image("truncated.E01")]).isComplete)
        guard ExternalTool.isInstalled("ewfinfo") else {
            print("skipped the comparison with ewfinfo: ewf-tools not installed")
            return
        }
        let info = try ExternalTool.run("ewfinfo", [ImageFixtures.image("case.E01")]).stdout
        #expect(info.contains(stored.md5 ?? "?") && info.contains(stored.sha1 ?? "?"), "\(info)")
    }
}
