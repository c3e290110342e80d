import Foundation
import Glibc
import Hivex
import Testing
import TestSupport
@testable import HivetoolKit

struct BackgroundWorkTests {
    struct Failure: Error, Equatable {}

    /// Work on a thread of its own runs on another thread than the caller's, gives its value or its
    /// error, and every later wait returns the same at once.
    @Test func workOnAThreadOfItsOwnGivesItsValueOrError() throws {
        let caller = pthread_self()
        let value = BackgroundWork<Bool>.onThreadOfItsOwn { pthread_equal(pthread_self(), caller) == 0 }
        #expect(try value.wait().get() == true, "ran on another thread")
        #expect(try value.wait().get() == true)
        let failure = BackgroundWork<Int>.onThreadOfItsOwn { throw Failure() }
        #expect(throws: Failure.self) { try failure.wait().get() }
        #expect(throws: Failure.self) { try failure.wait().get() }
    }

    /// A small image's search, on a thread of its own, finds what the search run in place finds.
    @Test func aSmallImageIsSearchedOnAThreadOfItsOwnAsInPlace() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try DeletedProfileRecoveryTests.sample(in: folder, deleting: [EarlySearchTests.wms + #"\Outlook"#], likeWindows: true)
        let expected = try FreeSpaceRecovery(hive: Hive(path: path)).records
        let hive = try Hive(path: path)
        #expect(hive.bytes.count <= FreeSpaceRecovery.ownThreadLimit)
        #expect(try FreeSpaceRecovery.start(bytes: hive.bytes, path: path, appliedLogs: []).wait().get().records == expected)
        #expect(!expected.keys.isEmpty)
    }
}
