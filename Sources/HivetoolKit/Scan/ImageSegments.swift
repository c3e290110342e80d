import Glibc

/// The segments of split disk images (`disk.001`, `disk.002`, ...; `case.E01`, `case.E02`, ...):
/// `scan` reads a split image once, from its first segment.
public enum ImageSegments {
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
        guard let first = firstSegment(of: path) else { return false }
        return access(first, F_OK) == 0
    }
}
