import FoundationEssentials

extension TimelineEvent {
    /// The `$STANDARD_INFORMATION` times of a hive file read from a disk image, as events beside the
    /// key events (the key path is the file's path inside the file system).
    static func fileTimes(of source: EvidenceSource, record: ScanRecord) -> [TimelineEvent] {
        let times: [(Date?, Kind)] = [
            (source.created, .hiveFileCreated), (source.modified, .hiveFileModified),
            (source.mftChanged, .hiveFileMFTChanged), (source.accessed, .hiveFileAccessed),
        ]
        let entry = source.mftEntry.map { "MFT entry \($0)" + (source.mftSequence.map { "-\($0)" } ?? "") }
        let details = [entry, source.deleted ? "deleted" : nil, "image \(source.image.path)"].compactMap { $0 }.joined(separator: ", ")
        return times.compactMap { time, kind in
            time.map {
                TimelineEvent(time: $0, kind: kind, hive: record.path, hiveSHA256: record.hive.sha256 ?? source.sha256 ?? "",
                              user: record.user, keyPath: source.pathInFileSystem ?? "", details: details)
            }
        }
    }
}
