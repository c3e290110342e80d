// SHA-256 (FIPS 180-4) for hashing evidence: the x86 SHA extensions where the CPU has them, portable
// C elsewhere. Tests compare both paths with each other and with independent implementations.
#ifndef HIVETOOL_CSHA256_H
#define HIVETOOL_CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// The block functions a hash can use.
enum {
    /// The fastest present: the SHA extensions, else the system's OpenSSL libcrypto, else portable C.
    HIVETOOL_SHA256_BEST = 0,
    /// Portable C.
    HIVETOOL_SHA256_PORTABLE = 1,
    /// The x86 SHA extensions (SHA-NI, with SSSE3 and SSE4.1).
    HIVETOOL_SHA256_EXTENSIONS = 2,
    /// OpenSSL's libcrypto.so.3, loaded when first needed (its SSSE3/AVX2 code beats portable C
    /// about twofold on CPUs without the SHA extensions).
    HIVETOOL_SHA256_LIBCRYPTO = 3,
};

/// A SHA-256 computation in progress. Start it with hivetool_sha256_init; it may be copied (memcpy).
typedef struct {
    uint32_t state[8];
    uint64_t length;                 // bytes hashed so far
    uint8_t buffer[64];              // a partial block
    uint32_t buffered;               // bytes in buffer
    int32_t implementation;          // HIVETOOL_SHA256_PORTABLE, _EXTENSIONS or _LIBCRYPTO
    uint64_t libcrypto_context[16];  // OpenSSL's SHA256_CTX (112 bytes) for _LIBCRYPTO
} hivetool_sha256;

/// Starts a hash with the `wanted` block function; one that is not available here falls back to
/// portable C. Returns the implementation used.
int hivetool_sha256_init(hivetool_sha256 *context, int wanted);

/// Adds `count` bytes at `bytes` (may be NULL when count is 0).
void hivetool_sha256_update(hivetool_sha256 *context, const void *bytes, size_t count);

/// Pads, and writes the 32-byte digest to `digest`. The context is then spent.
void hivetool_sha256_final(hivetool_sha256 *context, uint8_t digest[32]);

/// 1 when this CPU has the SHA extensions (and SSSE3 and SSE4.1).
int hivetool_sha256_cpu_has_extensions(void);

#endif
