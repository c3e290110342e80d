import FoundationEssentials
import Glibc

/// ISO-8601 UTC timestamps, whole seconds unless the time has a fraction.
public enum Timestamp {
    public static func iso8601(_ date: Date) -> String {
        var seconds = date.timeIntervalSince1970
        var whole = seconds.rounded(.down)
        var milliseconds = Int(((seconds - whole) * 1000).rounded())
        if milliseconds >= 1000 { whole += 1; milliseconds = 0 }
        seconds = whole
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        let base = digits(Int(parts.tm_year) + 1900, 4) + "-" + digits(Int(parts.tm_mon) + 1, 2) + "-" + digits(Int(parts.tm_mday), 2)
            + "T" + digits(Int(parts.tm_hour), 2) + ":" + digits(Int(parts.tm_min), 2) + ":" + digits(Int(parts.tm_sec), 2)
        let hasFraction = date.timeIntervalSince1970 != whole
        return base + (hasFraction ? "." + digits(milliseconds, 3) + "Z" : "Z")
    }

    /// `20261122T043015Z`: the compact UTC form backup file names carry.
    public static func compact(_ date: Date) -> String {
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        return digits(Int(parts.tm_year) + 1900, 4) + digits(Int(parts.tm_mon) + 1, 2) + digits(Int(parts.tm_mday), 2)
            + "T" + digits(Int(parts.tm_hour), 2) + digits(Int(parts.tm_min), 2) + digits(Int(parts.tm_sec), 2) + "Z"
    }

    /// `value` in decimal, zero-padded to `count` characters, sign included (as `%0*d`).
    static func digits(_ value: Int, _ count: Int) -> String {
        let text = String(value.magnitude)
        let width = value < 0 ? count - 1 : count
        let padded = text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        return value < 0 ? "-" + padded : padded
    }

    public static func text(_ date: Date?) -> String {
        date.map(iso8601) ?? "-"
    }
}
