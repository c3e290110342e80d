/// The hive file being rebuilt: a copy of the primary's bytes, made when the first page is written
/// (the one copy replay makes), grown as log entries ask, with a cap so that a forged size field
/// cannot make replay allocate gigabytes.
struct ReplayImage {
    private let primary: HiveBytes
    private var copy: [UInt8]?
    /// The file's bytes.
    var bytes: [UInt8] { copy ?? primary.array }
    /// The largest size the image may reach: the primary plus every log's bytes (new hive bins must
    /// come from the logs), rounded up to whole hive bins. Not in yarp; a safety bound.
    let sizeLimit: Int

    init(primary: HiveBytes, logBytes: Int) {
        self.primary = primary
        let alignment = BaseBlockLayout.hiveBinAlignment
        let raw = BaseBlock.size + primary.count + logBytes
        sizeLimit = (raw + alignment - 1) / alignment * alignment
    }

    /// Grows the image with zeros to at least `length` bytes (never shrinks it).
    /// - Returns: false, changing nothing, when `length` exceeds ``sizeLimit``.
    mutating func grow(toAtLeast length: Int) -> Bool {
        guard length <= sizeLimit else { return false }
        if copy == nil { copy = primary.array }
        if length > copy!.count { copy!.append(contentsOf: repeatElement(0, count: length - copy!.count)) }
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
        copy!.replaceSubrange(destination, with: log[source])
        return true
    }

    /// Replaces the first 4096 bytes with `baseBlock`, growing the image if it is shorter.
    mutating func setBaseBlock(_ baseBlock: [UInt8]) {
        if copy == nil { copy = primary.array }
        if copy!.count < BaseBlock.size { copy!.append(contentsOf: repeatElement(0, count: BaseBlock.size - copy!.count)) }
        copy!.replaceSubrange(0..<BaseBlock.size, with: baseBlock.prefix(BaseBlock.size))
    }
}
