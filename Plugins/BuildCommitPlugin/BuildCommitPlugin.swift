import Foundation
import PackagePlugin

/// Generates `BuildCommit.swift` (`BuildCommit.hash`, the git commit the package is built from) for
/// the target it is applied to, with `BuildCommitTool`.
///
/// The command's inputs are the git files that name the commit (`HEAD`, the branch's ref file or
/// `packed-refs`), so it runs again only when the checkout moves to another commit. Without a
/// `.git` (a tarball, an export), the hash is `unknown` and the build needs no git.
@main
struct BuildCommitPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "BuildCommit.swift")
        var arguments = [output.path]
        var inputs: [URL] = []
        if let git = GitFolders(packageRoot: context.package.directoryURL) {
            arguments += [git.head.path, git.common.path]
            inputs = git.filesNamingCommit
        }
        return [.buildCommand(displayName: "Recording the git commit for \(target.name)",
                              executable: try context.tool(named: "BuildCommitTool").url,
                              arguments: arguments, inputFiles: inputs, outputFiles: [output])]
    }
}

/// Where a checkout's git data lives: `.git` may be a folder or, in a worktree or submodule, a file
/// saying `gitdir: PATH`, whose `commondir` file names the folder holding the refs.
struct GitFolders {
    /// The `HEAD` file of this checkout.
    var head: URL
    /// The folder with `refs/` and `packed-refs`.
    var common: URL

    init?(packageRoot: URL) {
        let dotGit = packageRoot.appending(path: ".git")
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isFolder) else { return nil }
        var gitFolder = dotGit
        if !isFolder.boolValue {
            guard let text = try? String(contentsOf: dotGit, encoding: .utf8), text.hasPrefix("gitdir:") else { return nil }
            gitFolder = Self.resolve(text.dropFirst("gitdir:".count), relativeTo: packageRoot)
        }
        head = gitFolder.appending(path: "HEAD")
        common = gitFolder
        if let text = try? String(contentsOf: gitFolder.appending(path: "commondir"), encoding: .utf8) {
            common = Self.resolve(Substring(text), relativeTo: gitFolder)
        }
        guard FileManager.default.fileExists(atPath: head.path) else { return nil }
    }

    /// `HEAD`, the ref it points to, and `packed-refs`: those of them that exist.
    var filesNamingCommit: [URL] {
        var files = [head, common.appending(path: "packed-refs")]
        if let text = try? String(contentsOf: head, encoding: .utf8), text.hasPrefix("ref:") {
            let reference = text.dropFirst("ref:".count).trimmingCharacters(in: .whitespacesAndNewlines)
            files.append(common.appending(path: reference))
        }
        return files.filter { FileManager.default.fileExists(atPath: $0.path) }
    }

    static func resolve(_ text: Substring, relativeTo folder: URL) -> URL {
        let path = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appending(path: path)
    }
}
