/// A fixed-size set of small integers, one bit each: the flags ``LiveCellMap`` keeps per 4-byte
/// slot or 8-byte cell position of a hive, a few megabytes for a 200 MB hive.
///
/// The words live in one allocation read and written without Swift's array checks (every access
/// is range-checked here instead). Copies share the words: use ``copy()`` for an independent set.
struct BitSet: @unchecked Sendable {
    private final class Storage {
        let words: UnsafeMutablePointer<UInt64>
        let count: Int

        init(count: Int) {
            self.count = count
            words = .allocate(capacity: max(count, 1))
            words.initialize(repeating: 0, count: max(count, 1))
        }

        deinit { words.deallocate() }
    }

    private let storage: Storage
    /// Number of members it can hold (0..<capacity).
    let capacity: Int
    private var words: UnsafeMutablePointer<UInt64> { storage.words }

    init(capacity: Int) {
        self.capacity = max(0, capacity)
        storage = Storage(count: (self.capacity + 63) / 64)
    }

    /// An independent copy.
    func copy() -> BitSet {
        let result = BitSet(capacity: capacity)
        result.words.update(from: words, count: storage.count)
        return result
    }

    func contains(_ member: Int) -> Bool {
        guard member >= 0, member < capacity else { return false }
        return words[member >> 6] & (1 << UInt64(member & 63)) != 0
    }

    mutating func insert(_ member: Int) {
        guard member >= 0, member < capacity else { return }
        words[member >> 6] |= 1 << UInt64(member & 63)
    }

    mutating func remove(_ member: Int) {
        guard member >= 0, member < capacity else { return }
        words[member >> 6] &= ~(1 << UInt64(member & 63))
    }

    /// Whether every member of this set is one of `other` (of the same capacity).
    func isSubset(of other: BitSet) -> Bool {
        for index in 0..<storage.count where words[index] & ~(index < other.storage.count ? other.words[index] : 0) != 0 {
            return false
        }
        return true
    }

    /// Inserts every member of `range` (clamped to the capacity).
    mutating func insert(_ range: Range<Int>) {
        let low = max(0, range.lowerBound), high = min(capacity, range.upperBound)
        guard low < high else { return }
        var word = low >> 6
        let lastWord = (high - 1) >> 6
        var mask = ~UInt64(0) << UInt64(low & 63)
        while word < lastWord {
            words[word] |= mask
            mask = ~0
            word += 1
        }
        let tail = (high - 1) & 63
        words[word] |= mask & (tail == 63 ? ~0 : (UInt64(1) << UInt64(tail + 1)) - 1)
    }

    /// The first member in `range`, or nil.
    func first(in range: Range<Int>) -> Int? {
        let low = max(0, range.lowerBound), high = min(capacity, range.upperBound)
        guard low < high else { return nil }
        var word = low >> 6
        var bits = words[word] & (~UInt64(0) << UInt64(low & 63))
        while true {
            if bits != 0 {
                let member = word << 6 + bits.trailingZeroBitCount
                return member < high ? member : nil
            }
            word += 1
            guard word << 6 < high else { return nil }
            bits = words[word]
        }
    }

    /// The first non-member at or after `start` and before `end`, or `end` when every one is a member.
    func firstAbsent(from start: Int, before end: Int) -> Int {
        let high = min(capacity, end)
        guard start >= 0, start < high else { return end }
        var word = start >> 6
        var bits = ~words[word] & (~UInt64(0) << UInt64(start & 63))
        while true {
            if bits != 0 { return min(end, word << 6 + bits.trailingZeroBitCount) }
            word += 1
            guard word << 6 < high else { return end }
            bits = ~words[word]
        }
    }
}
