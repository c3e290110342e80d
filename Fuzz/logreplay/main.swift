// libFuzzer harness: RegistryFormat's transaction-log replay, LogReplay.replay(primary:logs:).
//
// One input holds a primary hive and its logs, split at the 8-byte separator `fuzzLOG!`
// (Fuzz/logreplay/logreplay.dict teaches libFuzzer the separator and the record signatures):
//     PRIMARY [fuzzLOG! LOG1 [fuzzLOG! LOG2 ...]]
// Besides "no trap, no hang", the harness checks LogReplay's documented contract on every input:
// an image exists exactly when a log applied, and the image's base block is a clean primary
// (valid checksum, equal sequence numbers, both set to `sequenceAfter`, file type 0).
//
// Built and run by scripts/fuzz (target `logreplay`); see FUZZING.md.
import RegistryFormat

let separator = Array("fuzzLOG!".utf8)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let parts = split(UnsafeBufferPointer(start: data, count: size))
    let logs = parts.dropFirst().enumerated().map { TransactionLogInput(path: "HIVE.LOG\($0.offset + 1)", bytes: $0.element) }
    let result = LogReplay.replay(primary: parts[0], logs: logs)
    check(result, logCount: logs.count)
    return 0
}

/// The input's parts at each separator (the first is the primary, possibly empty).
func split(_ bytes: UnsafeBufferPointer<UInt8>) -> [[UInt8]] {
    var parts: [[UInt8]] = []
    var start = 0
    var index = 0
    while index + separator.count <= bytes.count {
        if bytes[index] == separator[0] && bytes[index..<index + separator.count].elementsEqual(separator) {
            parts.append(Array(bytes[start..<index]))
            index += separator.count
            start = index
        } else {
            index += 1
        }
    }
    parts.append(Array(bytes[start..<bytes.count]))
    return parts
}

func check(_ result: LogReplayResult, logCount: Int) {
    precondition(result.didApply == !result.applied.isEmpty, "an image exists exactly when a log applied")
    precondition(result.applied.count + result.skipped.count <= logCount, "more logs reported than given")
    guard let image = result.image else {
        precondition(result.sequenceAfter == nil, "sequenceAfter without an image")
        return
    }
    guard let block = BaseBlock(bytes: Array(image.prefix(BaseBlock.size)), fileSize: UInt64(image.count)) else {
        preconditionFailure("the replayed image has no regf base block")
    }
    precondition(block.checksumIsValid, "the replayed image's checksum is wrong")
    precondition(!block.isDirty, "the replayed image is still dirty")
    precondition(block.primarySequenceNumber == result.sequenceAfter, "the image's sequence number is not sequenceAfter")
    precondition(block.fileType == .primary, "the replayed image is not a primary hive")
    _ = block.problem
}
