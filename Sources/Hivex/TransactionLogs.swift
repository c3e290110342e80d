import Foundation

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
        let folder = (hivePath as NSString).deletingLastPathComponent
        let hiveName = (hivePath as NSString).lastPathComponent.uppercased()
        let wanted = Set(suffixes.map { hiveName + $0 })
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder) else { return [] }
        return names.filter { wanted.contains($0.uppercased()) }.sorted().compactMap { name in
            let path = (folder as NSString).appendingPathComponent(name)
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  attributes[.type] as? FileAttributeType == .typeRegular else { return nil }
            return TransactionLog(path: path, size: (attributes[.size] as? NSNumber)?.uint64Value ?? 0)
        }
    }
}
