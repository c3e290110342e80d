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
    /// The storage's words, kept here so that each access is one load (the hot loops of the
    /// free-space search test a bit per cell).
    private let words: UnsafeMutablePointer<UInt64>

    init(capacity: Int) {
        self.capacity = max(0, capacity)
        storage = Storage(count: (self.capacity + 63) / 64)
        words = storage.words
    }

    /// An independent copy.
    func copy() -> BitSet {
        let result = BitSet(capacity: capacity)
        result.words.update(from: words, count: storage.count)
        return result
    }

    @inline(__always)
    func contains(_ member: Int) -> Bool {
        guard UInt(bitPattern: member) < UInt(bitPattern: capacity) else { return false }
        return words[member >> 6] & (1 &<< UInt64(member & 63)) != 0
    }

    @inline(__always)
    mutating func insert(_ member: Int) {
        guard UInt(bitPattern: member) < UInt(bitPattern: capacity) else { return }
        words[member >> 6] |= 1 &<< UInt64(member & 63)
    }

    @inline(__always)
    mutating func remove(_ member: Int) {
        guard UInt(bitPattern: member) < UInt(bitPattern: capacity) else { return }
        words[member >> 6] &= ~(1 &<< UInt64(member & 63))
    }

    /// Whether every member of this set is one of `other` (of the same capacity).
    func isSubset(of other: BitSet) -> Bool {
        for index in 0..<storage.count where words[index] & ~(index < other.storage.count ? other.words[index] : 0) != 0 {
            return false
        }
        return true
    }

    /// Keeps, of the members of `universe`, those that are not members of both this set and `other`
    /// (all three of the same capacity): `universe − (self ∩ other)`.
    mutating func formMembers(of universe: BitSet, notAlsoIn other: BitSet) {
        for index in 0..<storage.count {
            words[index] = universe.words[index] & ~(words[index] & other.words[index])
        }
    }

    /// Inserts every member of `range` (clamped to the capacity).
    @inline(__always)
    mutating func insert(_ range: Range<Int>) {
        let low = max(0, range.lowerBound), high = min(capacity, range.upperBound)
        guard low < high else { return }
        let firstWord = low >> 6, lastWord = (high - 1) >> 6
        let lowMask = ~UInt64(0) &<< UInt64(low & 63)
        let highMask = ~UInt64(0) &>> UInt64(63 - ((high - 1) & 63))
        if firstWord == lastWord {
            words[firstWord] |= lowMask & highMask
            return
        }
        words[firstWord] |= lowMask
        var word = firstWord + 1
        while word < lastWord {
            words[word] = ~0
            word += 1
        }
        words[lastWord] |= highMask
    }

    /// The first member in `range`, or nil.
    func first(in range: Range<Int>) -> Int? {
        let low = max(0, range.lowerBound), high = min(capacity, range.upperBound)
        guard low < high else { return nil }
        var word = low >> 6
        var bits = words[word] & (~UInt64(0) &<< UInt64(low & 63))
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
    @inline(__always)
    func firstAbsent(from start: Int, before end: Int) -> Int {
        let high = min(capacity, end)
        guard start >= 0, start < high else { return end }
        var word = start >> 6
        var bits = ~words[word] & (~UInt64(0) &<< UInt64(start & 63))
        while true {
            if bits != 0 { return min(end, word << 6 + bits.trailingZeroBitCount) }
            word += 1
            guard word << 6 < high else { return end }
            bits = ~words[word]
        }
    }
}
