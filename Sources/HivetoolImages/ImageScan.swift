import DiskImage
import FoundationEssentials
import HivetoolKit
import Hivex

/// Scans a disk image for `hivetool scan`: opens it with The Sleuth Kit, finds every NTFS file
/// system (the whole image or each partition), reads the hives of each with their logs, and gives one
/// ``ScanRecord`` per hive, carrying ``EvidenceSource``; or one error record for an image that cannot
/// be read (truncated, no NTFS, BitLocker, only unallocated space). Nothing is mounted or written.
public struct ImageScan {
    /// How to read the image (the options `hivetool-images` takes).
    public typealias Options = ImageScanOptions

    public let path: String
    public let options: Options

    public init(path: String, options: Options = Options()) {
        self.path = path
        self.options = options
    }

    /// The records of every hive of the image, by file system then path; never throws.
    public func records() -> [ScanRecord] {
        let image: DiskImage
        do {
            image = try DiskImage(path: path)
        } catch {
            return [ScanRecord.unreadable(path, "cannot open the disk image (truncated, missing a segment, or not an image TSK reads): \(Self.detail(error))",
                                kind: "imageUnreadable")]
        }
        // A truncated image (or one missing a segment) often opens, then fails where data is missing.
        for offset in [0, max(0, image.size - Int64(image.sectorSize))] {
            do {
                _ = try image.read(at: offset, count: image.sectorSize)
            } catch {
                return [ScanRecord.unreadable(path, "the image is truncated or damaged (a segment may be missing): \(Self.detail(error))", kind: "imageUnreadable")]
            }
        }
        if image.typeName == "ewf" && !EWFStoredHashes.read(segments: image.segments).isComplete {
            return [ScanRecord.unreadable(path, "the E01 is truncated or its last segment is missing: its sections end before the 'done' section",
                                kind: "imageUnreadable")]
        }
        var provenance = ImageProvenance(path: path, type: image.typeName, size: image.size, segments: image.segments)
        var records: [ScanRecord] = []
        if options.hashImage {
            do {
                try ImageDigest.fill(&provenance, image: image)
            } catch {
                records.append(ScanRecord.unreadable(path, "cannot hash the image: \(Self.detail(error))", kind: "imageUnreadable"))
            }
        }
        let volumes = VolumeFinder.volumes(of: image)
        if volumes.fileSystems.isEmpty && volumes.problems.isEmpty {
            records.append(ScanRecord.unreadable(path, volumes.noFileSystemMessage, kind: "noNTFS"))
        }
        for problem in volumes.problems {
            records.append(ScanRecord.unreadable(problem.label(image: path), problem.message, kind: problem.kind))
        }
        for volume in volumes.fileSystems {
            let source = EvidenceSource(image: provenance, partition: volume.partition, fileSystemOffset: volume.fileSystem.offset,
                                        fileSystem: volume.fileSystem.typeName)
            let prefix = volume.partition.map { "\(path):p\($0.index):" } ?? "\(path):"
            do {
                let hives = try ImageHiveLocator.hives(in: volume.fileSystem, deletedFiles: options.deletedFiles)
                if hives.isEmpty {
                    records.append(ScanRecord.unreadable(String(prefix.dropLast()), "no hive found in the NTFS file system", kind: "fileNotFound"))
                }
                let reader = ImageHiveReader(fileSystem: volume.fileSystem, source: source, displayPrefix: prefix, options: options)
                records += ParallelReading.records(of: hives, reader: reader, threads: options.threads)
            } catch {
                records.append(ScanRecord.unreadable(String(prefix.dropLast()), "cannot list the file system: \(Self.detail(error))", kind: "imageUnreadable"))
            }
        }
        if options.hashImage {
            // Every record carries the image's hashes, the error records of an image without a
            // readable NTFS volume too: the evidence examined is still identified.
            for index in records.indices {
                if records[index].source == nil {
                    records[index].source = EvidenceSource(image: provenance, partition: nil, fileSystemOffset: 0, fileSystem: "")
                } else {
                    records[index].source?.image = provenance
                }
            }
        }
        return records
    }


    /// An error's text without the image path it repeats.
    static func detail(_ error: Error) -> String {
        guard let error = error as? DiskImageError else { return "\(error)" }
        return "cannot \(error.operation)" + (error.message.isEmpty ? "" : " (\(error.message))")
    }
}
