import FoundationEssentials

/// The checks a record found in free space must pass before it is reported: yarp's rules
/// (`RegistryRecover.ValidateKey` / `ValidateValue`) with a tighter time window (1990 to a year
/// from now instead of 1970–2100). The record itself (fixed part and name) must lie inside the
/// region searched, which the record parsers check.
///
/// Cell indexes in a key (parent, lists) are deliberately not required to point inside the hive:
/// yarp reports such keys (their values "unreadable", their path partial) and real hives hold
/// them, e.g. keys left over from a larger hive the file was once part of.
public struct RecordPlausibility: Sendable {
    /// Longest plausible name, in characters.
    public static let maximumNameLength = 1024
    /// Most NUL characters a plausible name may contain.
    public static let maximumNulCount = 5
    /// Most subkeys (stable or volatile) a plausible key declares.
    public static let maximumSubkeyCount: UInt32 = 10_000
    /// Most values a plausible key declares.
    public static let maximumValueCount: UInt32 = 1_000
    /// Earliest plausible last-written time: 1990-01-01 UTC.
    public static let earliestLastWrite = Date(timeIntervalSince1970: 631_152_000)

    /// Latest plausible last-written time (a year after the scan by default).
    public var latestLastWrite: Date
    /// Accepts key times up to `latestLastWrite`.
    public init(latestLastWrite: Date = Date().addingTimeInterval(365 * 86_400)) {
        self.latestLastWrite = latestLastWrite
    }

    /// Whether a key node found in free space looks like a real key.
    public func isPlausible(_ key: KeyNode) -> Bool {
        guard isPlausibleName(key.name), !key.name.contains("\\"),
              key.subkeyCount <= RecordPlausibility.maximumSubkeyCount,
              key.volatileSubkeyCount <= RecordPlausibility.maximumSubkeyCount,
              key.valueCount <= RecordPlausibility.maximumValueCount,
              let lastWrite = FileTime.date(fromTicks: key.lastWrittenTicks),
              lastWrite >= RecordPlausibility.earliestLastWrite, lastWrite <= latestLastWrite
        else { return false }
        return true
    }

    /// Whether a key value found in free space looks like a real value.
    public func isPlausible(_ value: KeyValue) -> Bool {
        guard isPlausibleName(value.name) else { return false }
        if value.isDataInline { return value.dataSize <= KeyValue.maximumInlineDataSize }
        return value.dataSize == 0 || (value.dataIndex >= UInt32(Cell.alignment) && value.dataIndex % UInt32(Cell.alignment) == 0)
    }

    func isPlausibleName(_ name: String) -> Bool {
        var count = 0
        var nuls = 0
        for scalar in name.unicodeScalars {
            count += 1
            if scalar == "\u{FFFD}" { return false }
            if scalar == "\0" { nuls += 1 }
        }
        return count <= RecordPlausibility.maximumNameLength && nuls <= RecordPlausibility.maximumNulCount
    }
}
