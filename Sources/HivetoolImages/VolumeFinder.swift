import DiskImage
import FoundationEssentials
import HivetoolKit

/// Finds the NTFS file systems of an image: the whole image, or each allocated partition of its
/// MBR or GPT volume system; and says why a volume could not be read (BitLocker, only unallocated space).
enum VolumeFinder {
    struct Volume {
        var partition: PartitionProvenance?
        var fileSystem: FileSystem
    }

    /// A volume that cannot be read, reported as its own error record.
    struct Problem {
        var partition: PartitionProvenance?
        var message: String
        var kind: String

        func label(image: String) -> String { partition.map { "\(image):p\($0.index)" } ?? image }
    }

    struct Result {
        var fileSystems: [Volume] = []
        var problems: [Problem] = []
        /// Other file systems seen (`fat32 at byte 1048576`), for the message when there is no NTFS.
        var others: [String] = []
        var partitionCount = 0

        var noFileSystemMessage: String {
            let seen = others.isEmpty ? "" : "; found only \(others.joined(separator: ", "))"
            return "no NTFS file system in the image (\(partitionCount) partition\(partitionCount == 1 ? "" : "s"))\(seen)"
        }
    }

    /// BitLocker's signature at byte 3 of an encrypted volume.
    static let bitLockerSignature = Array("-FVE-FS-".utf8)

    static func volumes(of image: DiskImage) -> Result {
        var result = Result()
        let partitions = image.partitions() ?? []
        let allocated = partitions.filter(\.isAllocated)
        result.partitionCount = allocated.count
        if allocated.isEmpty {
            examine(image, offset: 0, partition: nil, into: &result)
            if result.fileSystems.isEmpty && result.problems.isEmpty && hasMasterBootRecord(image) {
                result.problems.append(Problem(partition: nil, message: "the disk holds only unallocated space: its partition table lists no partition",
                                               kind: "noNTFS"))
            }
            return result
        }
        for partition in allocated {
            let provenance = PartitionProvenance(index: partition.index, start: partition.start, length: partition.length,
                                                 description: partition.description, table: partition.tableType)
            examine(image, offset: partition.start, partition: provenance, into: &result)
        }
        return result
    }

    private static func examine(_ image: DiskImage, offset: Int64, partition: PartitionProvenance?, into result: inout Result) {
        let boot = (try? image.read(at: offset, count: 512)) ?? []
        if boot.count >= 11 && Array(boot[3..<11]) == bitLockerSignature {
            result.problems.append(Problem(partition: partition, message: "BitLocker-encrypted volume at byte \(offset) (-FVE-FS- signature): "
                                           + "hivetool does not decrypt; decrypt it first (e.g. with dislocker or bdemount) and scan the result", kind: "encrypted"))
            return
        }
        guard let fileSystem = try? FileSystem(image: image, offset: offset) else { return }
        if fileSystem.isNTFS {
            result.fileSystems.append(Volume(partition: partition, fileSystem: fileSystem))
        } else {
            result.others.append("\(fileSystem.typeName) at byte \(offset)")
        }
    }

    /// Whether the media starts with a boot record signature (0x55AA) that is not a file system's.
    private static func hasMasterBootRecord(_ image: DiskImage) -> Bool {
        guard let boot = try? image.read(at: 0, count: 512), boot.count == 512 else { return false }
        return boot[510] == 0x55 && boot[511] == 0xAA
    }
}
