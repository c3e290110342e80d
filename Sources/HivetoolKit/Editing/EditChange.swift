import FoundationEssentials
import Hivex

/// One change an edit makes, as printed and journaled.
public struct EditChange: Codable, Hashable, Sendable {
    public enum Action: String, Codable, Hashable, Sendable {
        case setValue = "set-value"
        case deleteValue = "delete-value"
        case createKey = "create-key"
        case deleteKey = "delete-key"
        /// The whole file is replaced (restore).
        case replaceFile = "replace-file"
    }

    public var action: Action
    /// The key path ("\" for the root).
    public var key: String
    /// The value name, for value changes.
    @NullEncoded public var value: String?
    @NullEncoded public var old: ValueDescription?
    @NullEncoded public var new: ValueDescription?

    public init(action: Action, key: String, value: String? = nil, old: ValueDescription? = nil, new: ValueDescription? = nil) {
        self.action = action
        self.key = key
        self.value = value
        self.old = old
        self.new = new
    }

    /// One line for people: `set-value Key\Value: 3 (REG_DWORD) -> 1 (REG_DWORD)`.
    public var summary: String {
        switch action {
        case .setValue:
            let before = old.map { "\($0.summary) (\($0.type))" } ?? "(absent)"
            let after = new.map { "\($0.summary) (\($0.type))" } ?? "(absent)"
            return "set \(key)\\\(value ?? ""): \(before) -> \(after)"
        case .deleteValue: return "delete value \(key)\\\(value ?? "")" + (old.map { " (was \($0.summary))" } ?? "")
        case .createKey: return "create key \(key)"
        case .deleteKey: return "delete key \(key) and everything below it"
        case .replaceFile: return "replace the whole hive"
        }
    }
}
