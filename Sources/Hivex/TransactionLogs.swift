import FoundationEssentials
import Glibc

/// A transaction log found beside a hive (`NTUSER.DAT.LOG1` and the like).
public struct TransactionLog: Hashable, Sendable, Codable {
    public var path: String
    public var size: UInt64
    /// An empty log holds no pending data.
    public var isEmpty: Bool { size == 0 }

    public init(path: String, size: UInt64) {
        self.path = path
        self.size = size
    }

    /// The suffixes Windows uses, compared case-insensitively.
    public static let suffixes = [".LOG", ".LOG1", ".LOG2"]

    /// The logs beside the hive at `hivePath`: files in the same folder named as the hive plus
    /// `.LOG`, `.LOG1` or `.LOG2`, in any letter case, sorted by path.
    public static func siblings(of hivePath: String) -> [TransactionLog] {
        let folder = PathName.folder(of: hivePath)
        let hiveName = PathName.last(hivePath).uppercased()
        let wanted = Set(suffixes.map { hiveName + $0 })
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder) else { return [] }
        return names.filter { wanted.contains($0.uppercased()) }.sorted().compactMap { name in
            let path = PathName.join(folder, name)
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
            return TransactionLog(path: path, size: UInt64(info.st_size))
        }
    }
}
