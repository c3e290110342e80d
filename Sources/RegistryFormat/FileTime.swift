import FoundationEssentials

/// Windows FILETIME: 100-nanosecond ticks since 1601-01-01 UTC.
public enum FileTime {
    /// Seconds between 1601-01-01 and 1970-01-01.
    static let epochDifference: Int64 = 11_644_473_600

    /// Converts ticks to a date; nil for 0 and for values before 1970 or after 9999 (garbage).
    public static func date(fromTicks ticks: UInt64) -> Date? {
        guard ticks != 0 else { return nil }
        let seconds = Double(ticks) / 10_000_000 - Double(epochDifference)
        guard seconds >= 0, seconds < 253_402_300_800 else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }

    /// Converts a date to ticks (clamped at the FILETIME epoch).
    public static func ticks(from date: Date) -> UInt64 {
        let interval = date.timeIntervalSince1970
        let seconds = interval.rounded(.down)
        let fraction = UInt64(((interval - seconds) * 10_000_000).rounded())
        let wholeSeconds = Int64(seconds) + epochDifference
        return wholeSeconds < 0 ? 0 : UInt64(wholeSeconds) * 10_000_000 + fraction
    }
}
