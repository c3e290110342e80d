import FoundationEssentials
import Glibc
import HivetoolKit

/// What `scan` does with one path its worker is given, decided by the file's content: a disk image
/// gives one record per hive found in it, anything else is read as a hive file.
public enum ScanUnit {
    public static func records(path: String, options: ImageScan.Options) -> [ScanRecord] {
        if ImageSignature.isDiskImage(path: path) { return ImageScan(path: path, options: options).records() }
        return [ScanRecord.scan(path: path, options: options.openOptions, includingDeleted: options.includingDeleted,
                                includingOutlook: options.includingOutlook)]
    }

    /// `files` without the second and later segments of split images whose first segment is also
    /// in `files` (`disk.002` with `disk.001`, `case.E02` with `case.E01`): those are read with the
    /// first, so `scan case.E0*` reports each image once. A later segment named without its first
    /// is kept, and gets a record of its own (an error when it cannot be read alone).
    public static func withoutLaterSegments(_ files: [String]) -> [String] {
        let given = Set(files)
        return files.filter { path in
            guard isLaterSegment(path), let first = firstSegment(of: path) else { return true }
            return !given.contains(first)
        }
    }

    /// The first segment's path for a later segment's name (`disk.001` for `disk.002`), or nil.
    static func firstSegment(of path: String) -> String? {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        let stem = path[..<dot]
        let suffix = String(path[path.index(after: dot)...])
        if suffix.count == 3, let number = Int(suffix), number > 1 { return stem + ".001" }
        if suffix.count == 3, let letter = suffix.first, "Ee".contains(letter), let number = Int(suffix.dropFirst()), number > 1 {
            return stem + ".\(letter)01"
        }
        return nil
    }

    /// A second or later segment of a split image whose first segment lies beside it
    /// (`disk.002` beside `disk.001`, `case.E02` beside `case.E01`).
    static func isLaterSegment(_ path: String) -> Bool {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return false }
        let stem = path[..<dot]
        let suffix = String(path[path.index(after: dot)...])
        let first: String
        if suffix.count == 3, let number = Int(suffix), number > 1 {
            first = "001"
        } else if suffix.count == 3, let letter = suffix.first, "Ee".contains(letter), let number = Int(suffix.dropFirst()), number > 1 {
            first = "\(letter)01"
        } else {
            return false
        }
        return access(stem + "." + first, F_OK) == 0
    }
}
