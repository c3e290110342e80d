// SHA-256 (FIPS 180-4). Blocks are compressed by the x86 SHA extensions (SHA-NI) when the CPU has
// them; otherwise the system's OpenSSL libcrypto hashes (loaded with dlopen when first needed, so
// hivetool does not load it at start and runs without it), or portable C when it is absent. The
// padding and buffering around our two block functions are shared.
#include "CSHA256.h"

#include <dlfcn.h>
#include <pthread.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>
#define HIVETOOL_SHA256_X86 1
#endif

static const uint32_t round_constants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static const uint32_t initial_state[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

static inline uint32_t rotate_right(uint32_t value, unsigned bits) {
    return (value >> bits) | (value << (32 - bits));
}

static inline uint32_t load_big_endian(const uint8_t *bytes) {
    return ((uint32_t)bytes[0] << 24) | ((uint32_t)bytes[1] << 16) | ((uint32_t)bytes[2] << 8) | bytes[3];
}

/// Compresses `blocks` 64-byte blocks at `data` into `state`, in portable C.
static void compress_portable(uint32_t state[8], const uint8_t *data, size_t blocks) {
    uint32_t schedule[64];
    for (; blocks > 0; blocks--, data += 64) {
        for (int i = 0; i < 16; i++) schedule[i] = load_big_endian(data + 4 * i);
        for (int i = 16; i < 64; i++) {
            uint32_t s0 = rotate_right(schedule[i - 15], 7) ^ rotate_right(schedule[i - 15], 18) ^ (schedule[i - 15] >> 3);
            uint32_t s1 = rotate_right(schedule[i - 2], 17) ^ rotate_right(schedule[i - 2], 19) ^ (schedule[i - 2] >> 10);
            schedule[i] = schedule[i - 16] + s0 + schedule[i - 7] + s1;
        }
        uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
        uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
        for (int i = 0; i < 64; i++) {
            uint32_t sum1 = rotate_right(e, 6) ^ rotate_right(e, 11) ^ rotate_right(e, 25);
            uint32_t choice = (e & f) ^ (~e & g);
            uint32_t temp1 = h + sum1 + choice + round_constants[i] + schedule[i];
            uint32_t sum0 = rotate_right(a, 2) ^ rotate_right(a, 13) ^ rotate_right(a, 22);
            uint32_t majority = (a & b) ^ (a & c) ^ (b & c);
            uint32_t temp2 = sum0 + majority;
            h = g; g = f; f = e; e = d + temp1;
            d = c; c = b; b = a; a = temp1 + temp2;
        }
        state[0] += a; state[1] += b; state[2] += c; state[3] += d;
        state[4] += e; state[5] += f; state[6] += g; state[7] += h;
    }
}

#ifdef HIVETOOL_SHA256_X86
/// Compresses `blocks` 64-byte blocks with the SHA extensions. The state is kept as the two
/// registers the instructions use, ABEF and CDGH. Each group g of four rounds adds its four message
/// words to their constants; the schedule is four registers, the word group g + 1 finished by
/// sha256msg2 at group g (3...14) and prepared by sha256msg1 at group g (1...12).
__attribute__((target("sha,sse4.1,ssse3")))
static void compress_extensions(uint32_t state[8], const uint8_t *data, size_t blocks) {
    const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    __m128i cdab = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[0]), 0xB1);
    __m128i efgh = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[4]), 0x1B);
    __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
    __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);

    for (; blocks > 0; blocks--, data += 64) {
        const __m128i abef_before = abef, cdgh_before = cdgh;
        __m128i words[4];
        for (int i = 0; i < 4; i++) {
            words[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * i)), byte_swap);
        }
#pragma clang loop unroll(full)
        for (int group = 0; group < 16; group++) {
            __m128i message = _mm_add_epi32(words[group & 3], _mm_loadu_si128((const __m128i *)&round_constants[4 * group]));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, message);
            if (group >= 3 && group <= 14) {
                __m128i shifted = _mm_alignr_epi8(words[group & 3], words[(group - 1) & 3], 4);
                words[(group + 1) & 3] = _mm_add_epi32(words[(group + 1) & 3], shifted);
                words[(group + 1) & 3] = _mm_sha256msg2_epu32(words[(group + 1) & 3], words[group & 3]);
            }
            message = _mm_shuffle_epi32(message, 0x0E);
            abef = _mm_sha256rnds2_epu32(abef, cdgh, message);
            if (group >= 1 && group <= 12) {
                words[(group - 1) & 3] = _mm_sha256msg1_epu32(words[(group - 1) & 3], words[group & 3]);
            }
        }
        abef = _mm_add_epi32(abef, abef_before);
        cdgh = _mm_add_epi32(cdgh, cdgh_before);
    }

    __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
    _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(feba, dchg, 0xF0));
    _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(dchg, feba, 8));
}
#endif

static int cpu_has_extensions;
static pthread_once_t cpu_once = PTHREAD_ONCE_INIT;

