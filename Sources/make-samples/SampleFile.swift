import Foundation
import Hivex

/// One sample hive file: its name and the code that fills an empty hive.
///
/// ``write(into:)`` never leaves a half-written sample behind: it builds the hive in a private
/// temporary directory beside the destination and renames the finished file over the old one.
struct SampleFile {
    /// Every sample's empty hive is stamped with this time, so reruns give identical bytes.
    static let timestamp = Date(timeIntervalSince1970: 1_714_555_800) // 2024-05-01T09:30:00Z

    /// The file name inside the output directory (also embedded in the hive's base block, unless
    /// ``embeddedFileName`` is given).
    var name: String
    /// The name stored in the base block, as Windows stores the path it loaded the hive from.
    var embeddedFileName: String? = nil
    /// Adds the sample's keys and values to a hive opened for writing.
    var build: (Hive) throws -> Void

    /// Writes the sample into `directory` and returns its path.
    func write(into directory: String) throws -> String {
        let destination = (directory as NSString).appendingPathComponent(name)
        let scratch = URL(fileURLWithPath: directory).appendingPathComponent(".make-samples-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: scratch) }

        // The empty hive keeps the final name so the name embedded in its base block is stable.
        let empty = scratch.appendingPathComponent(name).path
        let committed = scratch.appendingPathComponent(name + ".committed").path
        try EmptyHive.write(to: empty, embeddedFileName: embeddedFileName, time: SampleFile.timestamp)
        do {
            let hive = try Hive(path: empty, options: .writable)
            try build(hive)
            try hive.commit(to: committed)
        }
        try SampleFile.synchronize(committed)
        guard rename(committed, destination) == 0 else {
            throw HiveError(.ioError, operation: "rename", path: destination,
                            message: "cannot move the new sample into place: \(String(cString: strerror(errno)))")
        }
        return destination
    }

    /// Flushes a file hivex wrote (hivex itself never syncs).
    private static func synchronize(_ path: String) throws {
        guard let handle = FileHandle(forUpdatingAtPath: path) else {
            throw HiveError(.ioError, operation: "sync", path: path, message: "cannot open the committed hive")
        }
        defer { try? handle.close() }
        try handle.synchronize()
    }
}
