import Foundation
import Testing
import TestSupport

/// Writes the tree the test images hold when `scripts/make-test-images` asks for it
/// (`HIVETOOL_IMAGE_STAGING=DIR`); otherwise checks the tree can be built.
@Suite struct ImageFixtureStagingTests {
    @Test func writesTheStagingTree() throws {
        let requested = ProcessInfo.processInfo.environment["HIVETOOL_IMAGE_STAGING"]
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let root = requested ?? folder.path
        try ImageFixtures.writeStaging(to: root)
        for path in ImageFixtures.hivePaths {
            #expect(FileManager.default.fileExists(atPath: root + path), "\(path)")
        }
        #expect(FileManager.default.fileExists(atPath: root + "/Users/bob/ntuser.dat.LOG1"))
    }
}
