import Testing
@testable import RegistryFormat

/// ``ReadAhead`` only loads bytes the walks will read: it must load each line once, in order, and
/// never read outside the bytes, whatever positions a walk over a damaged hive hands it.
@Suite struct ReadAheadTests {
    static let bytes: [UInt8] = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }

    /// The wrapping sum of the first byte of each line from `start` up to `end`.
    static func lineSum(from start: Int, to end: Int) -> UInt8 {
        stride(from: start, to: end, by: ReadAhead.lineLength).reduce(0) { $0 &+ bytes[$1] }
    }

    @Test func loadsEachLineOnceUpToTheDistanceAhead() {
        let hive = HiveBytes(copying: Self.bytes)
        var readAhead = ReadAhead(hive, from: 100)
        readAhead.advance(to: 100)
        readAhead.advance(to: 164)
        readAhead.advance(to: 120)  // a step back loads nothing again
        let end = 100 + ((164 + ReadAhead.distance - 100 + ReadAhead.lineLength - 1) / ReadAhead.lineLength) * ReadAhead.lineLength
        #expect(readAhead.checksum == Self.lineSum(from: 100, to: end))
    }

    @Test func stopsAtTheEndOfTheBytes() {
        let hive = HiveBytes(copying: Self.bytes)
        var readAhead = ReadAhead(hive)
        readAhead.advance(to: 9_990)
        readAhead.advance(to: Int.max - 1)
        readAhead.advance(to: -5)
        // Lines behind the walk's position are not loaded: from 9,990 to the end only.
        #expect(readAhead.checksum == Self.lineSum(from: 9_990, to: Self.bytes.count))
        readAhead.finish()
    }

    @Test func touchesOnlyOffsetsInsideTheBytes() {
        let hive = HiveBytes(copying: Self.bytes)
        var readAhead = ReadAhead(hive, from: Int.max)
        for offset in [-1, Int.min, Self.bytes.count, Int.max] { readAhead.touch(offset) }
        #expect(readAhead.checksum == 0)
        readAhead.touch(9_999)
        readAhead.touch(0)
        #expect(readAhead.checksum == Self.bytes[9_999] &+ Self.bytes[0])
        readAhead.advance(to: 5)  // starting past the end: nothing to load
        #expect(readAhead.checksum == Self.bytes[9_999] &+ Self.bytes[0])
    }
}
