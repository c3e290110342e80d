import DiskImage
import FoundationEssentials
import Glibc
import HivetoolKit
import Hivex

/// Reads one hive and its logs out of an image into a private temporary folder (mode 0700, removed
/// right after), reads it as any hive file, logs replayed as for any dirty hive, and turns the record
/// into the image's: paths inside the image, and the ``EvidenceSource``.
struct ImageHiveReader {
    let fileSystem: FileSystem
    let source: EvidenceSource
    /// `IMAGE:p2:` or `IMAGE:` (a file system filling the image).
    let displayPrefix: String
    let options: ImageScan.Options

    func record(for hive: ImageHiveLocator.Found) -> ScanRecord {
        let display = displayPrefix + hive.path
        var provenance = source
        provenance.pathInFileSystem = hive.path
        provenance.mftEntry = hive.entry.address
        provenance.deleted = !hive.entry.isAllocated
        do {
            let metadata = try fileSystem.metadata(of: hive.entry.address)
            provenance.mftSequence = metadata.sequence
            provenance.size = metadata.size
            provenance.created = metadata.created
            provenance.modified = metadata.modified
            provenance.mftChanged = metadata.changed
            provenance.accessed = metadata.accessed
            let folder = try PrivateFolder()
            defer { folder.remove() }
            let bytes = try fileSystem.contents(of: hive.entry.address)
            provenance.sha256 = FileDigest.sha256(of: bytes)
            try folder.write(bytes, name: hive.entry.name)
            for log in hive.logs {
                guard let logBytes = try? fileSystem.contents(of: log.address) else { continue }  // named in the record's logs report as missing
                try folder.write(logBytes, name: log.name)
                provenance.logs.append(LogSource(name: log.name, mftEntry: log.address, size: Int64(logBytes.count),
                                                 sha256: FileDigest.sha256(of: logBytes), applied: false))
            }
            let scanned = ScanRecord.scan(path: folder.path + "/" + hive.entry.name, options: options.openOptions,
                                          includingDeleted: options.includingDeleted)
            var record = Self.relabel(scanned, from: folder.path + "/", to: String(display.dropLast(hive.entry.name.count)))
            let applied = Set(record.hive?.logs?.applied.map { String($0.path.split(separator: "/").last ?? "") } ?? [])
            for index in provenance.logs.indices { provenance.logs[index].applied = applied.contains(provenance.logs[index].name) }
            record.path = display
            record.user = ScanRecord.userName(fromPath: hive.path)
            record.source = provenance
            return record
        } catch {
            var record = ScanRecord(path: display, status: .error)
            record.user = ScanRecord.userName(fromPath: hive.path)
            record.error = "\(display): \(ImageScan.detail(error))"
            record.errorKind = (error as? DiskImageError)?.kind == .unreadable ? "imageUnreadable" : "ioError"
            record.source = provenance
            return record
        }
    }

    /// The record with every mention of the temporary folder (paths of the hive, its logs, in errors
    /// and notes) replaced by the hive's place in the image.
    static func relabel(_ record: ScanRecord, from temporary: String, to display: String) -> ScanRecord {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = .withoutEscapingSlashes
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        guard let data = try? encoder.encode(record), let quoted = try? encoder.encode(display),
              var text = String(data: data, encoding: .utf8), let escaped = String(data: quoted, encoding: .utf8) else { return record }
        text = text.replacing(temporary, with: String(escaped.dropFirst().dropLast()))
        return (try? decoder.decode(ScanRecord.self, from: Data(text.utf8))) ?? record
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        digest.map { byte in String(byte >> 4, radix: 16) + String(byte & 0xF, radix: 16) }.joined()
    }
}

/// A folder only this user can read, under the temporary directory, for one hive and its logs.
struct PrivateFolder {
    let path: String

    init() throws {
        let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        var template = Array((base + "/hivetool-image-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw HiveError(.ioError, operation: "make a private temporary folder", path: base, message: String(cString: strerror(errno)))
        }
        path = String(cString: made)
    }

    func write(_ bytes: [UInt8], name: String) throws {
        let file = path + "/" + name
        let descriptor = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw HiveError(.ioError, operation: "write a temporary copy", path: file, message: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                throw HiveError(.ioError, operation: "write a temporary copy", path: file, message: String(cString: strerror(errno)))
            }
            written += count
        }
    }

    func remove() {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] { unlink(path + "/" + name) }
        rmdir(path)
    }
}
