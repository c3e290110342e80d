// SHA-256 (FIPS 180-4) for hashing evidence: the x86 SHA extensions where the CPU has them, portable
// C elsewhere. Tests compare both paths with each other and with independent implementations.
#ifndef HIVETOOL_CSHA256_H
#define HIVETOOL_CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// A SHA-256 computation in progress. Start it with hivetool_sha256_init.
typedef struct {
    uint32_t state[8];
    uint64_t length;          // bytes hashed so far
    uint8_t buffer[64];       // a partial block
    uint32_t buffered;        // bytes in buffer
    int32_t uses_extensions;  // 1: the SHA extensions compress blocks
} hivetool_sha256;

/// Starts a hash; `allow_extensions` 0 forces the portable code (for tests).
void hivetool_sha256_init(hivetool_sha256 *context, int allow_extensions);

/// Adds `count` bytes at `bytes` (may be NULL when count is 0).
void hivetool_sha256_update(hivetool_sha256 *context, const void *bytes, size_t count);

/// Pads, and writes the 32-byte digest to `digest`. The context is then spent.
void hivetool_sha256_final(hivetool_sha256 *context, uint8_t digest[32]);

/// 1 when this CPU has the SHA extensions (and SSSE3 and SSE4.1) and they will be used.
int hivetool_sha256_cpu_has_extensions(void);

#endif
