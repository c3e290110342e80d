/// The parts of a slash-separated file path, as `NSString`'s `lastPathComponent`,
/// `deletingLastPathComponent` and `appendingPathComponent` give them, without Foundation.
public enum PathName {
    /// The file name: `/a/b.DAT` → `b.DAT`, `a/b/` → `b`, `/` → `/`, `` → ``.
    public static func last(_ path: String) -> String {
        let trimmed = trailingSlashesRemoved(path)
        if trimmed == "/" { return "/" }
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// The folder part: `/a/b.DAT` → `/a`, `/b.DAT` → `/`, `b.DAT` → `` (empty), `/` → `/`.
    public static func folder(of path: String) -> String {
        let trimmed = trailingSlashesRemoved(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        if slash == trimmed.startIndex { return "/" }
        return trailingSlashesRemoved(String(trimmed[..<slash]))
    }

    /// `name` inside `folder`: `/a` + `b` → `/a/b`, `/a/` + `b` → `/a/b`, `` + `b` → `b`.
    public static func join(_ folder: String, _ name: String) -> String {
        if folder.isEmpty { return name }
        if name.isEmpty { return folder }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// `path` without trailing slashes, except that `/` (or `//`) stays `/`.
    static func trailingSlashesRemoved(_ path: String) -> String {
        var result = Substring(path)
        while result.count > 1, result.hasSuffix("/") { result = result.dropLast() }
        return String(result)
    }
}
