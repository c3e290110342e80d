/// Comparisons of 32-bit sequence numbers that survive wrap-around (0xFFFFFFFF is followed by 0).
package enum SequenceNumberOrder {
    /// Half the sequence space: a number less than this far ahead of another counts as later.
    package static let halfRange: UInt32 = 0x7FFF_FFFF

    /// Whether `number` equals `reference` or comes after it (`0` comes after `0xFFFFFFFF`).
    package static func isAtOrAfter(_ number: UInt32, _ reference: UInt32) -> Bool {
        number &- reference <= halfRange
    }

    /// Whether `first` is the older of two log sequence numbers, decided as yarp's `is_starting_log`
    /// decides it (the difference, taken the non-negative way round, wraps when above 0x7FFFFFFF).
    package static func precedes(_ first: UInt32, _ second: UInt32) -> Bool {
        let firstIsSmaller = first < second
        let delta = firstIsSmaller ? second - first : first - second
        return delta <= halfRange ? firstIsSmaller : !firstIsSmaller
    }
}
