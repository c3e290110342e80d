import ArgumentParser
import FoundationEssentials
import Hivex
import HivetoolKit

extension Hivetool {
    struct Recover: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "recover",
            abstract: "Write a dirty hive with its transaction logs applied to a new, clean hive file.",
            discussion: """
                Replays HIVE.LOG, .LOG1 and .LOG2 (any letter case) as Windows would, in memory, and writes \
                the result to OUTPUT, which must not exist: tools that ignore logs (hivex, reglookup, regfinfo, \
                RegRipper) then read what Windows would. The hive and its logs are only read. Exit 1 when no \
                log applies (the hive is clean, or every log is unusable: the reasons are printed).

                Examples:
                  hivetool recover NTUSER.DAT -o NTUSER.recovered.DAT
                  hivetool recover --format json /mnt/evidence/Users/alice/NTUSER.DAT \\
                    -o alice.DAT
                """
        )

        @Argument(help: "The dirty hive (its logs are found beside it).")
        var hive: String

        @Option(name: [.short, .customLong("output")], help: "The new hive file to write (must not exist).")
        var output: String

        @OptionGroup var formatOption: FormatOption
        @OptionGroup var unsafeOption: UnsafeOption

        func run() throws {
            try Console.run {
                MappedReadFailure.reading(hive)
                let opened = try Hive(path: hive, options: unsafeOption.openOptions)
                Console.warnIfUnsafe(unsafeOption.unsafe, path: hive)
                var recovery = try LogRecovery(hive: opened, output: output)  // nothing to recover: exit 1
                if unsafeOption.unsafe {
                    recovery.unsafe = true
                    recovery.problems = HiveRecord.unsafeProblems(of: opened)
                }
                switch formatOption.format {
                case .text:
                    var standardOutput = StandardOutput()
                    recovery.writeText(to: &standardOutput)
                case .json:
                    try Console.printJSON(recovery)
                }
                if !recovery.problems.isEmpty {
                    Console.warn("hivetool: \(hive): hive is corrupt: unsafe mode skipped \(recovery.problems.count) part(s)")
                    throw ExitCode(ExitStatus.badHive.rawValue)
                }
            }
        }
    }
}
