#ifndef HIVETOOL_CHIVEX_SHIM_H
#define HIVETOOL_CHIVEX_SHIM_H

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/memfd.h>
#include <hivex.h>

/// Sets errno; Swift cannot assign the C macro directly.
static inline void chivex_set_errno(int value) { errno = value; }

/// Reads errno right after a hivex call.
static inline int chivex_errno(void) { return errno; }

/// An anonymous in-memory file (close-on-exec), for hive images hivex must open by path. Called
/// through syscall(2): glibc declares memfd_create only with _GNU_SOURCE, which would make this
/// module's view of the system headers differ from the other modules'.
static inline int chivex_memfd_create(const char *name) { return (int)syscall(SYS_memfd_create, name, MFD_CLOEXEC); }

#endif
