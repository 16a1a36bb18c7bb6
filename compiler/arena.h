/* arena: one compilation's memory. Everything the front end builds (source
 * text, YAML trees, the AST, diagnostics) lives here and is freed in one call. */
#ifndef REFERAT_ARENA_H
#define REFERAT_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;

typedef struct {
    ArenaBlock *head;
    size_t bytes_allocated;
    ArenaBlock *spare; /* emptied blocks of the standard size, used again first */
} Arena;

void arena_init(Arena *arena);
void arena_free(Arena *arena);
/* Empties the arena but keeps its standard-size blocks for what is
 * allocated next (a worker's per-meeting scratch, a page's rows): no
 * malloc, free or fresh page faults per item. Large blocks are freed. */
void arena_reset(Arena *arena);
/* Zeroed, aligned for any type. Aborts on out-of-memory (as cmark does). */
void *arena_alloc(Arena *arena, size_t size);
void *arena_alloc_uninitialized(Arena *arena, size_t size);
/* Not zeroed, in a block of its own of just this size (a large request
 * gets one anyway): a buffer the size of a file, which in a shared block
 * would leave the rest of that block unused when it does not fit. */
void *arena_alloc_apart(Arena *arena, size_t size);
/* Moves every block of `other` into `arena` (other becomes empty): a worker
 * thread's allocations join the compilation's. */
void arena_adopt(Arena *arena, Arena *other);
void *arena_alloc_array(Arena *arena, size_t count, size_t size);
char *arena_strndup(Arena *arena, const char *text, size_t length);
char *arena_strdup(Arena *arena, const char *text);
char *arena_printf(Arena *arena, const char *format, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(Arena *arena, const char *format, va_list args) __attribute__((format(printf, 2, 0)));

#endif
