/// Which build of hivetool made a document: every JSON document and every hive record carries it,
/// so a report can cite the exact build.
public struct ToolInfo: Codable, Hashable, Sendable {
    public var name: String
    public var version: String
    public var commit: String

    /// This build of hivetool.
    public init(name: String = HivetoolVersion.name, version: String = HivetoolVersion.current, commit: String = HivetoolVersion.commit) {
        self.name = name
        self.version = version
        self.commit = commit
    }
}
