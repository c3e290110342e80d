#ifndef HIVETOOL_CHIVEX_SHIM_H
#define HIVETOOL_CHIVEX_SHIM_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <hivex.h>

/// Sets errno; Swift cannot assign the C macro directly.
static inline void chivex_set_errno(int value) { errno = value; }

/// Reads errno right after a hivex call.
static inline int chivex_errno(void) { return errno; }

/// An anonymous in-memory file (close-on-exec), for hive images hivex must open by path.
static inline int chivex_memfd_create(const char *name) { return memfd_create(name, MFD_CLOEXEC); }

#endif
