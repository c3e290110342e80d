import Foundation
import Hivex
import RegistryFormat

/// The disk images `scripts/make-test-images` builds (committed in Tests/Fixtures/Images) and the
/// Windows-like tree they hold.
public enum ImageFixtures {
    /// The committed images (raw ones gzip-compressed), in Tests/Fixtures/Images.
    public static let committed = Fixtures.projectRoot.appendingPathComponent("Tests/Fixtures/Images").path

    /// A folder holding every test image, unpacked once per test run: the committed ones, `split.raw.001`,
    /// `.002`, ... (mbr.raw in 1 MiB pieces) and, when `ewfacquire` is installed, `split.E01`, `.E02`, ...
    public static let folder: String = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hivetool-images-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: committed)) ?? [] {
            let source = committed + "/" + name
            if name.hasSuffix(".gz") {
                _ = try? ExternalTool.run("sh", ["-c", "gzip -dc \"$0\" > \"$1\"", source, folder + "/" + name.dropLast(3)])
            } else {
                try? FileManager.default.copyItem(atPath: source, toPath: folder + "/" + name)
            }
        }
        if let disk = FileManager.default.contents(atPath: folder + "/mbr.raw") {
            let piece = 1 << 20
            for (number, start) in stride(from: 0, to: disk.count, by: piece).enumerated() {
                let name = folder + "/split.raw." + String(format: "%03d", number + 1)
                FileManager.default.createFile(atPath: name, contents: disk.subdata(in: start..<min(start + piece, disk.count)))
            }
        }
        if ExternalTool.isInstalled("ewfacquire") {
            _ = try? ExternalTool.run("ewfacquire", ["-u", "-q", "-c", "none", "-S", "1048576", "-d", "sha1", "-t", folder + "/split", folder + "/mbr.raw"])
        }
        if ExternalTool.isInstalled("qemu-img") {
            for (format, options, name) in [("vmdk", "", "disk.vmdk"), ("vhdx", "subformat=dynamic,block_size=1M", "disk.vhdx"),
                                            ("vpc", "subformat=fixed,force_size=on", "disk.vhd")] {
                _ = try? ExternalTool.run("qemu-img", ["convert", "-f", "raw", "-O", format] + (options.isEmpty ? [] : ["-o", options])
                                                       + [folder + "/mbr.raw", folder + "/" + name])
            }
        }
        // unreadable.raw: mbr.raw cut short two clusters into alice's hive, which samples/NTUSER.DAT is.
        if let disk = FileManager.default.contents(atPath: folder + "/mbr.raw"),
           let sample = FileManager.default.contents(atPath: Fixtures.sample("NTUSER.DAT")),
           let found = disk.range(of: sample.prefix(8192)) {
            FileManager.default.createFile(atPath: folder + "/unreadable.raw", contents: disk.prefix(upTo: found.lowerBound + 8192))
        }
        atexit { try? FileManager.default.removeItem(atPath: ImageFixtures.folder) }
        return folder
    }()

    /// The test image `NAME` (see ``folder``).
    public static func image(_ name: String) -> String { folder + "/" + name }

    /// Whether the split E01 could be made (ewf-tools installed).
    public static var hasSplitE01: Bool { FileManager.default.fileExists(atPath: image("split.E02")) }
    /// Whether the VMDK, VHDX and VHD could be made (qemu-utils installed).
    public static var hasVirtualDisks: Bool { FileManager.default.fileExists(atPath: image("disk.vhdx")) }

    /// The good images, each holding the staging tree: `case.E01` (the bare file system), `mbr.raw`,
    /// `gpt.raw` (the file system as a GPT disk's one partition),
    /// `split.raw.001` (split raw with an MBR), and when the tools are there `split.E01` (in 1 MiB
    /// segments), `disk.vmdk`, `disk.vhdx`, `disk.vhd` (fixed).
    public static var goodImages: [String] {
        ["case.E01", "mbr.raw", "gpt.raw", "split.raw.001"] + (hasSplitE01 ? ["split.E01"] : [])
            + (hasVirtualDisks ? ["disk.vmdk", "disk.vhdx", "disk.vhd"] : [])
    }

    /// The deleted hive (`--deleted-files`), by path inside the file system.
    public static let deletedHivePath = "/Users/dave/NTUSER.DAT"

    /// The live hives in the tree, by path inside the file system.
    public static let hivePaths = [
        "/Users/alice/NTUSER.DAT", "/Users/bob/ntuser.dat", "/Users/carol/NTUSER.DAT", "/Windows/System32/config/SOFTWARE",
    ]

    /// Writes the tree into `root`: `Users/alice/NTUSER.DAT` (samples/NTUSER.DAT), `Users/bob/ntuser.dat`
    /// with `ntuser.dat.LOG1` (dirty: a profile `FromLog` only in the log), `Users/carol/NTUSER.DAT`
    /// (damaged: its first hive bin's signature overwritten), `Windows/System32/config/SOFTWARE`, and
    /// `Users/dave/NTUSER.DAT` (samples/NTUSER.DAT), which scripts/make-test-images deletes in the image.
    public static func writeStaging(to root: String) throws {
        let files = FileManager.default
        for folder in ["Users/alice", "Users/bob", "Users/carol", "Users/dave", "Windows/System32/config"] {
            try files.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        try files.copyItem(atPath: Fixtures.sample("NTUSER.DAT"), toPath: root + "/Users/alice/NTUSER.DAT")
        try files.copyItem(atPath: Fixtures.sample("SOFTWARE"), toPath: root + "/Windows/System32/config/SOFTWARE")
        try files.copyItem(atPath: Fixtures.sample("NTUSER.DAT"), toPath: root + "/Users/dave/NTUSER.DAT")
        var damaged = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Fixtures.sample("NTUSER.DAT"))))
        damaged.replaceSubrange(BaseBlock.size..<BaseBlock.size + 4, with: Array("XXXX".utf8))
        try Data(damaged).write(to: URL(fileURLWithPath: root + "/Users/carol/NTUSER.DAT"))

        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let dirty = try DirtyHiveFixture(sample: Fixtures.sample("NTUSER.DAT"), name: "NTUSER.DAT", in: scratch) { hive in
            let section = try hive.addKeys(at: #"Software\Microsoft\Office\16.0\Outlook\Profiles\FromLog\0a0d020000000000c000000000000046"#)
            try hive.setValue(RegistryValue(name: "001f6700", type: .binary, data: UTF16LE.encode(#"E:\Archive\from-the-log.pst"#)), in: section)
        }
        try files.copyItem(atPath: dirty.hive, toPath: root + "/Users/bob/ntuser.dat")
        try files.copyItem(atPath: dirty.log, toPath: root + "/Users/bob/ntuser.dat.LOG1")
    }
}
