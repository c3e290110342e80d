import Foundation
import Testing
import TestSupport

/// Issue 19 end to end: `hivetool scan IMAGE` over the images of Tests/Fixtures/Images
/// (scripts/make-test-images), compared with The Sleuth Kit's `icat` and with `scan` of the files it copies out.
@Suite(.serialized) struct ImageScanTests {
    /// The JSON records `scan --format jsonl ARGUMENTS` prints, and the outcome.
    static func scan(_ arguments: [String], environment: [String: String]? = nil) throws -> ([[String: Any]], CLI.Outcome) {
        let outcome = try CLI.run(["scan", "--format", "jsonl"] + arguments, environment: environment)
        outcome.expectFinished()
        let records = try outcome.stdout.split(separator: "\n").map { try CLI.jsonObject(String($0)) }
        return (records, outcome)
    }

    static func source(_ record: [String: Any]) -> [String: Any] { record["source"] as? [String: Any] ?? [:] }

    @Test(arguments: ImageFixtures.goodImages)
    func everyHiveOfTheImageWithLogsAndProvenance(image: String) throws {
        let path = ImageFixtures.image(image)
        let before = try FileSnapshot(path)
        let (records, outcome) = try Self.scan([path])
        #expect(outcome.status == 2, "the damaged hive is an error record: \(outcome)")
        #expect(records.map { Self.source($0)["pathInFileSystem"] as? String } == ImageFixtures.hivePaths.map { $0 })
        #expect(records.map { $0["status"] as? String } == ["ok", "ok", "error", "ok"])
        #expect(records.map { $0["user"] as? String } == ["alice", "bob", "carol", nil])
        let partition = Self.source(records[0])["partition"] as? [String: Any]
        let wholeImage = image == "case.E01"
        #expect(records.first.map { (Self.source($0)["image"] as? [String: Any])?["type"] as? String } == [
            "case.E01": "ewf", "split.E01": "ewf", "disk.vmdk": "vmdk", "disk.vhdx": "vhd", "disk.vhd": "vhd",
            "split.raw.001": "raw", "mbr.raw": "raw", "gpt.raw": "raw",
        ][image])
        #expect((partition == nil) == wholeImage, "\(image): \(String(describing: partition))")
        if !wholeImage {
            #expect(partition?["start"] as? Int == 1_048_576 && partition?["table"] as? String == (image == "gpt.raw" ? "gpt" : "dos"))
            #expect((records[0]["path"] as? String) == "\(path):p\(partition?["index"] as? Int ?? -1):/Users/alice/NTUSER.DAT")
        }
        for record in records {
            let source = Self.source(record)
            #expect(source["fileSystem"] as? String == "ntfs")
            #expect((source["image"] as? [String: Any])?["path"] as? String == path)
            #expect((source["mftEntry"] as? Int ?? 0) > 0 && source["deleted"] as? Bool == false)
            #expect(source["created"] is String && source["modified"] is String && source["mftChanged"] is String && source["accessed"] is String)
        }
        // bob's hive is dirty: its log (lower-case name in the image) is read from the image and applied.
        let bob = records[1]
        let logs = try #require(Self.source(bob)["logs"] as? [[String: Any]])
        #expect(logs.map { $0["name"] as? String } == ["ntuser.dat.LOG1"] && logs.first?["applied"] as? Bool == true)
        #expect(bob["dirty"] as? Bool == true)
        #expect((bob["profiles"] as? [[String: Any]])?.contains { $0["name"] as? String == "FromLog" } == true)
        #expect(((records[2]["error"] as? String) ?? "").hasPrefix("\(records[2]["path"] as? String ?? "?"): "))
        #expect(try FileSnapshot(path) == before)
    }

    /// `value` with `transform` applied to every string inside it.
    static func mapStrings(_ value: Any, _ transform: (String) -> String) -> Any {
        if let string = value as? String { return transform(string) }
        if let array = value as? [Any] { return array.map { mapStrings($0, transform) } }
        if let object = value as? [String: Any] { return object.mapValues { mapStrings($0, transform) } }
        return value
    }

    /// A record without its provenance, as sorted JSON text, with `transform` applied to its strings.
    static func withoutProvenance(_ record: [String: Any], _ transform: (String) -> String) throws -> String {
        var record = record
        record["source"] = nil
        let data = try JSONSerialization.data(withJSONObject: mapStrings(record, transform), options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// Every image gives the same records as the raw MBR image, apart from where they came from.
    @Test func theSameRecordsFromEveryFormat() throws {
        func stripped(_ image: String) throws -> [String] {
            let (records, _) = try Self.scan([ImageFixtures.image(image)])
            // Paths name the image and partition; the rest must match.
            return try records.map { record in
                try Self.withoutProvenance(record) {
                    $0.replacingOccurrences(of: #"[^ ]*\.(raw|E01|vmdk|vhdx|vhd|001)(:p\d+)?:/"#, with: "IMAGE:/", options: .regularExpression)
                }
            }
        }
        let reference = try stripped("mbr.raw")
        #expect(reference.count == 4)
        for image in ImageFixtures.goodImages where image != "mbr.raw" {
            #expect(try stripped(image) == reference, "\(image)")
        }
    }

    /// The hashes equal those of the files `icat` copies out, and scanning those files gives the
    /// same records apart from provenance.
    @Test(arguments: ["mbr.raw", "case.E01"])
    func matchesTheFilesIcatCopiesOut(image: String) throws {
        guard ExternalTool.isInstalled("icat") else {
            print("skipped: icat (sleuthkit) not installed")
            return
        }
        let path = ImageFixtures.image(image)
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let (records, _) = try Self.scan([path])
        for (index, record) in records.enumerated() {
            let source = Self.source(record)
            let sectors = String((source["fileSystemOffset"] as? Int ?? 0) / 512)
            let place = folder.file("\(index)")
            try FileManager.default.createDirectory(atPath: place, withIntermediateDirectories: true)
            func copyOut(_ entry: Int, as name: String) throws -> String {
                let result = try ExternalTool.run("sh", ["-c", "icat -o \(sectors) \"$0\" \(entry) > \"$1\"", path, place + "/" + name])
                #expect(result.status == 0, "\(result.stderr)")
                return try sha256(of: place + "/" + name)
            }
            let hiveName = String((source["pathInFileSystem"] as? String ?? "").split(separator: "/").last ?? "")
            #expect(try copyOut(source["mftEntry"] as? Int ?? 0, as: hiveName) == source["sha256"] as? String)
            for log in source["logs"] as? [[String: Any]] ?? [] {
                #expect(try copyOut(log["mftEntry"] as? Int ?? 0, as: log["name"] as? String ?? "") == log["sha256"] as? String)
            }
            // The copied-out hive, scanned as a file, gives the same record apart from provenance.
            let inImage = String((record["path"] as? String ?? "").dropLast(hiveName.count))
            var direct = try #require(try Self.scan([place + "/" + hiveName]).0.first)
            direct["user"] = record["user"]  // the account comes from the path inside the image
            let copied = try Self.withoutProvenance(direct) { $0.replacingOccurrences(of: place + "/", with: inImage) }
            let read = try Self.withoutProvenance(record) { $0 }
            #expect(copied == read, "\(hiveName):\n\(copied)\n\(read)")
        }
    }

    @Test func badImagesEachGetOneErrorRecordAndTheOthersAreStillReported() throws {
        let bad = ["truncated.E01", "no-ntfs.raw", "bitlocker.raw", "unallocated.raw"]
        let paths = (bad + ["unreadable.raw", "mbr.raw"]).map(ImageFixtures.image)
        let before = try paths.map(FileSnapshot.init)
        let (records, outcome) = try Self.scan(paths)
        #expect(outcome.status == 2, "\(outcome)")
        func errors(_ image: String) -> [[String: Any]] {
            records.filter { ($0["path"] as? String)?.hasPrefix(ImageFixtures.image(image)) == true && $0["status"] as? String == "error" }
        }
        #expect(bad.map { errors($0).count } == [1, 1, 1, 1], "\(outcome)")
        #expect(bad.map { errors($0).first?["errorKind"] as? String } == ["imageUnreadable", "noNTFS", "encrypted", "noNTFS"])
        #expect((errors("bitlocker.raw").first?["error"] as? String)?.contains("BitLocker") == true)
        #expect((errors("unallocated.raw").first?["error"] as? String)?.contains("only unallocated space") == true)
        #expect((errors("no-ntfs.raw").first?["error"] as? String)?.contains("no NTFS file system") == true)
        // The file system cut short: alice's hive lies past the end, so reading it fails.
        let alice = errors("unreadable.raw").first { ($0["path"] as? String)?.hasSuffix("/Users/alice/NTUSER.DAT") == true }
        #expect(alice?["errorKind"] as? String == "imageUnreadable" && (alice?["error"] as? String)?.contains("cannot read bytes") == true)
        #expect(records.filter { ($0["path"] as? String)?.hasPrefix(ImageFixtures.image("mbr.raw")) == true && $0["status"] as? String == "ok" }.count == 3)
        #expect(try paths.map(FileSnapshot.init) == before)

        // Text: one line per bad image, and the exit is 65 when nothing at all was read.
        let text = try CLI.run(["scan", "--format", "text"] + bad.map(ImageFixtures.image))
        text.expectFinished()
        #expect(text.status == 65, "\(text)")
        #expect(text.stdout.split(separator: "\n").filter { $0.hasPrefix("error") }.count == bad.count, "\(text)")
    }

    @Test func hashImageChecksTheHashesStoredInTheE01() throws {
        let (records, outcome) = try Self.scan(["--hash-image", ImageFixtures.image("case.E01"), ImageFixtures.image("mbr.raw")])
        #expect(outcome.status == 2)
        let images = records.map { Self.source($0)["image"] as? [String: Any] ?? [:] }
        let e01 = images[0]
        #expect(e01["storedMD5"] as? String == e01["md5"] as? String && e01["storedMD5"] != nil)
        #expect(e01["storedSHA1"] as? String == e01["sha1"] as? String && e01["storedSHA1"] != nil)
        #expect(e01["verified"] as? Bool == true)
        #expect(images[4]["sha256"] as? String == (try sha256(of: ImageFixtures.image("mbr.raw"))) && images[4]["verified"] == nil)
        let (unhashed, _) = try Self.scan([ImageFixtures.image("mbr.raw")])
        #expect((Self.source(unhashed[0])["image"] as? [String: Any])?["sha256"] == nil)
        guard ImageFixtures.hasSplitE01 && ImageFixtures.hasVirtualDisks else { return }
        // The split E01 and the VHD hold mbr.raw: the same media hashes.
        let (more, _) = try Self.scan(["--hash-image", ImageFixtures.image("split.E01"), ImageFixtures.image("disk.vhd")])
        let hashed = more.map { Self.source($0)["image"] as? [String: Any] ?? [:] }
        let split = try #require(hashed.first { $0["type"] as? String == "ewf" })
        let vhd = try #require(hashed.first { $0["type"] as? String == "vhd" })
        #expect(split["verified"] as? Bool == true && split["sha256"] as? String == images[4]["sha256"] as? String, "\(split)")
        #expect(vhd["sha256"] as? String == images[4]["sha256"] as? String)
    }

    /// An image without a readable NTFS volume still gets its hashes with `--hash-image`.
    @Test func hashImageIdentifiesAnImageWithoutNTFS() throws {
        let path = ImageFixtures.image("no-ntfs.raw")
        let (records, outcome) = try Self.scan(["--hash-image", path])
        #expect(outcome.status == 65, "\(outcome)")
        #expect(records.count == 1)
        #expect(records.first?["errorKind"] as? String == "noNTFS")
        let image = try #require(records.first.map(Self.source)?["image"] as? [String: Any])
        #expect(image["sha256"] as? String == (try sha256(of: path)))
    }

    /// `scan split.E0* split.raw.*` reads each split image once, from its first segment.
    @Test func segmentsAfterTheFirstAreReadWithIt() throws {
        let segments = try FileManager.default.contentsOfDirectory(atPath: ImageFixtures.folder).filter { $0.hasPrefix("split.") }
        #expect(segments.filter { $0.hasPrefix("split.raw.") }.count == 5)
        let (records, _) = try Self.scan(segments.sorted().map(ImageFixtures.image))
        let images = ImageFixtures.hasSplitE01 ? 2 : 1
        #expect(records.count == 4 * images, "\(images) images of four hives each: \(segments)")
        if ImageFixtures.hasSplitE01 {
            let source = Self.source(records[0])["image"] as? [String: Any]
            #expect((source?["segments"] as? [String])?.count ?? 0 > 1, "the split E01's segments: \(String(describing: source))")
        } else {
            print("skipped the split E01: ewfacquire (ewf-tools) not installed")
        }
    }

    /// A later segment named without its first is never dropped in silence: it gets records (or an
    /// error) of its own, even when the first segment lies beside it.
    @Test func aLaterSegmentNamedAloneIsStillReported() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        _ = try directory.copy(ImageFixtures.image("case.E01"), as: "c.E01")
        let second = try directory.copy(ImageFixtures.image("case.E01"), as: "c.E02")
        let before = try FileSnapshot(second)
        let (records, outcome) = try Self.scan([second])
        #expect(!records.isEmpty, "\(outcome)")
        #expect(records.allSatisfy { ($0["path"] as? String)?.hasPrefix(second) == true }, "\(records)")
        #expect(outcome.status != 1, "\(outcome)")
        #expect(try FileSnapshot(second) == before)
    }

    @Test func aWorkerCrashOnAnImageCostsThatImageOnly() throws {
        let (records, outcome) = try Self.scan([ImageFixtures.image("case.E01"), ImageFixtures.image("mbr.raw")],
                                               environment: ["HIVETOOL_TEST_WORKER_CRASH_ON": "case.E01"])
        #expect(outcome.status == 2)
        #expect(records.count == 5)
        #expect(records[0]["errorKind"] as? String == "crash")
        #expect(records.dropFirst().filter { $0["status"] as? String == "ok" }.count == 3)
    }

    /// `--deleted-files`: dave's NTUSER.DAT, deleted in the image (MFT entry free, data runs intact),
    /// is read like any hive and marked `deleted`; without the flag it is not reported.
    @Test func deletedHiveFilesWithTheFlag() throws {
        let path = ImageFixtures.image("mbr.raw")
        func isDave(_ record: [String: Any]) -> Bool { Self.source(record)["pathInFileSystem"] as? String == ImageFixtures.deletedHivePath }
        let (plain, _) = try Self.scan([path])
        #expect(!plain.contains(where: isDave) && plain.count == 4)
        let (records, outcome) = try Self.scan(["--deleted-files", path])
        #expect(outcome.status == 2 && records.count == 5)
        let dave = try #require(records.first(where: isDave), "\(outcome)")
        #expect(Self.source(dave)["deleted"] as? Bool == true && dave["status"] as? String == "ok" && dave["user"] as? String == "dave")
        #expect((dave["profiles"] as? [Any])?.count == 6)
        #expect(dave["sha256"] as? String == (try sha256(of: Fixtures.sample("NTUSER.DAT"))))
        #expect(records.filter { Self.source($0)["deleted"] as? Bool == true }.count == 1)
        guard ExternalTool.isInstalled("icat") else { return }
        let sectors = String((Self.source(dave)["fileSystemOffset"] as? Int ?? 0) / 512)
        let copied = try ExternalTool.run("sh", ["-c", "icat -o \(sectors) \"$0\" \(Self.source(dave)["mftEntry"] as? Int ?? 0) | sha256sum", path])
        #expect(copied.stdout.hasPrefix(Self.source(dave)["sha256"] as? String ?? "?"))
    }

    @Test func fileTimesAreTimelineEvents() throws {
        let outcome = try CLI.run(["scan", "--format", "tln", ImageFixtures.image("mbr.raw")])
        outcome.expectFinished()
        let lines = outcome.stdout.split(separator: "\n")
        for kind in ["created", "content modified", "MFT entry changed", "accessed"] {
            #expect(lines.filter { $0.contains("Hive file \(kind) ($STANDARD_INFORMATION)") }.count == 4, "\(kind): \(outcome.stdout)")
        }
        #expect(lines.contains { $0.contains("Profile key last written") })
    }

    /// Issue 16: The Sleuth Kit and its 40-odd libraries load in hivetool-images only, never at hivetool's start.
    @Test func theImageReaderIsAProgramOfItsOwn() throws {
        let reader = URL(fileURLWithPath: Fixtures.hivetoolExecutable).deletingLastPathComponent().appendingPathComponent("hivetool-images").path
        #expect(FileManager.default.isExecutableFile(atPath: reader), "built beside hivetool")
        if ExternalTool.isInstalled("ldd") {
            #expect(!(try ExternalTool.run("ldd", [Fixtures.hivetoolExecutable])).stdout.contains("libtsk"))
            #expect((try ExternalTool.run("ldd", [reader])).stdout.contains("libtsk"))
        }
        // Without the reader, an image is one error record saying so; hive files are still read.
        let (records, outcome) = try Self.scan([ImageFixtures.image("case.E01"), Fixtures.sample("NTUSER.DAT")],
                                               environment: ["HIVETOOL_IMAGES": "/nonexistent/hivetool-images"])
        #expect(outcome.status == 2, "\(outcome)")
        // Records come in sorted path order, and where the temporary folder sorts against the project differs by machine.
        #expect(records.map { $0["status"] as? String }.sorted { ($0 ?? "") < ($1 ?? "") } == ["error", "ok"])
        let image = try #require(records.first { $0["status"] as? String == "error" }, "\(records)")
        #expect((image["path"] as? String)?.hasSuffix("case.E01") == true, "\(image)")
        #expect((image["error"] as? String)?.contains("cannot read disk images: HIVETOOL_IMAGES does not name an executable file") == true)
        #expect(records.contains { $0["status"] as? String == "ok" && ($0["path"] as? String)?.hasSuffix("NTUSER.DAT") == true }, "\(records)")
    }

    /// A reader that hangs is killed at the time limit with its worker: no reader is left behind.
    @Test func aHungImageReaderEndsWithItsWorker() throws {
        let hung = ImageFixtures.image("case.E01")
        let (records, outcome) = try Self.scan(["--timeout", "2", hung, ImageFixtures.image("mbr.raw")],
                                               environment: ["HIVETOOL_TEST_IMAGE_READER_HANG_ON": "case.E01"])
        #expect(outcome.status == 2, "\(outcome)")
        #expect(records.map { $0["status"] as? String } == ["timeout", "ok", "ok", "error", "ok"])
        var left: [String] = []
        for _ in 0..<40 {
            left = Self.processes(running: "hivetool-images", with: hung)
            if left.isEmpty { break }
            usleep(100_000)
        }
        #expect(left.isEmpty, "hivetool-images still running: \(left)")
    }

    /// The command lines of running processes whose program is `program` and that name `argument`.
    static func processes(running program: String, with argument: String) -> [String] {
        let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.filter { $0.allSatisfy(\.isNumber) } ?? []
        return pids.compactMap { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
            let line = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\0", with: " ")
            return line.contains(program) && line.contains(argument) ? line : nil
        }
    }

    func sha256(of path: String) throws -> String {
        let result = try ExternalTool.run("sha256sum", [path])
        return String(result.stdout.prefix(64))
    }
}
