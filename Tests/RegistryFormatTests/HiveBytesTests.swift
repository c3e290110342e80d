import Testing
import RegistryFormat

/// ``HiveBytes/init(capacity:filling:)``: bytes written in place into memory the value owns, from
/// the heap (small) or an anonymous mapping (over 1 MiB), kept to what the fill wrote.
@Suite struct HiveBytesTests {
    @Test(arguments: [0, 1, 4096, (1 << 20) + 1, 3 << 20])
    func fillingKeepsWhatWasWritten(capacity: Int) throws {
        let pattern = (0..<capacity).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let full = HiveBytes(capacity: capacity) { target in
            pattern.withUnsafeBytes { target.copyMemory(from: $0) }
            return capacity
        }
        #expect(full.count == capacity)
        #expect(full.array == pattern)
        #expect(HiveBytes(copying: pattern).array == pattern)

        // A short read (the file shrank) keeps only the bytes read.
        let short = HiveBytes(capacity: capacity) { target in
            let count = capacity / 2
            pattern.withUnsafeBytes { target.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            return count
        }
        #expect(short.array == Array(pattern.prefix(capacity / 2)))
    }

    struct ReadFailed: Error {}

    @Test func aFailedFillThrows() {
        #expect(throws: ReadFailed.self) { try HiveBytes(capacity: 2 << 20) { _ in throw ReadFailed() } }
    }
}
