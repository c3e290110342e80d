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

    /// The hives of `fileSystem`, sorted by path (a deleted hive after the live one at the same path).
    /// With `deletedFiles`, also `NTUSER.DAT` files whose MFT entry is deleted but not reused, with
    /// their deleted logs: The Sleuth Kit reads them through the data runs the entry still holds.
    public static func hives(in fileSystem: FileSystem, deletedFiles: Bool = false) throws -> [Found] {
        var found: [Found] = []
        for pattern in patterns {
            found += try match(pattern[...], in: fileSystem, folder: fileSystem.rootAddress, path: "", deletedFiles: deletedFiles)
        }
        return found.sorted { ($0.path, $0.entry.isAllocated ? 0 : 1, $0.entry.address) < ($1.path, $1.entry.isAllocated ? 0 : 1, $1.entry.address) }
    }

    private static func match(_ parts: ArraySlice<String>, in fileSystem: FileSystem, folder: UInt64, path: String,
                              deletedFiles: Bool) throws -> [Found] {
        guard let part = parts.first else { return [] }
        let rest = parts.dropFirst()
        if rest.isEmpty {
            let recover = deletedFiles && part == "NTUSER.DAT"
            let entries = try fileSystem.entries(of: folder, includingDeleted: recover)
            let live = entries.filter(\.isAllocated)
            let deleted = recover ? entries.filter { !$0.isAllocated && isDeletedFile($0, in: fileSystem) } : []
            let wanted = part.uppercased()
            func found(_ hive: DirectoryEntry, among candidates: [DirectoryEntry]) -> Found {
                let logNames = Set(TransactionLog.suffixes.map { hive.name.uppercased() + $0 })
                var seen: Set<String> = []
                let logs = candidates.filter { logNames.contains($0.name.uppercased()) && seen.insert($0.name.uppercased()).inserted }
                return Found(path: path + "/" + hive.name, entry: hive, logs: logs.sorted { $0.name < $1.name })
            }
            return live.filter { $0.isRegularFile && $0.name.uppercased() == wanted }.map { found($0, among: live.filter(\.isRegularFile)) }
                + deleted.filter { $0.name.uppercased() == wanted }.map { found($0, among: deleted) }
        }
        let entries = try fileSystem.entries(of: folder)
        let folders = entries.filter { $0.isDirectory && (part == "*" || $0.name.uppercased() == part.uppercased()) }
        var result: [Found] = []
        for child in folders {
            // A damaged folder costs its own hives, not the others'.
            result += (try? match(rest, in: fileSystem, folder: child.address, path: path + "/" + child.name, deletedFiles: deletedFiles)) ?? []
        }
        return result
    }

    /// A deleted name whose MFT entry is still free and describes a file (not reused by another).
    private static func isDeletedFile(_ entry: DirectoryEntry, in fileSystem: FileSystem) -> Bool {
        guard let metadata = try? fileSystem.metadata(of: entry.address) else { return false }
        return !metadata.isAllocated && metadata.isRegularFile
    }
}
