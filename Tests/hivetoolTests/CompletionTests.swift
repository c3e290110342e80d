import Foundation
import Testing
import TestSupport

/// What the Debian package installs, checked on the built binary in every test run (the package
/// itself is built and installed by scripts/test-package, too slow for each run): the bash
/// completion that `--generate-completion-script` writes completes a subcommand name, and the
/// hidden worker is never offered.
@Suite struct CompletionTests {
    @Test func bashCompletesASubcommandNameAndHidesTheWorker() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let script = try CLI.run("--generate-completion-script", "bash")
        #expect(script.status == 0 && script.stdout.contains("_hivetool"), "\(script)")
        try Data(script.stdout.utf8).write(to: URL(fileURLWithPath: folder.file("hivetool.bash")))
        func complete(_ word: String) throws -> [String] {
            let result = try ExternalTool.run("bash", ["-c", """
                source "$1"
                COMP_LINE="hivetool $2"; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(hivetool "$2"); COMP_CWORD=1
                _hivetool hivetool "$2" hivetool
                printf '%s\\n' "${COMPREPLY[@]}"
                """, "bash", folder.file("hivetool.bash"), word])
            return result.stdout.split(separator: "\n").map(String.init)
        }
        #expect(try complete("list-pro") == ["list-profiles"])
        #expect(try complete("rec") == ["recover"])
        #expect(try complete("outl") == ["outlook"])
        #expect(!(try complete("scan")).contains("scan-worker"))
    }

    @Test func zshAndFishScriptsAreGenerated() throws {
        for shell in ["zsh", "fish"] {
            let script = try CLI.run("--generate-completion-script", shell)
            #expect(script.status == 0 && script.stdout.contains("list-profiles"), "\(shell): \(script)")
        }
    }
}
