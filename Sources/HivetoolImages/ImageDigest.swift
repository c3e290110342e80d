import DiskImage
import FoundationEssentials
import RegistryFormat
import HivetoolKit

/// `--hash-image`: hashes the whole media through The Sleuth Kit (SHA-256, MD5, SHA-1) and, for an
/// E01, compares them with the hashes stored in the image at acquisition.
enum ImageDigest {
    static func fill(_ provenance: inout ImageProvenance, image: DiskImage) throws {
        var sha256 = SHA256Hasher()
        var md5 = MD5Hasher()
        var sha1 = SHA1Hasher()
        var offset: Int64 = 0
        let chunk = 4 << 20
        while offset < image.size {
            let bytes = try image.read(at: offset, count: chunk)
            guard !bytes.isEmpty else { break }
            sha256.update(bytes)
            md5.update(bytes)
            sha1.update(bytes)
            offset += Int64(bytes.count)
        }
        provenance.sha256 = HexText.bytes(sha256.finalize())
        provenance.md5 = HexText.bytes(md5.finalize())
        provenance.sha1 = HexText.bytes(sha1.finalize())
        guard provenance.type == "ewf" else { return }
        let stored = EWFStoredHashes.read(segments: provenance.segments)
        provenance.storedMD5 = stored.md5
        provenance.storedSHA1 = stored.sha1
        if stored.md5 != nil || stored.sha1 != nil {
            provenance.verified = (stored.md5 ?? provenance.md5) == provenance.md5 && (stored.sha1 ?? provenance.sha1) == provenance.sha1
        }
    }
}
