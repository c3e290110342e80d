import Foundation
import TestSupport

/// reglookup (libregfi) as an independent reader for the Outlook tests: the keys and values it lists
/// under one key path, names percent-decoded.
struct Reglookup {
    struct Entry {
        var path: [String]
        var type: String
        var value: String
        var modified: String
    }

    let entries: [Entry]

    /// Everything reglookup lists under `keyPath` (backslash-separated, as the hive spells it).
    init(hive: String, keyPath: String) throws {
        let prefix = "/" + keyPath.replacingOccurrences(of: "\\", with: "/")
        let result = try ExternalTool.run("reglookup", ["-p", prefix, hive])
        entries = result.stdout.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 4 else { return nil }
            let components = fields[0].split(separator: "/").map { Self.decoded(String($0)) }
            return Entry(path: components, type: fields[1], value: Self.decoded(fields[2]), modified: fields[3])
        }
    }

    /// The value names directly under `keyPath`.
    func valueNames(of keyPath: String) -> [String] {
        let key = keyPath.split(separator: "\\").map(String.init)
        return entries.filter { $0.type != "KEY" && $0.path.count == key.count + 1 && Array($0.path.dropLast()) == key }.map { $0.path.last! }
    }

    /// The value `name` of `keyPath`.
    func value(_ name: String, of keyPath: String) -> Entry? {
        let path = keyPath.split(separator: "\\").map(String.init) + [name]
        return entries.first { $0.type != "KEY" && $0.path == path }
    }

    /// The subkey names directly under `keyPath`.
    func subkeys(of keyPath: String) -> [String] {
        let key = keyPath.split(separator: "\\").map(String.init)
        return entries.filter { $0.type == "KEY" && $0.path.count == key.count + 1 && Array($0.path.dropLast()) == key }.map { $0.path.last! }
    }

    /// `%XX` escapes decoded (reglookup's quoting of commas, slashes and bytes outside ASCII).
    static func decoded(_ text: String) -> String {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
               let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
