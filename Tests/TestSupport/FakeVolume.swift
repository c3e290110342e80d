import Foundation
import Hivex

/// A folder laid out like a mounted Windows volume, with folders in mixed letter case, several
/// users, a service profile, DEFAULT and SOFTWARE, a corrupt hive, a transaction log named like a
/// hive, and a symbolic-link loop.
public struct FakeVolume {
    public let root: String

    /// Relative paths of the hives and what each is.
    public static let userHives = [
        "users/alice/NTUSER.DAT",                       // samples/NTUSER.DAT: 6 profiles, 5 marks
        "Users/Bob/ntuser.dat",                         // an empty user hive (Software only)
        "WINDOWS/ServiceProfiles/LocalService/NTUSER.DAT",
        "Documents and Settings/olduser/NTUSER.DAT",    // a transaction log named like a hive
        "Users/broken/NTUSER.DAT",                       // random bytes
    ]

    public init(in folder: TemporaryDirectory) throws {
        root = folder.file("volume")
        let manager = FileManager.default
        func directory(_ relative: String) throws {
            try manager.createDirectory(atPath: root + "/" + relative, withIntermediateDirectories: true)
        }
        for relative in ["WINDOWS/system32/CONFIG", "users/alice", "Users/Bob", "Users/broken", "WINDOWS/ServiceProfiles/LocalService",
                         "Documents and Settings/olduser", "Program Files"] {
            try directory(relative)
        }
        try manager.copyItem(atPath: Fixtures.sample("NTUSER.DAT"), toPath: root + "/users/alice/NTUSER.DAT")
        try manager.copyItem(atPath: Fixtures.sample("SOFTWARE"), toPath: root + "/WINDOWS/system32/CONFIG/software")
        try Self.emptyUserHive(at: root + "/Users/Bob/ntuser.dat")
        try Self.emptyUserHive(at: root + "/WINDOWS/ServiceProfiles/LocalService/NTUSER.DAT")
        try Self.emptyUserHive(at: root + "/WINDOWS/system32/CONFIG/Default")
        // A log named like a hive: a copy of a hive whose base block says "new-format log".
        try manager.copyItem(atPath: Fixtures.sample("NTUSER.DAT"), toPath: root + "/Documents and Settings/olduser/NTUSER.DAT")
        try HiveSurgery.setBaseBlockField(path: root + "/Documents and Settings/olduser/NTUSER.DAT", offset: 28, to: 6)
        var generator = SystemRandomNumberGenerator()
        let random = Data((0..<8192).map { _ in UInt8.random(in: 0...255, using: &generator) })
        manager.createFile(atPath: root + "/Users/broken/NTUSER.DAT", contents: random)
        // Not a hive and not named like one: ignored.
        manager.createFile(atPath: root + "/Program Files/readme.txt", contents: Data("hello".utf8))
        // A symbolic-link loop and a link out of the volume.
        try manager.createSymbolicLink(atPath: root + "/users/alice/loop", withDestinationPath: "..")
        try manager.createSymbolicLink(atPath: root + "/Users/All Users", withDestinationPath: "/")
    }

    /// A user hive with `Software` and `Environment` only.
    static func emptyUserHive(at path: String) throws {
        let base = path + ".base"
        try EmptyHive.write(to: base, embeddedFileName: (path as NSString).lastPathComponent)
        let hive = try Hive(path: base, options: .writable)
        try hive.addKeys(at: #"Software\Microsoft"#)
        try hive.setValue(.string("TEMP", #"%USERPROFILE%\AppData\Local\Temp"#, type: .expandString), in: hive.addKeys(at: "Environment"))
        try hive.commit(to: path)
        try FileManager.default.removeItem(atPath: base)
    }
}
