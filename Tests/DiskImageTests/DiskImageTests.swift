import DiskImage
import Foundation
import Testing
import TestSupport

/// `DiskImage`, `FileSystem` and their values over the test image `mbr.raw` (an MBR partition at
/// 1 MiB holding an NTFS file system), checked against what The Sleuth Kit's tools and the samples say.
@Suite struct DiskImageTests {
    static let mbr = ImageFixtures.image("mbr.raw")

    @Test func opensARawImageAndListsItsPartitions() throws {
        let image = try DiskImage(path: Self.mbr)
        #expect(image.typeName == "raw" && image.sectorSize == 512)
        #expect(image.size == Int64(try FileManager.default.attributesOfItem(atPath: Self.mbr)[.size] as? Int ?? -1))
        #expect(image.segments == [Self.mbr])
        let partitions = try #require(image.partitions())
        let ntfs = try #require(partitions.first { $0.isAllocated })
        #expect(partitions.filter(\.isAllocated).count == 1)
        #expect(ntfs.start == 1 << 20 && ntfs.length == 4 << 20 && ntfs.tableType == "dos")
        #expect(ntfs.description.contains("NTFS"), "\(ntfs)")
        let boot = try image.read(at: 0, count: 512)
        #expect(boot.count == 512 && boot[510] == 0x55 && boot[511] == 0xAA)
        #expect(try image.read(at: image.size, count: 512).isEmpty)
    }

    @Test func readsFilesTheirMetadataAndFolders() throws {
        let image = try DiskImage(path: Self.mbr)
        let fileSystem = try FileSystem(image: image, offset: 1 << 20)
        #expect(fileSystem.isNTFS && fileSystem.typeName == "ntfs" && fileSystem.rootAddress == 5)
        let root = try fileSystem.entries(of: fileSystem.rootAddress)
        #expect(root.contains { $0.name == "$MFT" && $0.isRegularFile && $0.isAllocated })
        let users = try #require(root.first { $0.name == "Users" && $0.isDirectory })
        let alice = try #require(try fileSystem.entries(of: users.address).first { $0.name == "alice" })
        let hive = try #require(try fileSystem.entries(of: alice.address).first { $0.name == "NTUSER.DAT" })
        let metadata = try fileSystem.metadata(of: hive.address)
        #expect(metadata.address == hive.address && metadata.isAllocated && metadata.size == 69_632 && metadata.sequence >= 1)
        #expect(metadata.created != nil && metadata.modified != nil && metadata.changed != nil && metadata.accessed != nil)
        let bytes = try fileSystem.contents(of: hive.address)
        #expect(Data(bytes) == FileManager.default.contents(atPath: Fixtures.sample("NTUSER.DAT")))
    }

    @Test func errorsSayWhatFailedOnWhichImage() throws {
        let missing = "/nonexistent/disk.E01"
        #expect { try DiskImage(path: missing) } throws: { error in
            let error = error as? DiskImageError
            return error?.kind == .cannotOpen && error?.path == missing && error?.description.hasPrefix("\(missing): cannot open the disk image") == true
        }
        let image = try DiskImage(path: Self.mbr)
        #expect { try FileSystem(image: image, offset: 0) } throws: { ($0 as? DiskImageError)?.kind == .noFileSystem }
        let fileSystem = try FileSystem(image: image, offset: 1 << 20)
        #expect { try fileSystem.metadata(of: 1 << 40) } throws: { ($0 as? DiskImageError)?.kind == .unreadable }
    }
}
