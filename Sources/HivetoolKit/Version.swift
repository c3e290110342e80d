/// hivetool's version: the newest released heading of CHANGELOG.md (a test checks they agree).
/// `hivetool --version` prints it and `scripts/package` names the Debian package after it.
public enum HivetoolVersion {
    public static let current = "0.2.0"
}

extension HivetoolVersion {
    /// The git commit hivetool was built from; "unknown" when the build did not record it.
    public static let commit = "unknown"
}
