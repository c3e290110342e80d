internal import CTSK

/// MD5 of bytes given in pieces, by The Sleuth Kit's implementation: E01 images store MD5 and SHA-1
/// of the acquired media, and `--hash-image` compares them.
public struct MD5Hasher {
    private var context = TSK_MD5_CTX()

    /// Starts a hash.
    public init() { TSK_MD5_Init(&context) }

    /// Adds `bytes`.
    public mutating func update(_ bytes: [UInt8]) {
        var rest = bytes[...]
        while !rest.isEmpty {
            let piece = rest.prefix(1 << 30)
            piece.withUnsafeBufferPointer { TSK_MD5_Update(&context, UnsafeMutablePointer(mutating: $0.baseAddress), UInt32($0.count)) }
            rest = rest.dropFirst(piece.count)
        }
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
        var rest = bytes[...]
        while !rest.isEmpty {
            let piece = rest.prefix(1 << 30)
            piece.withUnsafeBufferPointer { TSK_SHA_Update(&context, UnsafeMutablePointer(mutating: $0.baseAddress), Int32($0.count)) }
            rest = rest.dropFirst(piece.count)
        }
    }

    /// The 20-byte digest of everything added.
    public consuming func finalize() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        digest.withUnsafeMutableBufferPointer { TSK_SHA_Final($0.baseAddress, &context) }
        return Array(digest.prefix(20))
    }
}
