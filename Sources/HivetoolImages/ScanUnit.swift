import FoundationEssentials
import Glibc
import HivetoolKit

/// What `scan` does with one path its worker is given, decided by the file's content: a disk image
/// gives one record per hive found in it, anything else is read as a hive file.
public enum ScanUnit {
    public static func records(path: String, options: ImageScan.Options) -> [ScanRecord] {
        if isLaterSegment(path) { return [] }
        if ImageSignature.isDiskImage(path: path) { return ImageScan(path: path, options: options).records() }
        return [ScanRecord.scan(path: path, options: options.openOptions, includingDeleted: options.includingDeleted,
                                includingOutlook: options.includingOutlook)]
    }

    /// A second or later segment of a split image whose first segment lies beside it
    /// (`disk.002` beside `disk.001`, `case.E02` beside `case.E01`): read with the first, never alone,
    /// so that `scan case.E0*` reports each image once.
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
