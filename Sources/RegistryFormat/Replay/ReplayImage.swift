/// The hive file being rebuilt, kept as the primary plus the writes over it (``ReplayedHive``):
/// nothing is copied while replaying. It grows as log entries ask, with a cap so that a forged size
/// field cannot make the replayed file gigabytes long.
struct ReplayImage {
    private(set) var replayed: ReplayedHive
    /// The file's bytes, copied out.
    var bytes: [UInt8] { replayed.bytes }
    /// The largest size the image may reach: the primary plus every log's bytes (new hive bins must
    /// come from the logs), rounded up to whole hive bins. Not in yarp; a safety bound.
    let sizeLimit: Int

    init(primary: HiveBytes, logBytes: Int) {
        replayed = ReplayedHive(primary: primary)
        let alignment = BaseBlockLayout.hiveBinAlignment
        let raw = BaseBlock.size + primary.count + logBytes
        sizeLimit = (raw + alignment - 1) / alignment * alignment
    }

    /// Grows the image with zeros to at least `length` bytes (never shrinks it).
    /// - Returns: false, changing nothing, when `length` exceeds ``sizeLimit``.
    mutating func grow(toAtLeast length: Int) -> Bool {
        guard length <= sizeLimit else { return false }
        replayed.length = max(replayed.length, length)
        return true
    }

    /// Writes `page` from `log` into place, growing the image when the page ends past it.
    /// - Returns: false, changing nothing, when the page is not inside `log` or would pass ``sizeLimit``.
    mutating func write(_ page: DirtyPage, from log: HiveBytes) -> Bool {
        let source = page.logRange
        let destination = page.fileRange
        guard source.lowerBound >= 0, source.upperBound <= log.count, source.count == destination.count,
              destination.lowerBound >= 0, grow(toAtLeast: destination.upperBound) else {
            return false
        }
        replayed.patches.append(ReplayedHive.Patch(offset: destination.lowerBound, bytes: log.bytes(source)))
        return true
    }

    /// Replaces the first 4096 bytes with `baseBlock`, growing the image if it is shorter.
    mutating func setBaseBlock(_ baseBlock: [UInt8]) {
        replayed.length = max(replayed.length, BaseBlock.size)
        var block = Array(baseBlock.prefix(BaseBlock.size))
        if block.count < BaseBlock.size { block += repeatElement(0, count: BaseBlock.size - block.count) }
        replayed.patches.append(ReplayedHive.Patch(offset: 0, bytes: HiveBytes(copying: block)))
    }
}
