import Foundation
import Hivex
import RegistryFormat

/// A dirty hive whose newer state sits only in a new-format transaction log, as Windows 8.1+ leaves
/// a user hive: the primary is `sample` made dirty, and `NAME.LOG1` holds one entry with every page
/// that `edit` changed (the image may grow). Built with hivex and ``TransactionLogWriter``.
public struct DirtyHiveFixture {
    /// The dirty primary.
    public let hive: String
    /// Its log.
    public let log: String

    /// Writes `name` and `name.LOG1` into `folder`.
    public init(sample: String, name: String, in folder: TemporaryDirectory, edit: (Hive) throws -> Void) throws {
        let old = [UInt8](try Data(contentsOf: URL(fileURLWithPath: sample)))
        let scratch = folder.file(".\(name).scratch")
        let edited = folder.file(".\(name).edited")
        defer {
            try? FileManager.default.removeItem(atPath: scratch)
            try? FileManager.default.removeItem(atPath: edited)
        }
        try FileManager.default.copyItem(atPath: sample, toPath: scratch)
        do {
            let writable = try Hive(path: scratch, options: [.writable, .ignoreLogs])
            try edit(writable)
            try writable.commit(to: edited)
        }
        let new = [UInt8](try Data(contentsOf: URL(fileURLWithPath: edited)))
        let sequence = old.uint32(at: BaseBlockLayout.primarySequenceNumber)
        let entry = TransactionLogWriter.Entry(sequenceNumber: sequence,
                                               hiveBinsDataSize: new.uint32(at: BaseBlockLayout.hiveBinsDataSize),
                                               pages: TransactionLogWriter.changedPages(from: old, to: new))
        hive = folder.file(name)
        log = folder.file(name + ".LOG1")
        try Data(TransactionLogWriter.makeDirty(old, primarySequence: sequence &+ 1)).write(to: URL(fileURLWithPath: hive))
        try Data(TransactionLogWriter.newFormatLog(baseBlock: Array(new[0..<BaseBlock.size]), entries: [entry]))
            .write(to: URL(fileURLWithPath: log))
    }
}
