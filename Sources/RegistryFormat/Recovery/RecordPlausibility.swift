import Foundation

/// The checks a record found in free space must pass before it is reported: yarp's rules
/// (`RegistryRecover.ValidateKey` / `ValidateValue`), with a tighter time window and offsets that
/// must point inside the hive bins.
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
    /// Size of the hive bins data, which every cell index must stay below.
    public var hiveBinsDataSize: Int

    /// Checks against the hive bins of `image`, with times up to `latestLastWrite`.
    public init(image: HiveImage, latestLastWrite: Date = Date().addingTimeInterval(365 * 86_400)) {
        self.latestLastWrite = latestLastWrite
        self.hiveBinsDataSize = image.hiveBinsEnd - BaseBlock.size
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
        if !key.isHiveEntry, !isPlausibleIndex(key.parentIndex) { return false }
        if key.valueCount > 0, !isPlausibleIndex(key.valueListIndex) { return false }
        return true
    }

    /// Whether a key value found in free space looks like a real value.
    public func isPlausible(_ value: KeyValue) -> Bool {
        guard isPlausibleName(value.name) else { return false }
        if value.isDataInline { return value.dataSize <= KeyValue.maximumInlineDataSize }
        return value.dataSize == 0 || isPlausibleIndex(value.dataIndex)
    }

    /// A cell index that is 8-aligned, not 0 and inside the hive bins.
    func isPlausibleIndex(_ index: UInt32) -> Bool {
        index >= UInt32(Cell.alignment) && index % UInt32(Cell.alignment) == 0 && Int(index) < hiveBinsDataSize
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
