import FoundationEssentials
import Glibc
import Hivex

/// Finds the files `hivetool scan` examines.
///
/// A file named on the command line is always examined. A folder that is the root of a Windows
/// volume (it holds `Windows/System32/config`, any case) gives its user, service-profile and system
/// hives; any other folder is searched recursively. Symbolic links to folders are never followed,
/// and a link to a file only when the file lies inside one of the given roots.
public enum HiveDiscovery {
    /// File names that mark a hive (compared upper-cased); other files count only with a `regf` signature.
    static let hiveNames: Set<String> = [
        "NTUSER.DAT", "USRCLASS.DAT", "DEFAULT", "SOFTWARE", "SYSTEM", "SAM", "SECURITY", "COMPONENTS", "DRIVERS",
        "BCD", "AMCACHE.HVE", "ELAM", "BBI", "USERDIFF",
    ]

    /// Whether a file name looks like a hive's.
    public static func looksLikeHive(_ name: String) -> Bool {
        let upper = name.uppercased()
        return hiveNames.contains(upper) || upper.hasSuffix(".HIV") || upper.hasSuffix(".HVE")
    }

    /// The files to examine below `roots`, sorted and without duplicates (by real path).
    public static func files(in roots: [String]) -> [String] {
        let realRoots = roots.map { realPath($0) ?? $0 }
        var seen: Set<String> = []
        var result: [String] = []
        func add(_ path: String) {
            let real = realPath(path) ?? path
            if seen.insert(real).inserted { result.append(path) }
        }
        for root in roots {
            guard let status = linkStatus(root) else {
                add(root)  // missing: reported as an error record
                continue
            }
            if isDirectory(status) || (isLink(status) && isDirectory(followedStatus(root))) {
                let found = isWindowsRoot(root) ? windowsHives(in: root) : search(root)
                for path in found where isInside(path, realRoots) { add(path) }
            } else {
                add(root)
            }
        }
        return result.sorted()
    }

    /// A Windows volume root holds `Windows/System32/config`.
    public static func isWindowsRoot(_ folder: String) -> Bool {
        resolve(folder, ["Windows", "System32", "config"]).contains { isDirectory(linkStatus($0)) }
    }

    /// `Users/*/NTUSER.DAT`, `Documents and Settings/*/NTUSER.DAT`, `Windows/ServiceProfiles/*/NTUSER.DAT`,
    /// `Windows/System32/config/DEFAULT` and `SOFTWARE`, each part in any letter case.
    static func windowsHives(in root: String) -> [String] {
        var paths: [String] = []
        for parent in [["Users"], ["Documents and Settings"], ["Windows", "ServiceProfiles"]] {
            for folder in resolve(root, parent) where isDirectory(linkStatus(folder)) {
                for user in entries(folder) {
                    let userFolder = PathName.join(folder, user)
                    guard isDirectory(linkStatus(userFolder)) else { continue }  // skips links such as "All Users"
                    paths += resolve(userFolder, ["NTUSER.DAT"]).filter { isRegular(linkStatus($0)) }
                }
            }
        }
        for name in ["DEFAULT", "SOFTWARE"] {
            paths += resolve(root, ["Windows", "System32", "config", name]).filter { isRegular(linkStatus($0)) }
        }
        return paths
    }

    /// Every file below `folder` with a hive's name or a `regf` signature, except transaction logs
    /// named after a hive beside them.
    static func search(_ folder: String) -> [String] {
        var result: [String] = []
        var stack = [(folder, 0)]
        while let (current, depth) = stack.popLast() {
            guard depth < 64 else { continue }
            for name in entries(current) {
                let path = PathName.join(current, name)
                guard let status = linkStatus(path) else { continue }
                if isDirectory(status) {
                    stack.append((path, depth + 1))
                } else if isRegular(status) || (isLink(status) && isRegular(followedStatus(path))) {
                    if isSiblingLog(name) { continue }
                    if looksLikeHive(name) || hasRegfSignature(path) { result.append(path) }
                }
            }
        }
        return result
    }

    /// `X.LOG`, `X.LOG1`, `X.LOG2`: examined with their hive, not on their own.
    static func isSiblingLog(_ name: String) -> Bool {
        let upper = name.uppercased()
        return TransactionLog.suffixes.contains { upper.hasSuffix($0) && upper.count > $0.count }
    }

    static func hasRegfSignature(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var magic = [UInt8](repeating: 0, count: 4)
        return read(descriptor, &magic, 4) == 4 && magic == Array("regf".utf8)
    }

    /// The paths below `base` matching `parts`, each compared case-insensitively.
    static func resolve(_ base: String, _ parts: [String]) -> [String] {
        var current = [base]
        for part in parts {
            current = current.flatMap { folder in
                entries(folder).filter { $0.uppercased() == part.uppercased() }.map { PathName.join(folder, $0) }
            }
        }
        return current
    }

    static func entries(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    static func isInside(_ path: String, _ realRoots: [String]) -> Bool {
        guard let real = realPath(path) else { return false }
        return realRoots.contains { real == $0 || real.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func linkStatus(_ path: String) -> stat? {
        var info = stat()
        return lstat(path, &info) == 0 ? info : nil
    }

    static func followedStatus(_ path: String) -> stat? {
        var info = stat()
        return stat(path, &info) == 0 ? info : nil
    }

    static func isDirectory(_ info: stat?) -> Bool { info.map { ($0.st_mode & S_IFMT) == S_IFDIR } ?? false }
    static func isRegular(_ info: stat?) -> Bool { info.map { ($0.st_mode & S_IFMT) == S_IFREG } ?? false }
    static func isLink(_ info: stat?) -> Bool { info.map { ($0.st_mode & S_IFMT) == S_IFLNK } ?? false }
}
