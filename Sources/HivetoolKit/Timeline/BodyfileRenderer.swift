/// The Sleuth Kit's body file, format 3.x, as `mactime -b` reads it:
/// `MD5|name|inode|mode_as_string|UID|GID|size|atime|mtime|ctime|crtime`.
///
/// A key has one timestamp, its last-write time: it goes to mtime and every other field is 0. The
/// name carries the hive file, the key path and the fact, the user and the hive's SHA-256:
/// `HIVE:KEY - Profile key last written: NAME (...) - user U - SHA-256 H`.
public enum BodyfileRenderer {
    /// One line, ending with a newline.
    public static func line(_ event: TimelineEvent) -> String {
        var parts = ["\(event.hive):\(event.keyPath)", event.summary]
        if let user = event.user { parts.append("user \(user)") }
        parts.append("SHA-256 \(event.hiveSHA256)")
        let name = parts.joined(separator: " - ")
        let mtime = String(event.epochSeconds)
        return ["0", PipeSeparatedField.escaped(name), "0", "0", "0", "0", "0", "0", mtime, "0", "0"]
            .joined(separator: "|") + "\n"
    }
}
