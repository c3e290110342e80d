import Foundation

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
        let base = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                          Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
        let hasFraction = date.timeIntervalSince1970 != whole
        return base + (hasFraction ? String(format: ".%03dZ", milliseconds) : "Z")
    }

    public static func text(_ date: Date?) -> String {
        date.map(iso8601) ?? "-"
    }
}
