#ifndef HIVETOOL_CHIVEX_SHIM_H
#define HIVETOOL_CHIVEX_SHIM_H

#include <errno.h>
#include <stdlib.h>
#include <hivex.h>

/// Sets errno; Swift cannot assign the C macro directly.
static inline void chivex_set_errno(int value) { errno = value; }

/// Reads errno right after a hivex call.
static inline int chivex_errno(void) { return errno; }

#endif
