/// One run of bytes a transaction log holds for the hive: where it sits in the log and where it goes.
package struct DirtyPage: Hashable, Sendable {
    /// Destination, relative to the start of the hive bins data (file offset minus 4096).
    package var hiveBinsOffset: Int
    /// Where the page's bytes start in the log file.
    package var logOffset: Int
    /// Length in bytes.
    package var size: Int

    /// The destination range in the hive file.
    package var fileRange: Range<Int> {
        BaseBlock.size + hiveBinsOffset..<BaseBlock.size + hiveBinsOffset + size
    }

    /// The source range in the log file.
    package var logRange: Range<Int> { logOffset..<logOffset + size }
}
