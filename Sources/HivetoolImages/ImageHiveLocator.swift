import DiskImage
import FoundationEssentials
import HivetoolKit
import Hivex

/// Finds in an NTFS file system the hives `scan` reads on a mounted Windows volume, each name
/// compared case-insensitively, with the transaction logs beside each.
public enum ImageHiveLocator {
    /// A hive file found in the file system and its logs.
    public struct Found: Hashable, Sendable {
        /// `/Users/alice/NTUSER.DAT`, as stored.
        public var path: String
        public var entry: DirectoryEntry
        /// `NTUSER.DAT.LOG1` and the like, from the same folder.
        public var logs: [DirectoryEntry]
    }

    /// Where hives lie; `*` stands for every folder (a user or service account).
    static let patterns: [[String]] = [
        ["Users", "*", "NTUSER.DAT"],
        ["Users", "*", "AppData", "Local", "Microsoft", "Windows", "UsrClass.dat"],
        ["Documents and Settings", "*", "NTUSER.DAT"],
        ["Windows", "ServiceProfiles", "*", "NTUSER.DAT"],
        ["Windows", "System32", "config", "systemprofile", "NTUSER.DAT"],
        ["Windows", "System32", "config", "DEFAULT"],
        ["Windows", "System32", "config", "SOFTWARE"],
        ["Windows", "System32", "config", "SYSTEM"],
    ]

    /// The hives of `fileSystem`, sorted by path.
    public static func hives(in fileSystem: FileSystem) throws -> [Found] {
        var found: [Found] = []
        for pattern in patterns {
            found += try match(pattern[...], in: fileSystem, folder: fileSystem.rootAddress, path: "")
        }
        return found.sorted { $0.path < $1.path }
    }

    private static func match(_ parts: ArraySlice<String>, in fileSystem: FileSystem, folder: UInt64, path: String) throws -> [Found] {
        guard let part = parts.first else { return [] }
        let entries = try fileSystem.entries(of: folder)
        let rest = parts.dropFirst()
        if rest.isEmpty {
            let wanted = part.uppercased()
            return entries.filter { $0.isRegularFile && $0.name.uppercased() == wanted }.map { hive in
                let logNames = Set(TransactionLog.suffixes.map { hive.name.uppercased() + $0 })
                let logs = entries.filter { $0.isRegularFile && logNames.contains($0.name.uppercased()) }.sorted { $0.name < $1.name }
                return Found(path: path + "/" + hive.name, entry: hive, logs: logs)
            }
        }
        let folders = entries.filter { $0.isDirectory && (part == "*" || $0.name.uppercased() == part.uppercased()) }
        var result: [Found] = []
        for child in folders {
            // A damaged folder costs its own hives, not the others'.
            result += (try? match(rest, in: fileSystem, folder: child.address, path: path + "/" + child.name)) ?? []
        }
        return result
    }
}
