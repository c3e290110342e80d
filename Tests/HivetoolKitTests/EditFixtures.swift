import Foundation
@testable import Hivex
import TestSupport
@testable import HivetoolKit

/// Hives built for edit tests.
enum EditFixtures {
    /// A SOFTWARE-like hive: `Agents` keys per `views`, `ProfileExpire` per `value`, optional extras.
    static func software(in folder: TemporaryDirectory, name: String = "SOFTWARE", views: [EnterpriseVaultView] = [.wow6432node],
                         value: RegistryValue? = .dword("ProfileExpire", 3), bigSibling: Bool = false) throws -> String {
        let base = folder.file(name + ".base")
        try EmptyHive.write(to: base, embeddedFileName: name)
        let hive = try Hive(path: base, options: .writable)
        try hive.setValue(.string("ProductName", "Windows Server 2019 Standard"), in: hive.addKeys(at: #"Microsoft\Windows NT\CurrentVersion"#))
        for view in views {
            let agents = try hive.addKeys(at: view.agentsKeyPath)
            try hive.setValue(.dword("Debug", 0), in: agents)
            if let value { try hive.setValue(value, in: agents) }
        }
        if bigSibling, let view = views.first {
            let agents = try hive.requireKey(at: view.agentsKeyPath)
            let values = try hive.values(of: agents) + [RegistryValue.binary("Blob", [UInt8](repeating: 0xAB, count: 20_000))]
            try hive.setAllValues(values, of: agents, operation: "build fixture")
        }
        let path = folder.file(name)
        try hive.commit(to: path)
        try FileManager.default.removeItem(atPath: base)
        return path
    }

    /// Every key and value as reglookup prints them, one line each (nil when reglookup is missing).
    static func reglookupExport(_ path: String) throws -> [String]? {
        guard ExternalTool.isInstalled("reglookup") else { return nil }
        return try ExternalTool.run("reglookup", [path]).stdout.split(separator: "\n").map(String.init)
    }

    /// regfinfo accepts the file (nil when libregf-utils is missing).
    static func regfinfoAccepts(_ path: String) throws -> Bool? {
        guard ExternalTool.isInstalled("regfinfo") else { return nil }
        let result = try ExternalTool.run("regfinfo", [path])
        return result.status == 0 && result.stdout.contains("Registry")
    }

    /// Edits wait for the lock by default: a process another test forks may briefly hold a copy of
    /// the lock's descriptor between fork and exec.
    static func options(_ folder: TemporaryDirectory, dryRun: Bool = false, force: Bool = false, wait: Bool = true) -> SafeEditOptions {
        SafeEditOptions(command: "test", backupDirectory: nil, force: force, wait: wait, dryRun: dryRun)
    }

    static func backups(in folder: TemporaryDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".bak") }.sorted()
    }
}
