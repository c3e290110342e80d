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
import Glibc
import RegistryFormat

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let parts = split(UnsafeRawBufferPointer(start: data, count: size))
    let logs = parts.dropFirst().enumerated().map { TransactionLogInput(path: "HIVE.LOG\($0.offset + 1)", bytes: [UInt8]($0.element)) }
    // The primary is read in place, as a mapped hive is (HiveBytes over libFuzzer's buffer, no copy).
    let result = LogReplay.replay(primary: HiveBytes(buffer: parts[0], owner: nil), logs: logs)
    check(result, logCount: logs.count)
    return 0
}

/// "fuzzLOG!" as a little-endian word.
let separatorWord: UInt64 = 0x2147_4F4C_7A7A_7566
let separatorLength = 8

/// The input's parts at each separator (the first is the primary, possibly empty), found with
/// memchr and one 8-byte compare: a byte-by-byte Swift loop, under ASan and libFuzzer's comparison
/// tracing, cost more than the replay itself (the dictionary teaches libFuzzer the separator).
func split(_ bytes: UnsafeRawBufferPointer) -> [UnsafeRawBufferPointer] {
    guard let base = bytes.baseAddress, bytes.count >= separatorLength else { return [bytes] }
    var parts: [UnsafeRawBufferPointer] = []
    var start = 0
    var index = 0
    let last = bytes.count - separatorLength
    while index <= last, let hit = memchr(base + index, 0x66, last - index + 1) {
        let position = base.distance(to: UnsafeRawPointer(hit))
        if UnsafeRawPointer(hit).loadUnaligned(as: UInt64.self) == separatorWord {
            parts.append(UnsafeRawBufferPointer(rebasing: bytes[start..<position]))
            index = position + separatorLength
            start = index
        } else {
            index = position + 1
        }
    }
    parts.append(UnsafeRawBufferPointer(rebasing: bytes[start...]))
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
