import FoundationEssentials

/// A length of time written as a number and a unit: `30m`, `12h`, `7d`, `2w` (`s` for seconds;
/// parts may be combined, `1w3d`). Used by `purge --older-than`.
public struct TimeSpan: Hashable, Sendable, CustomStringConvertible {
    public var seconds: TimeInterval
    /// The text it was parsed from.
    public var description: String

    /// The longest span accepted (100 years); anything longer is taken for a typo.
    public static let maximumSeconds: TimeInterval = 100 * 365 * 86_400

    static let unitSeconds: [Character: TimeInterval] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800]

    /// Parses `text`: one or more `<whole number><unit>` parts, unit `s`, `m`, `h`, `d` or `w` (any case).
    public static func parse(_ text: String) -> Result<TimeSpan, HivetoolError> {
        let usage = "a duration is a whole number and a unit: s, m, h, d or w (e.g. 30m, 12h, 7d, 2w)"
        let trimmed = text.trimmingWhitespace
        guard !trimmed.isEmpty else { return .failure(.invalidArgument("empty duration: \(usage)")) }
        var total: TimeInterval = 0
        var digits = ""
        for character in trimmed.lowercased() {
            if character.isASCII && character.isNumber {
                digits.append(character)
                continue
            }
            guard let unit = unitSeconds[character] else {
                return .failure(.invalidArgument("invalid duration \"\(text)\": \(usage)"))
            }
            guard !digits.isEmpty, digits.count <= 12, let number = Double(digits) else {
                return .failure(.invalidArgument("invalid duration \"\(text)\": \(usage)"))
            }
            total += number * unit
            digits = ""
        }
        guard digits.isEmpty else {
            return .failure(.invalidArgument("invalid duration \"\(text)\": the number \(digits) has no unit; \(usage)"))
        }
        guard total <= maximumSeconds else {
            return .failure(.invalidArgument("duration \"\(text)\" is longer than 100 years"))
        }
        return .success(TimeSpan(seconds: total, description: trimmed))
    }
}
