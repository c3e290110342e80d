import FoundationEssentials
import Hivex

/// Where a fact was read: a key's path (relative to the hive root) and the key's last-write time.
public struct OutlookKey: Codable, Hashable, Sendable {
    public var keyPath: String
    @NullEncoded public var lastWrite: Date?

    public init(keyPath: String, lastWrite: Date?) {
        self.keyPath = keyPath
        self.lastWrite = lastWrite
    }
}
