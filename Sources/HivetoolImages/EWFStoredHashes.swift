import FoundationEssentials
import RegistryFormat
import Glibc
import HivetoolKit

/// The MD5 and SHA-1 an E01 stores about its media (its `hash` and `digest` sections), read by
/// walking each segment file's section chain, and whether that chain is complete. The Sleuth Kit
/// exposes neither.
struct EWFStoredHashes {
    var md5: String?
    var sha1: String?
    /// Whether the section chain reached the `done` section that ends the last segment: false for a
    /// truncated image or one missing its last segment.
    var isComplete = false

    /// EWF (E01) segment file layout: a 13-byte file header, then 76-byte section descriptors
    /// (type: 16 bytes, next section's offset: 8, size: 8), each followed by its data.
    static let fileHeaderSize = 13
    static let descriptorSize = 76

    static func read(segments: [String]) -> EWFStoredHashes {
        var result = EWFStoredHashes()
        for segment in segments { result.read(segment: segment) }
        return result
    }

    private mutating func read(segment: String) {
        let descriptor = open(segment, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var offset = Int64(Self.fileHeaderSize)
        var visited: Set<Int64> = []
        while visited.insert(offset).inserted {
            let header = ImageSignature.readBytes(descriptor, at: offset, count: Self.descriptorSize)
            guard header.count == Self.descriptorSize else { return }
            let type = String(decoding: header[0..<16].prefix { $0 != 0 }, as: UTF8.self)
            let next = header[16..<24].reversed().reduce(Int64(0)) { $0 << 8 | Int64($1) }
            let data = offset + Int64(Self.descriptorSize)
            switch type {
            case "hash":
                md5 = Self.hex(ImageSignature.readBytes(descriptor, at: data, count: 16), length: 16) ?? md5
            case "digest":
                let bytes = ImageSignature.readBytes(descriptor, at: data, count: 36)
                md5 = Self.hex(Array(bytes.prefix(16)), length: 16) ?? md5
                sha1 = Self.hex(Array(bytes.dropFirst(16)), length: 20) ?? sha1
            case "done":
                isComplete = true
                return
            case "next":
                return
            default:
                break
            }
            guard next > offset else { return }
            offset = next
        }
    }

    /// Lowercase hex, or nil for a missing or all-zero hash (none stored).
    static func hex(_ bytes: [UInt8], length: Int) -> String? {
        guard bytes.count == length, bytes.contains(where: { $0 != 0 }) else { return nil }
        return HexText.bytes(bytes)
    }
}
