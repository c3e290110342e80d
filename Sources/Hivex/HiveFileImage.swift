import RegistryFormat

/// A hive file mapped read-only, its base block checked and, unless told otherwise, its transaction
/// logs replayed in memory: the image ``Hive`` gives hivex, for readers that need only the bytes
/// (hivetool's own reader) and not hivex's handle. Nothing is written to the file or its logs.
public struct HiveFileImage {
    /// The file this image was read from.
    public let path: String
    /// The primary file's base block as parsed before any log replay (it tells whether the file on
    /// disk is dirty).
    public let baseBlock: BaseBlock
    /// What was done with the transaction logs; nil when there are none or ``Hive/OpenOptions/ignoreLogs``
    /// was given.
    public let logReplay: LogReplayReport?
    /// The primary file, mapped once.
    let file: MappedFile
    /// The replayed hive, when logs were applied.
    let replayedImage: InMemoryHiveImage?

    /// Maps the hive at `path`, checks its base block and replays its logs in memory (not with
    /// ``Hive/OpenOptions/ignoreLogs``; other options are ignored).
    ///
    /// `whenMapped` is called with the primary file's bytes as soon as they are mapped, before the
    /// base block is checked: see ``Hive/init(path:options:whenMapped:whenImageReady:)``.
    /// - Throws: ``HiveError`` when the file is missing, not a regular file, not a primary hive,
    ///   truncated or has a bad header checksum and no log repairs it.
    public init(path: String, options: Hive.OpenOptions = [], whenMapped: (HiveBytes) -> Void = { _ in }) throws {
        let file = try HiveFile.map(path: path, operation: "open")
        whenMapped(file.bytes)
        let block = try BaseBlock.read(bytes: file.bytes, path: path)
        var replay: LogReplayReport?
        var image: InMemoryHiveImage?
        if block.fileType == .primary, !options.contains(.ignoreLogs) {
            (replay, image) = try Hive.replayLogs(path: path, primary: file.bytes, baseBlock: block)
        }
        if image == nil, let problem = block.problem {
            let kind: HiveError.Kind = block.fileType == .primary ? .corrupt : .notAHive
            let lead = kind == .notAHive ? "not a registry hive: the file" : "hive is corrupt: the file"
            throw HiveError(kind, operation: "open", path: path, message: "\(lead) \(problem)")
        }
        self.path = path
        self.file = file
        self.baseBlock = block
        self.logReplay = replay
        self.replayedImage = image
    }

    /// The bytes of the hive as read, without a copy: the replayed image when logs were applied, else
    /// the file. They keep their mapping alive: valid as long as the returned value lives.
    public var bytes: HiveBytes { replayedImage?.mapping?.bytes ?? file.bytes }

    /// The path hivex opens: the replayed image's when logs were applied, else the file's.
    var hivexPath: String { replayedImage?.path ?? path }
}
