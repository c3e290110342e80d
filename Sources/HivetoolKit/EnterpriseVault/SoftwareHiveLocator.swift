import FoundationEssentials
import Hivex

/// Finds the SOFTWARE hive for the Enterprise Vault commands: the argument, else
/// a Windows root, else the `HIVETOOL_SOFTWARE` environment variable.
public enum SoftwareHiveLocator {
    public static let environmentVariable = "HIVETOOL_SOFTWARE"

    /// Where the hive comes from, or nil when nothing names one.
    public static func locate(argument: String?, windowsRoot: String?, environment: [String: String]) throws -> String? {
        if let argument { return argument }
        if let windowsRoot { return try hive(inWindowsRoot: windowsRoot) }
        if let value = environment[environmentVariable], !value.isEmpty { return value }
        return nil
    }

    /// `Windows/System32/config/SOFTWARE` below `root`, each part matched in any letter case.
    public static func hive(inWindowsRoot root: String) throws -> String {
        var current = root
        for part in ["Windows", "System32", "config", "SOFTWARE"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: current)) ?? []
            guard let match = names.first(where: { $0.uppercased() == part.uppercased() }) else {
                throw HivetoolError(.noSoftwareHive(windowsRoot: root, missing: part, folder: current),
                                    path: PathName.join(root, "Windows/System32/config/SOFTWARE"))
            }
            current = PathName.join(current, match)
        }
        return current
    }
}
