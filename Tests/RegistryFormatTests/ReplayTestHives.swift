import Foundation
import Hivex
import RegistryFormat
import TestSupport

/// Hives for the replay tests, built with hivex in a temporary folder: a "before" image (the primary
/// as it sits on disk, made dirty) and an "after" image (what the log must turn it into).
struct ReplayTestHives {
    let folder: TemporaryDirectory
    private var counter = 0

    init() throws { folder = try TemporaryDirectory() }

    func remove() { folder.remove() }

    /// An empty hive's bytes, then each edit in turn, committed; returns every stage's bytes.
    mutating func stages(_ edits: [(Hive) throws -> Void]) throws -> [[UInt8]] {
        let first = nextPath()
        try EmptyHive.write(to: first, embeddedFileName: "NTUSER.DAT", time: Date(timeIntervalSince1970: 1_700_000_000))
        var paths = [first]
        for edit in edits {
            let hive = try Hive(path: paths[paths.count - 1], options: .writable)
            try edit(hive)
            let next = nextPath()
            try hive.commit(to: next)
            paths.append(next)
        }
        return try paths.map(Self.read)
    }

    /// Writes `bytes` to a fresh file and returns its path.
    mutating func write(_ bytes: [UInt8]) throws -> String {
        let path = nextPath()
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The tree of `bytes` as hivex reads it.
    mutating func tree(of bytes: [UInt8]) throws -> HiveTree { try HiveTree(path: write(bytes)) }

    static func read(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    private mutating func nextPath() -> String {
        counter += 1
        return folder.file("hive\(counter).DAT")
    }
}

/// Edits used to make stages.
enum ReplayEdits {
    /// Adds `count` keys under `parent`, each with a string value and a binary value of `dataSize` bytes.
    static func addKeys(_ parent: String, count: Int, dataSize: Int = 64) -> (Hive) throws -> Void {
        { hive in
            let base = try hive.addKeys(at: parent)
            for index in 0..<count {
                let key = try hive.addKey(named: "Key\(index)", under: base)
                try hive.setValue(.string("Name", "\(parent) \(index)"), in: key)
                try hive.setValue(.binary("Blob", (0..<dataSize).map { UInt8(truncatingIfNeeded: $0 &+ index) }), in: key)
            }
        }
    }
}

/// Every key (path, last-write time) and value (name, type, data) of a hive as hivex reads it.
struct HiveTree: Equatable {
    struct Key: Equatable {
        var path: String
        var lastWrite: Date?
        var values: [RegistryValue]
    }

    var keys: [Key] = []

    init(path: String, options: Hive.OpenOptions = []) throws {
        let hive = try Hive(path: path, options: options)
        var keys: [Key] = []
        try hive.walk { entry in
            keys.append(Key(path: entry.path, lastWrite: try hive.lastWrite(of: entry.key), values: try hive.values(of: entry.key)))
        }
        self.keys = keys
    }

    var valueCount: Int { keys.reduce(0) { $0 + $1.values.count } }

    /// The first difference from `other`, for a readable failure.
    func firstDifference(from other: HiveTree) -> String? {
        for (mine, theirs) in zip(keys, other.keys) where mine != theirs {
            if mine.path != theirs.path { return "key \(mine.path) vs \(theirs.path)" }
            if mine.lastWrite != theirs.lastWrite { return "\(mine.path): last write \(String(describing: mine.lastWrite)) vs \(String(describing: theirs.lastWrite))" }
            return "\(mine.path): values differ (\(mine.values.count) vs \(theirs.values.count))"
        }
        return keys.count == other.keys.count ? nil : "\(keys.count) keys vs \(other.keys.count)"
    }
}
