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

    /// A hive copied out of the image with its logs, ready to be read (no TSK needed any more).
    struct Extracted: Sendable {
        let folder: PrivateFolder
        let name: String
        let display: String
        let pathInFileSystem: String
        var provenance: EvidenceSource
        let options: ImageScan.Options
    }

    /// The hive read as a file (see ``Extracted/record()``), or the error record when it cannot be copied out.
    func record(for hive: ImageHiveLocator.Found) -> ScanRecord {
        switch extract(hive) {
        case .success(let extracted): extracted.record()
        case .failure(let failed): failed.record
        }
    }

    struct Failed: Error { let record: ScanRecord }

    /// Step 1, with The Sleuth Kit (one thread): copies the hive and its logs into a private folder
    /// and gathers its provenance.
    func extract(_ hive: ImageHiveLocator.Found) -> Result<Extracted, Failed> {
        let display = displayPrefix + hive.path
        var provenance = source
        provenance.pathInFileSystem = hive.path
        provenance.mftEntry = hive.entry.address
        provenance.deleted = !hive.entry.isAllocated
        var folder: PrivateFolder?
        do {
            let metadata = try fileSystem.metadata(of: hive.entry.address)
            provenance.mftSequence = metadata.sequence
            provenance.size = metadata.size
            provenance.created = metadata.created
            provenance.modified = metadata.modified
            provenance.mftChanged = metadata.changed
            provenance.accessed = metadata.accessed
            let made = try PrivateFolder()
            folder = made
            let bytes = try fileSystem.contents(of: hive.entry.address)
            provenance.sha256 = FileDigest.sha256(of: bytes)
            try made.write(bytes, name: hive.entry.name)
            for log in hive.logs {
                guard let logBytes = try? fileSystem.contents(of: log.address) else { continue }  // named in the record's logs report as missing
                try made.write(logBytes, name: log.name)
                provenance.logs.append(LogSource(name: log.name, mftEntry: log.address, size: Int64(logBytes.count),
                                                 sha256: FileDigest.sha256(of: logBytes), applied: false))
            }
            return .success(Extracted(folder: made, name: hive.entry.name, display: display, pathInFileSystem: hive.path,
                                      provenance: provenance, options: options))
        } catch {
            folder?.remove()
            var record = ScanRecord(path: display, status: .error)
            record.user = ScanRecord.userName(fromPath: hive.path)
            record.hive.error = "\(display): \(ImageScan.detail(error))"
            record.hive.errorKind = (error as? DiskImageError)?.kind == .unreadable ? "imageUnreadable" : "ioError"
            record.source = provenance
            return .failure(Failed(record: record))
        }
    }

    /// The record with every mention of the temporary folder (paths of the hive and its logs, in
    /// errors and notes) replaced by the hive's place in the image.
    static func relabel(_ record: ScanRecord, from temporary: String, to display: String) -> ScanRecord {
        func fix(_ text: String) -> String { text.replacing(temporary, with: display) }
        var record = record
        var hive = record.hive
        hive.error = hive.error.map(fix)
        hive.warnings = hive.warnings.map(fix)
        hive.problems = hive.problems.map(fix)
        hive.path = fix(hive.path)
        for index in hive.transactionLogs.indices { hive.transactionLogs[index].path = fix(hive.transactionLogs[index].path) }
        if var logs = hive.logs {
            for index in logs.applied.indices { logs.applied[index].path = fix(logs.applied[index].path) }
            for index in logs.skipped.indices {
                logs.skipped[index].path = fix(logs.skipped[index].path)
                logs.skipped[index].reason = fix(logs.skipped[index].reason)
            }
            logs.warnings = logs.warnings.map(fix)
            hive.logs = logs
        }
        record.hive = hive
        return record
    }
}

extension ImageHiveReader.Extracted {
    /// Step 2, without The Sleuth Kit (safe on several threads): reads the copy like any hive file,
    /// names the record after the hive's place in the image, attaches the provenance, removes the copy.
    func record() -> ScanRecord {
        defer { folder.remove() }
        let scanned = ScanRecord.scan(path: folder.path + "/" + name, options: options.openOptions, includingDeleted: options.includingDeleted,
                                      includingOutlook: options.includingOutlook)
        var record = ImageHiveReader.relabel(scanned, from: folder.path + "/", to: String(display.dropLast(name.count)))
        var provenance = provenance
        let applied = Set(record.hive.logs?.applied.map { String($0.path.split(separator: "/").last ?? "") } ?? [])
        for index in provenance.logs.indices { provenance.logs[index].applied = applied.contains(provenance.logs[index].name) }
        record.hive.path = display
        record.user = ScanRecord.userName(fromPath: pathInFileSystem)
        record.source = provenance
        return record
    }
}

/// A folder only this user can read, under the temporary directory, for one hive and its logs.
struct PrivateFolder: Sendable {
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