static void detect_extensions(void) {
#ifdef HIVETOOL_SHA256_X86
    unsigned int eax = 0, ebx = 0, ecx = 0, edx = 0;
    if (__get_cpuid(1, &eax, &ebx, &ecx, &edx)) {
        int ssse3 = (ecx >> 9) & 1, sse41 = (ecx >> 19) & 1;
        if (ssse3 && sse41 && __get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) cpu_has_extensions = (ebx >> 29) & 1;
    }
#endif
}

int hivetool_sha256_cpu_has_extensions(void) {
    pthread_once(&cpu_once, detect_extensions);
    return cpu_has_extensions;
}

/// OpenSSL's low-level SHA-256 (deprecated in 3.0 but exported), which keeps its context in the
/// caller's memory, so a hash in progress can be copied like ours.
typedef int (*libcrypto_init_function)(void *context);
typedef int (*libcrypto_update_function)(void *context, const void *bytes, size_t count);
typedef int (*libcrypto_final_function)(uint8_t *digest, void *context);
static struct {
    libcrypto_init_function init;
    libcrypto_update_function update;
    libcrypto_final_function final;
} libcrypto;
static pthread_once_t libcrypto_once = PTHREAD_ONCE_INIT;

static void load_libcrypto(void) {
    void *library = dlopen("libcrypto.so.3", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) return;
    libcrypto_init_function init = (libcrypto_init_function)dlsym(library, "SHA256_Init");
    libcrypto_update_function update = (libcrypto_update_function)dlsym(library, "SHA256_Update");
    libcrypto_final_function final = (libcrypto_final_function)dlsym(library, "SHA256_Final");
    if (init == NULL || update == NULL || final == NULL) return;
    libcrypto.init = init;
    libcrypto.update = update;
    libcrypto.final = final;
}

static int libcrypto_is_available(void) {
    pthread_once(&libcrypto_once, load_libcrypto);
    return libcrypto.init != NULL;
}

static void compress(hivetool_sha256 *context, const uint8_t *data, size_t blocks) {
#ifdef HIVETOOL_SHA256_X86
    if (context->implementation == HIVETOOL_SHA256_EXTENSIONS) {
        compress_extensions(context->state, data, blocks);
        return;
    }
#endif
    compress_portable(context->state, data, blocks);
}

int hivetool_sha256_init(hivetool_sha256 *context, int wanted) {
    memset(context, 0, sizeof *context);
    memcpy(context->state, initial_state, sizeof initial_state);
    int has_extensions = hivetool_sha256_cpu_has_extensions();
    if (wanted == HIVETOOL_SHA256_BEST) {
        wanted = has_extensions ? HIVETOOL_SHA256_EXTENSIONS : HIVETOOL_SHA256_LIBCRYPTO;
    }
    if ((wanted == HIVETOOL_SHA256_EXTENSIONS && !has_extensions)
        || (wanted == HIVETOOL_SHA256_LIBCRYPTO && !(libcrypto_is_available() && libcrypto.init(context->libcrypto_context) == 1))
        || (wanted != HIVETOOL_SHA256_EXTENSIONS && wanted != HIVETOOL_SHA256_LIBCRYPTO)) {
        wanted = HIVETOOL_SHA256_PORTABLE;
    }
    context->implementation = wanted;
    return wanted;
}

void hivetool_sha256_update(hivetool_sha256 *context, const void *bytes, size_t count) {
    const uint8_t *data = bytes;
    if (count == 0) return;  // bytes may be NULL: memcpy and pointer arithmetic on NULL are undefined
    if (context->implementation == HIVETOOL_SHA256_LIBCRYPTO) {
        libcrypto.update(context->libcrypto_context, bytes, count);
        return;
    }
    context->length += count;
    if (context->buffered > 0) {
        size_t take = 64 - context->buffered;
        if (take > count) take = count;
        memcpy(context->buffer + context->buffered, data, take);
        context->buffered += (uint32_t)take;
        data += take;
        count -= take;
        if (context->buffered < 64) return;
        compress(context, context->buffer, 1);
        context->buffered = 0;
    }
    if (count >= 64) {
        compress(context, data, count / 64);
        data += count - count % 64;
        count %= 64;
    }
    if (count > 0) {
        memcpy(context->buffer, data, count);
        context->buffered = (uint32_t)count;
    }
}

void hivetool_sha256_final(hivetool_sha256 *context, uint8_t digest[32]) {
    if (context->implementation == HIVETOOL_SHA256_LIBCRYPTO) {
        libcrypto.final(digest, context->libcrypto_context);
        return;
    }
    uint64_t bits = context->length * 8;
    uint8_t padding[128] = {0x80};
    size_t padding_length = (context->buffered < 56 ? 56 : 120) - context->buffered;
    for (int i = 0; i < 8; i++) padding[padding_length + i] = (uint8_t)(bits >> (56 - 8 * i));
    uint64_t length = context->length;
    hivetool_sha256_update(context, padding, padding_length + 8);
    context->length = length;
    for (int i = 0; i < 8; i++) {
        digest[4 * i] = (uint8_t)(context->state[i] >> 24);
        digest[4 * i + 1] = (uint8_t)(context->state[i] >> 16);
        digest[4 * i + 2] = (uint8_t)(context->state[i] >> 8);
        digest[4 * i + 3] = (uint8_t)context->state[i];
    }
}
