import Foundation
import Hivex

// make-samples: writes the sample hives of samples/ (NTUSER.DAT, SOFTWARE, NTUSER-outlook-history.DAT).
//
// Usage: swift run make-samples [OUTPUT_DIR]   (default: samples)
//
// The output is deterministic: the empty hives carry a fixed timestamp and every UID or
// "random" byte is derived from a fixed label, so rerunning rewrites the same bytes.

//        swift run make-samples --benchmark-hive PATH [KEYS] [VALUE_BYTES]   (a large hive for scripts/benchmark)

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--benchmark-hive", arguments.count >= 2 {
    let keys = arguments.count > 2 ? Int(arguments[2]) ?? 100_000 : 100_000
    let valueBytes = arguments.count > 3 ? Int(arguments[3]) ?? 1_000 : 1_000
    do {
        try BenchmarkHive.write(to: arguments[1], keyCount: keys, valueBytes: valueBytes)
        print("wrote \(arguments[1])")
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("make-samples: \(error)\n".utf8))
        exit(1)
    }
}
if arguments.contains("-h") || arguments.contains("--help") {
    print("usage: make-samples [OUTPUT_DIR]\n\nWrites the NTUSER.DAT, SOFTWARE and NTUSER-outlook-history.DAT sample hives into OUTPUT_DIR (default: samples).")
    exit(0)
}
guard arguments.count <= 1, !(arguments.first ?? "").hasPrefix("-") else {
    FileHandle.standardError.write(Data("usage: make-samples [OUTPUT_DIR]\n".utf8))
    exit(64)
}
let outputDirectory = arguments.first ?? "samples"

do {
    try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
    for sample in [SampleFile(name: "NTUSER.DAT", build: NTUSERSample.build),
                   SampleFile(name: "SOFTWARE", build: SOFTWARESample.build),
                   SampleFile(name: "NTUSER-outlook-history.DAT", build: OutlookHistorySample.build)] {
        let path = try sample.write(into: outputDirectory)
        print("wrote \(path)")
    }
} catch {
    FileHandle.standardError.write(Data("make-samples: \(error)\n".utf8))
    exit(1)
}
