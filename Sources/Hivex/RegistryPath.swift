/// Key paths are backslash-separated names relative to the hive's root, e.g. `Software\Microsoft`.
/// The root itself is the empty path, shown as `\`.
public enum RegistryPath {
    /// Splits a user-given path into names, ignoring leading, trailing and doubled backslashes.
    public static func components(_ path: String) -> [String] {
        // ASCII paths split on their bytes (splitting on characters costs hundreds of instructions a
        // character); others on characters, where a backslash and a combining mark are one character.
        if path.utf8.allSatisfy({ $0 < 0x80 }) {
            return path.utf8.split(separator: UInt8(ascii: "\\"), omittingEmptySubsequences: true).map { String(Substring($0)) }
        }
        return path.split(separator: "\\", omittingEmptySubsequences: true).map(String.init)
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
        if let equal = asciiNamesEqual(lhs, rhs) { return equal }
        return lhs.unicodeScalars.elementsEqual(rhs.unicodeScalars) { simpleUppercase($0) == simpleUppercase($1) }
    }

    /// ``namesEqual(_:_:)`` decided on the UTF-8 bytes while they are ASCII; nil when a non-ASCII
    /// character comes before any difference (its case mapping may be ASCII: `ı` is `I`).
    static func asciiNamesEqual(_ lhs: String, _ rhs: String) -> Bool? {
        var lhs = lhs, rhs = rhs
        return lhs.withUTF8 { left in
            rhs.withUTF8 { right in
                for (a, b) in zip(left, right) {
                    guard a < 0x80, b < 0x80 else { return nil }
                    if a == b { continue }
                    let lower = a | 0x20
                    guard lower == b | 0x20, (0x61...0x7A).contains(lower) else { return false }
                }
                if left.count == right.count { return true }
                let rest = left.count > right.count ? left[right.count...] : right[left.count...]
                return rest.allSatisfy { $0 < 0x80 } ? false : nil
            }
        }
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
