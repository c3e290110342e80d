#ifndef CTSK_SHIM_H
#define CTSK_SHIM_H
// The Sleuth Kit's C API (Debian: libtsk-dev). Its header compiles as C: the C++ classes are behind
// __cplusplus.
#include <tsk/libtsk.h>

/// TSK's error text for the calling thread ("" when none), without the trailing newline handling.
static inline const char *ctsk_error_text(void) {
    const char *text = tsk_error_get();
    return text ? text : "";
}
#endif
