/// Why a byte image cannot be read as a hive at all (its header or hive bins are unusable).
public enum HiveImageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The bytes do not start with a `regf` base block (too short, or another signature).
    case notAHive
    /// The base block says the file is not a primary hive (a transaction log, an unknown type).
    case notAPrimaryHive(String)
    /// There is no valid hive bin right after the base block.
    case noHiveBins

    /// One line for an error message.
    public var description: String {
        switch self {
        case .notAHive: "not a registry hive: no regf base block"
        case .notAPrimaryHive(let type): "not a primary hive: the base block says \(type)"
        case .noHiveBins: "no valid hive bin after the base block"
        }
    }
}
