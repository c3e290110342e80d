internal import CTSK

/// MD5 of bytes given in pieces, by The Sleuth Kit's implementation: E01 images store MD5 and SHA-1
/// of the acquired media, and `--hash-image` compares them.
public struct MD5Hasher {
    private var context = TSK_MD5_CTX()

    /// Starts a hash.
    public init() { TSK_MD5_Init(&context) }

    /// Adds `bytes`.
    public mutating func update(_ bytes: [UInt8]) {
        forEachPiece(of: bytes) { TSK_MD5_Update(&context, $0, UInt32($1)) }
    }

    /// The 16-byte digest of everything added.
    public consuming func finalize() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 16)
        digest.withUnsafeMutableBufferPointer { TSK_MD5_Final($0.baseAddress, &context) }
        return digest
    }
}

/// SHA-1 of bytes given in pieces, by The Sleuth Kit's implementation (see ``MD5Hasher``).
public struct SHA1Hasher {
    private var context = TSK_SHA_CTX()

    /// Starts a hash.
    public init() { TSK_SHA_Init(&context) }

    /// Adds `bytes`.
    public mutating func update(_ bytes: [UInt8]) {
        forEachPiece(of: bytes) { TSK_SHA_Update(&context, $0, Int32($1)) }
    }

    /// The 20-byte digest of everything added.
    public consuming func finalize() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        digest.withUnsafeMutableBufferPointer { TSK_SHA_Final($0.baseAddress, &context) }
        return Array(digest.prefix(20))
    }
}

/// Calls `body` with each piece of `bytes` of at most 1 GiB (its start and length): TSK's update
/// functions take 32-bit lengths.
private func forEachPiece(of bytes: [UInt8], _ body: (UnsafeMutablePointer<UInt8>?, Int) -> Void) {
    bytes.withUnsafeBufferPointer { all in
        var start = 0
        while start < all.count {
            let count = min(all.count - start, 1 << 30)
            body(UnsafeMutablePointer(mutating: all.baseAddress! + start), count)
            start += count
        }
    }
}
