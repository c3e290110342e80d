import Dispatch
import HivetoolKit

/// Reads an image's hives `threads` at a time: The Sleuth Kit copies each batch out on one thread
/// (its handles are not thread-safe), then the copies are read in parallel, as `scan` reads files.
enum ParallelReading {
    static func records(of hives: [ImageHiveLocator.Found], reader: ImageHiveReader, threads: Int) -> [ScanRecord] {
        var records: [ScanRecord] = []
        var start = 0
        while start < hives.count {
            let batch = hives[start..<min(start + threads, hives.count)].map(reader.extract)
            let results = ResultSlots(count: batch.count)
            DispatchQueue.concurrentPerform(iterations: batch.count) { index in
                switch batch[index] {
                case .success(let extracted): results.set(index, extracted.record())
                case .failure(let failed): results.set(index, failed.record)
                }
            }
            records += results.values
            start += threads
        }
        return records
    }

    /// One slot per iteration, each written by exactly one thread, read after all have finished.
    private final class ResultSlots: @unchecked Sendable {
        private var slots: [ScanRecord?]
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ record: ScanRecord) { slots[index] = record }
        var values: [ScanRecord] { slots.compactMap { $0 } }
    }
}
