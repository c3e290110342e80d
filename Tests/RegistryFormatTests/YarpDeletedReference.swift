import Foundation

/// One hive's `reference/*.deleted.tsv`: the deleted keys and values yarp's `RegistryRecover.Scanner`
/// recovers (tab-separated: `key PATH TIME COUNT` and `value 'NAME' TYPE`).
struct YarpDeletedReference {
    struct Key: Hashable {
        /// The path yarp printed: from below the root when yarp reached the root, else partial.
        var path: String
        /// The last-written time in microseconds since 1601-01-01 (yarp's resolution).
        var microseconds: Int64
        /// "N values" or "values unreadable".
        var valuesNote: String

        var name: String { String(path.split(separator: "\\", omittingEmptySubsequences: false).last ?? "") }
    }

    var keys: [Key] = []
    var valueNames: [String] = []

    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if fields.first == "key", fields.count >= 4, let time = YarpDeletedReference.microseconds(fields[2]) {
                keys.append(Key(path: fields[1], microseconds: time, valuesNote: fields[3]))
            } else if fields.first == "value", fields.count >= 2 {
                valueNames.append(String(fields[1].dropFirst().dropLast()))
            }
        }
    }

    /// Parses Python's `datetime.isoformat()` ("2011-09-09T18:07:08.983624", fraction optional).
    static func microseconds(_ text: String) -> Int64? {
        let parts = text.split(separator: ".")
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        guard let first = parts.first, let date = formatter.date(from: String(first)) else { return nil }
        let fraction = parts.count > 1 ? Int64(String(parts[1]).padding(toLength: 6, withPad: "0", startingAt: 0)) ?? 0 : 0
        return (Int64(date.timeIntervalSince1970.rounded()) + 11_644_473_600) * 1_000_000 + fraction
    }

    /// How far apart (µs) two times may be and still match: yarp divides the ticks as a Python float,
    /// and near 2020 (1.3e16 µs since 1601) adjacent doubles are 2 µs apart.
    static let timeTolerance: Int64 = 4

    /// FILETIME ticks as yarp shows them: `timedelta(microseconds = ticks / 10)`, rounded half to even.
    static func microseconds(fromTicks ticks: UInt64) -> Int64 {
        Int64((Double(ticks) / 10).rounded(.toNearestOrEven))
    }
}
