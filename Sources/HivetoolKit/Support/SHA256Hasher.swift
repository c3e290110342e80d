import CSHA256

/// SHA-256 over bytes given in pieces, by our C code (Sources/CSHA256): the CPU's SHA extensions
/// where it has them, else the system's OpenSSL libcrypto (loaded when first needed), else portable C.
/// Tests compare every implementation with the FIPS 180-4 examples and coreutils' sha256sum.
public struct SHA256Hasher {
    /// Which code compresses the blocks.
    public enum Implementation: Int32, Sendable, CaseIterable {
        /// The x86 SHA extensions (SHA-NI).
        case shaExtensions
        /// OpenSSL's libcrypto.so.3.
        case libcrypto
        /// Portable C.
        case portable
    }

    private var context = hivetool_sha256()

    /// Starts a hash with the fastest implementation present.
    public init() {
        hivetool_sha256_init(&context, Int32(HIVETOOL_SHA256_BEST))
    }

    /// Starts a hash with `implementation`, or portable C where it is not available (for tests).
    public init(forcing implementation: Implementation) {
        let wanted = switch implementation {
        case .shaExtensions: HIVETOOL_SHA256_EXTENSIONS
        case .libcrypto: HIVETOOL_SHA256_LIBCRYPTO
        case .portable: HIVETOOL_SHA256_PORTABLE
        }
        hivetool_sha256_init(&context, Int32(wanted))
    }

    /// The implementation this hash uses.
    public var implementation: Implementation {
        switch Int(context.implementation) {
        case Int(HIVETOOL_SHA256_EXTENSIONS): .shaExtensions
        case Int(HIVETOOL_SHA256_LIBCRYPTO): .libcrypto
        default: .portable
        }
    }

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
