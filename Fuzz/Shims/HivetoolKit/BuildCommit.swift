// Fuzz-build stand-in for the file BuildCommitPlugin generates in SwiftPM builds (scripts/fuzz
// compiles HivetoolKit with swiftc, without the plugin).
enum BuildCommit {
    static let hash = "unknown"
}
