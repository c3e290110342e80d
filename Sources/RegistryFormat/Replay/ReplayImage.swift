/// The hive file being rebuilt: the primary's bytes, grown as log entries ask, with a cap so that a
/// forged size field cannot make replay allocate gigabytes.
struct ReplayImage {
    /// The file's bytes.
    private(set) var bytes: [UInt8]
    /// The largest size the image may reach: the primary plus every log's bytes (new hive bins must
    /// come from the logs), rounded up to whole hive bins. Not in yarp; a safety bound.
    let sizeLimit: Int

    init(primary: [UInt8], logBytes: Int) {
        bytes = primary
        let alignment = BaseBlockLayout.hiveBinAlignment
        let raw = BaseBlock.size + primary.count + logBytes
        sizeLimit = (raw + alignment - 1) / alignment * alignment
    }

    /// Grows the image with zeros to at least `length` bytes (never shrinks it).
    /// - Returns: false, changing nothing, when `length` exceeds ``sizeLimit``.
    mutating func grow(toAtLeast length: Int) -> Bool {
        guard length <= sizeLimit else { return false }
        if length > bytes.count { bytes.append(contentsOf: repeatElement(0, count: length - bytes.count)) }
        return true
    }

    /// Copies `page` from `log` into place, growing the image when the page ends past it.
    /// - Returns: false, changing nothing, when the page is not inside `log` or would pass ``sizeLimit``.
    mutating func write(_ page: DirtyPage, from log: [UInt8]) -> Bool {
        let source = page.logRange
        let destination = page.fileRange
        guard source.lowerBound >= 0, source.upperBound <= log.count, grow(toAtLeast: destination.upperBound) else {
            return false
        }
        bytes.replaceSubrange(destination, with: log[source])
        return true
    }

    /// Replaces the first 4096 bytes with `baseBlock`, growing the image if it is shorter.
    mutating func setBaseBlock(_ baseBlock: [UInt8]) {
        if bytes.count < BaseBlock.size { bytes.append(contentsOf: repeatElement(0, count: BaseBlock.size - bytes.count)) }
        bytes.replaceSubrange(0..<BaseBlock.size, with: baseBlock.prefix(BaseBlock.size))
    }
}
