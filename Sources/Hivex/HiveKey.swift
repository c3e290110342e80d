/// A handle to a key (hivex node) of one open ``Hive``: valid only while that hive is open and
/// only with that hive. Cheap to copy and compare; it holds no reference to the hive.
public struct HiveKey: Hashable, Sendable, CustomStringConvertible {
    /// hivex's node handle: the offset of the key's `nk` cell in the file.
    public let offset: Int

    init(offset: Int) { self.offset = offset }

    public var description: String { "key@0x\(String(offset, radix: 16))" }
}

/// Key paths are backslash-separated names relative to the hive's root, e.g. `Software\Microsoft`.
/// The root itself is the empty path, shown as `\`.
public enum KeyPath {
    /// Splits a user-given path into names, ignoring leading, trailing and doubled backslashes.
    public static func components(_ path: String) -> [String] {
        path.split(separator: "\\", omittingEmptySubsequences: true).map(String.init)
    }

    /// Joins names into a path.
    public static func join(_ components: [String]) -> String {
        components.joined(separator: "\\")
    }

    /// Appends a name to a path.
    public static func appending(_ name: String, to path: String) -> String {
        path.isEmpty ? name : path + "\\" + name
    }

    /// The path as shown to users: `\` for the root.
    public static func display(_ path: String) -> String {
        path.isEmpty ? "\\" : path
    }

    /// Registry names compare case-insensitively (Windows upper-cases both sides).
    public static func namesEqual(_ lhs: String, _ rhs: String) -> Bool {
        lhs == rhs || lhs.uppercased() == rhs.uppercased()
    }
}
