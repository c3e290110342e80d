import Hivex

/// `samples/SOFTWARE`: the SOFTWARE hive of a 64-bit Windows Server 2019 running Enterprise Vault
/// (a 32-bit application, so its settings live under `Wow6432Node`).
enum SOFTWARESample {
    static let enterpriseVault64 = #"Wow6432Node\KVS\Enterprise Vault"#
    static let enterpriseVault32 = #"KVS\Enterprise Vault"#

    static func build(_ hive: Hive) throws {
        try hive.put(#"Microsoft\Windows NT\CurrentVersion"#, [
            .string("CurrentBuild", "17763"),
            .string("CurrentBuildNumber", "17763"),
            .dword("CurrentMajorVersionNumber", 10),
            .dword("CurrentMinorVersionNumber", 0),
            .string("CurrentVersion", "6.3"),
            .string("EditionID", "ServerStandard"),
            .dword("InstallDate", 1_672_531_200),
            .string("InstallationType", "Server"),
            .string("ProductName", "Windows Server 2019 Standard"),
            .string("RegisteredOwner", "Windows User"),
            .string("ReleaseId", "1809"),
            .string("SystemRoot", #"C:\Windows"#),
        ])
        try hive.put(#"Microsoft\Windows\CurrentVersion"#, [
            .string("CommonFilesDir", #"C:\Program Files\Common Files"#),
            .string("ProgramFilesDir", #"C:\Program Files"#),
            .string("ProgramFilesDir (x86)", #"C:\Program Files (x86)"#),
        ])
        try hive.put(#"Wow6432Node\Microsoft\Windows\CurrentVersion"#, [
            .string("CommonFilesDir", #"C:\Program Files (x86)\Common Files"#),
            .string("ProgramFilesDir", #"C:\Program Files (x86)"#),
        ])

        // The 64-bit OS view, where Enterprise Vault reads its settings: ProfileExpire is set.
        try hive.put(enterpriseVault64, [
            .string("InstallPath", #"C:\Program Files (x86)\Enterprise Vault\"#),
            .string("Version", "14.5.0.1096"),
        ])
        try hive.put(enterpriseVault64 + #"\Agents"#, [
            .dword("ProfileExpire", 3),
            .dword("Debug", 0),
        ])
        // The 32-bit OS path also exists here, without ProfileExpire.
        try hive.put(enterpriseVault32 + #"\Agents"#, [.dword("Debug", 0)])
    }
}
