/* memory: allocation that cannot fail quietly. Out of memory is not a
 * condition referat recovers from (its inputs are bounded by limits.h, so
 * it means the machine is exhausted): the x* functions say so on stderr
 * and abort, instead of 57 scattered `if (!p) abort();`. */
#ifndef REFERAT_MEMORY_H
#define REFERAT_MEMORY_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *pointer, size_t size);
/* xrealloc for an array: count × size, checked for overflow. */
void *xreallocarray(void *pointer, size_t count, size_t size);
char *xstrdup(const char *text);
char *xstrndup(const char *text, size_t length);

#endif
