/// A handle to a key (hivex node) of one open ``Hive``: valid only while that hive is open and
/// only with that hive. Cheap to copy and compare; it holds no reference to the hive.
public struct HiveKey: Hashable, Sendable, CustomStringConvertible {
    /// hivex's node handle: the offset of the key's `nk` cell in the file.
    public let offset: Int

    init(offset: Int) { self.offset = offset }

    public var description: String { "key@0x\(String(offset, radix: 16))" }

    /// The key handle at `offset` (a cell offset in the file, as ``offset`` is). For tests and tools
    /// that found a key cell themselves; reads through a handle that is not a key cell fail cleanly.
    public init(unchecked offset: Int) { self.offset = offset }
}

/// A key found by path (``Hive/locate(_:)``): the key, its path as the hive spells it, and the keys
/// above it from the root down (empty for the root).
public struct LocatedKey: Hashable, Sendable {
    public var key: HiveKey
    public var path: String
    public var ancestors: [HiveKey]

    public init(key: HiveKey, path: String, ancestors: [HiveKey]) {
        self.key = key
        self.path = path
        self.ancestors = ancestors
    }
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

    /// Registry names compare case-insensitively: Windows upper-cases both sides character by
    /// character with a one-to-one table, so "ß" never matches "SS".
    public static func namesEqual(_ lhs: String, _ rhs: String) -> Bool {
        if lhs == rhs { return true }
        return lhs.unicodeScalars.elementsEqual(rhs.unicodeScalars) { simpleUppercase($0) == simpleUppercase($1) }
    }

    /// The scalar's uppercase form when that is one scalar; the scalar itself otherwise.
    static func simpleUppercase(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.isASCII {
            return (0x61...0x7A).contains(scalar.value) ? Unicode.Scalar(scalar.value - 0x20)! : scalar
        }
        let mapped = scalar.properties.uppercaseMapping.unicodeScalars
        return mapped.count == 1 ? mapped.first! : scalar
    }
}
