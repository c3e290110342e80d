/// hivetool's name, version and the git commit it was built from, so that a report can cite the build.
/// `hivetool --version` prints them and `scripts/package` names the Debian package after the version.
public enum HivetoolVersion {
    /// The tool's name.
    public static let name = "hivetool"
    /// The newest released heading of CHANGELOG.md (a test checks they agree).
    public static let current = "0.3.0"
    /// The full git commit id of the checkout the build was made from (recorded at build time by
    /// `BuildCommitPlugin`), or `unknown` when the sources were not a git checkout.
    public static let commit = BuildCommit.hash
    /// What `hivetool --version` prints: `0.3.0 (commit 1f2e...)`.
    public static var description: String { "\(current) (commit \(commit))" }
}

