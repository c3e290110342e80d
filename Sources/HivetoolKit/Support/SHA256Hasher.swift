import CSHA256

/// SHA-256 over bytes given in pieces: our C implementation (Sources/CSHA256), compressing blocks
/// with the CPU's SHA extensions where it has them. Tests compare it with sha256sum and Python's hashlib.
public struct SHA256Hasher {
    private var context = hivetool_sha256()

    /// Starts a hash; `portable` forces the plain C code even where the SHA extensions exist (for tests).
    public init(portable: Bool = false) {
        hivetool_sha256_init(&context, portable ? 0 : 1)
    }

    /// Whether this hasher compresses blocks with the SHA extensions.
    public var usesSHAExtensions: Bool { context.uses_extensions != 0 }

    /// Adds `bytes`.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        hivetool_sha256_update(&context, bytes.baseAddress, bytes.count)
    }

    /// Adds `bytes`.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The 32-byte digest of everything added.
    public consuming func finalize() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        digest.withUnsafeMutableBufferPointer { hivetool_sha256_final(&context, $0.baseAddress) }
        return digest
    }

    /// The 32-byte digest of `bytes`.
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var hasher = SHA256Hasher()
        hasher.update(bytes)
        return hasher.finalize()
    }
}
