import Testing
@testable import RegistryFormat

/// ``ReplayedHive/forEachPiece(_:)`` writes each byte once, yet gives what writing the primary and
/// then every patch in order gives.
@Suite struct ReplayedHiveTests {
    /// The file as the naive overlay makes it: the primary, then every patch in order.
    static func overlay(_ hive: ReplayedHive) -> [UInt8] {
        var file = [UInt8](repeating: 0, count: hive.length)
        file.replaceSubrange(0..<min(hive.primary.count, hive.length), with: hive.primary.buffer.prefix(hive.length))
        for patch in hive.patches { file.replaceSubrange(patch.offset..<patch.offset + patch.bytes.count, with: patch.bytes.buffer) }
        return file
    }

    @Test func piecesEqualTheOverlayOfEveryPatch() {
        var generator = SystemRandomNumberGenerator()
        for trial in 0..<300 {
            let primaryCount = Int.random(in: 0...3000, using: &generator)
            var hive = ReplayedHive(primary: HiveBytes(copying: (0..<primaryCount).map { _ in UInt8.random(in: 1...255, using: &generator) }))
            hive.length = primaryCount + Int.random(in: 0...600, using: &generator)
            let grain = trial % 3 == 0 ? 1 : 512  // whole sectors (logs) or any byte range (fuzzed logs)
            let sectors = max(hive.length / grain, 1)
            for _ in 0..<Int.random(in: 0...40, using: &generator) {
                let start = Int.random(in: 0..<sectors, using: &generator) * grain
                let count = min(Int.random(in: 0...3, using: &generator) * grain, hive.length - start)
                guard count >= 0 else { continue }
                let fill = UInt8.random(in: 0...255, using: &generator)
                hive.patches.append(.init(offset: start, bytes: HiveBytes(copying: [UInt8](repeating: fill, count: count))))
                if Bool.random(using: &generator), let earlier = hive.patches.randomElement(using: &generator) {
                    hive.patches.append(.init(offset: earlier.offset, bytes: HiveBytes(copying: [UInt8](repeating: fill &+ 1, count: earlier.bytes.count))))
                }
            }
            var written = 0
            hive.forEachPiece { _, piece in written += piece.count }
            #expect(hive.bytes == Self.overlay(hive), "trial \(trial)")
            let distinct = Set(hive.patches.map { $0.offset..<$0.offset + $0.bytes.count }).reduce(0) { $0 + $1.count }
            #expect(written <= min(hive.primary.count, hive.length) + distinct, "trial \(trial): \(written) bytes written")
        }
    }

    @Test func aPageRewrittenByEveryEntryIsWrittenOnce() {
        var hive = ReplayedHive(primary: HiveBytes(copying: [UInt8](repeating: 1, count: 4 * 4096)))
        for entry in 0..<5 { hive.patches.append(.init(offset: 4096, bytes: HiveBytes(copying: [UInt8](repeating: UInt8(10 + entry), count: 4096)))) }
        var pieces: [Range<Int>] = []
        hive.forEachPiece { offset, piece in pieces.append(offset..<offset + piece.count) }
        #expect(pieces == [0..<4096, 8192..<16384, 4096..<8192])
        #expect(Array(hive.bytes[4096..<8192]) == [UInt8](repeating: 14, count: 4096))
    }
}
