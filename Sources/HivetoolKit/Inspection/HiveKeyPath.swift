import Hivex

/// Key paths as users copy them from regedit or other tools: below the hive's root
/// (`Software\Microsoft`), or from the root Windows mounts the hive at (`HKCU\Software`,
/// `HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft`), separated by `\` or `/`.
public enum HiveKeyPath {
    /// A root Windows mounts a hive at, and the kind of hive mounted there.
    struct MountPoint {
        var names: [[String]]
        var kind: HiveKind
        var spelled: String
    }

    /// Longest first: `HKCU\Software\Classes` is where `UsrClass.dat` is mounted, below `HKCU`.
    static let mountPoints: [MountPoint] = [
        MountPoint(names: [["HKEY_CURRENT_USER", "Software", "Classes"], ["HKCU", "Software", "Classes"]], kind: .usrclass, spelled: #"HKCU\Software\Classes"#),
        MountPoint(names: [["HKEY_CURRENT_USER"], ["HKCU"]], kind: .user, spelled: "HKCU"),
        MountPoint(names: [["HKEY_USERS", ".DEFAULT"], ["HKU", ".DEFAULT"]], kind: .default, spelled: #"HKU\.DEFAULT"#),
        MountPoint(names: [["HKEY_LOCAL_MACHINE", "SOFTWARE"], ["HKLM", "SOFTWARE"]], kind: .software, spelled: #"HKLM\SOFTWARE"#),
        MountPoint(names: [["HKEY_LOCAL_MACHINE", "SYSTEM"], ["HKLM", "SYSTEM"]], kind: .system, spelled: #"HKLM\SYSTEM"#),
        MountPoint(names: [["HKEY_LOCAL_MACHINE", "SAM"], ["HKLM", "SAM"]], kind: .sam, spelled: #"HKLM\SAM"#),
        MountPoint(names: [["HKEY_LOCAL_MACHINE", "SECURITY"], ["HKLM", "SECURITY"]], kind: .security, spelled: #"HKLM\SECURITY"#),
    ]

    /// Root names that are not a hive file's root by themselves.
    static let otherRoots: Set<String> = ["HKEY_LOCAL_MACHINE", "HKLM", "HKEY_USERS", "HKU", "HKEY_CLASSES_ROOT", "HKCR",
                                          "HKEY_CURRENT_CONFIG", "HKCC"]

    /// `path` below the root of `hive`: a mount-point prefix is removed when it is where this kind of
    /// hive is mounted (or the kind is unknown), and `/` separates names when the path has no `\`
    /// (unless a key of that literal name exists).
    /// - Throws: ``HivetoolError`` (exit 64) naming the hive's kind when the prefix is another hive's.
    public static func relative(_ path: String, in hive: Hive) throws -> String {
        let slashes = !path.contains("\\") && path.contains("/")
        var names = RegistryPath.components(slashes ? path.replacingEvery("/", with: "\\") : path)
        if let (mount, count) = mountPoint(of: names) {
            let evidence = HiveKindEvidence(hive: hive)
            let fits = evidence.kind == mount.kind || evidence.kind == .unknown || (mount.kind == .user && evidence.kind == .default)
            guard fits else {
                let rest = RegistryPath.display(RegistryPath.join(Array(names.dropFirst(count))))
                throw HivetoolError(.foreignMountPoint(mountPoint: mount.spelled, mountKind: mount.kind, kind: evidence.kind,
                                                       evidence: evidence.reason, pathBelow: rest),
                                    path: hive.path, keyPath: path)
            }
            names.removeFirst(count)
        } else if let first = names.first, otherRoots.contains(first.uppercased()) {
            throw HivetoolError(.notAHiveRoot(name: first, mountPoints: mountPoints.map(\.spelled)), path: hive.path, keyPath: path)
        }
        let relative = RegistryPath.join(names)
        if slashes, try hive.locate(relative) == nil, try hive.locate(path) != nil { return path }  // a name with a '/'
        return relative
    }

    /// The mount point `names` start with, and how many names it takes.
    static func mountPoint(of names: [String]) -> (MountPoint, Int)? {
        for mount in mountPoints {
            for spelling in mount.names where names.count >= spelling.count {
                if zip(names, spelling).allSatisfy({ RegistryPath.namesEqual($0, $1) }) { return (mount, spelling.count) }
            }
        }
        return nil
    }
}
