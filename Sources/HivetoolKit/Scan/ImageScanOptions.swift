import Hivex

/// How `scan` reads a disk image, and the command line that carries it to the image reader
/// (`hivetool-images`, a program of its own so that `hivetool` does not load The Sleuth Kit).
public struct ImageScanOptions: Hashable, Sendable {
    /// How each hive is opened (`ignoreLogs`, `unsafe`).
    public var openOptions: Hive.OpenOptions
    /// Search user hives' free space for deleted profiles and marks.
    public var includingDeleted: Bool
    /// Read user hives' Outlook history in brief (`outlook`).
    public var includingOutlook: Bool
    /// Hash the whole media (and check an E01's stored hashes).
    public var hashImage: Bool
    /// Hives read at once (each copied out first, then read on its own thread).
    public var threads: Int
    /// Also read deleted `NTUSER.DAT` files whose MFT entries are free but not reused.
    public var deletedFiles: Bool

    public init(openOptions: Hive.OpenOptions = [], includingDeleted: Bool = true, includingOutlook: Bool = true, hashImage: Bool = false,
                threads: Int = 1, deletedFiles: Bool = false) {
        self.openOptions = openOptions
        self.includingDeleted = includingDeleted
        self.includingOutlook = includingOutlook
        self.hashImage = hashImage
        self.threads = max(1, threads)
        self.deletedFiles = deletedFiles
    }

    /// The options as `hivetool-images` arguments (before the image's path).
    public var arguments: [String] {
        var arguments: [String] = []
        if openOptions.contains(.ignoreLogs) { arguments.append("--no-logs") }
        if openOptions.contains(.unsafe) { arguments.append("--unsafe") }
        if !includingDeleted { arguments.append("--no-deleted") }
        if !includingOutlook { arguments.append("--no-outlook") }
        if hashImage { arguments.append("--hash-image") }
        if deletedFiles { arguments.append("--deleted-files") }
        return arguments + ["--threads", String(threads)]
    }

    /// The options and the image path from `hivetool-images` arguments; nil when they are not
    /// what ``arguments`` writes followed by one path.
    public static func parse(_ arguments: [String]) -> (options: ImageScanOptions, path: String)? {
        var options = ImageScanOptions()
        var remaining = arguments[...]
        while let argument = remaining.first, argument.hasPrefix("--") {
            remaining = remaining.dropFirst()
            switch argument {
            case "--no-logs": options.openOptions.insert(.ignoreLogs)
            case "--unsafe": options.openOptions.insert(.unsafe)
            case "--no-deleted": options.includingDeleted = false
            case "--no-outlook": options.includingOutlook = false
            case "--hash-image": options.hashImage = true
            case "--deleted-files": options.deletedFiles = true
            case "--threads":
                guard let count = remaining.first.flatMap({ Int($0) }), count > 0 else { return nil }
                options.threads = count
                remaining = remaining.dropFirst()
            default: return nil
            }
        }
        guard remaining.count == 1, let path = remaining.first else { return nil }
        return (options, path)
    }
}
