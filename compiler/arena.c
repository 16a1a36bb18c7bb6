/* arena: bump allocation in large blocks; requests bigger than a block get
 * a block of their own so that a 50 MB source file costs one allocation. */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ARENA_BLOCK_SIZE = 64 * 1024, ARENA_ALIGN = 16 };

struct ArenaBlock {
    ArenaBlock *next;
    size_t used;
    size_t capacity;
    _Alignas(16) unsigned char data[];
};

void arena_init(Arena *arena) {
    arena->head = NULL;
    arena->bytes_allocated = 0;
    arena->spare = NULL;
}

static void free_blocks(ArenaBlock *block) {
    while (block) {
        ArenaBlock *next = block->next;
        free(block);
        block = next;
    }
}

void arena_free(Arena *arena) {
    free_blocks(arena->head);
    free_blocks(arena->spare);
    arena_init(arena);
}

void arena_reset(Arena *arena) {
    ArenaBlock *block = arena->head;
    while (block) {
        ArenaBlock *next = block->next;
        if (block->capacity == ARENA_BLOCK_SIZE) {
            block->used = 0;
            block->next = arena->spare;
            arena->spare = block;
        } else {
            free(block);
        }
        block = next;
    }
    arena->head = NULL;
    arena->bytes_allocated = 0;
}

static ArenaBlock *arena_new_block(Arena *arena, size_t capacity) {
    if (capacity == ARENA_BLOCK_SIZE && arena->spare) {
        ArenaBlock *block = arena->spare;
        arena->spare = block->next;
        block->next = NULL;
        return block;
    }
    ArenaBlock *block = malloc(sizeof *block + capacity);
    if (!block) {
        fputs("referat: out of memory\n", stderr);
        abort();
    }
    block->next = NULL;
    block->used = 0;
    block->capacity = capacity;
    return block;
}

/* `size` rounded up to the alignment (at least one unit); a size that
 * wraps around is out of memory. */
static size_t aligned_size(size_t size) {
    if (size == 0)
        size = 1;
    size_t rounded = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (rounded < size) {
        fputs("referat: out of memory\n", stderr);
        abort();
    }
    return rounded;
}

void *arena_alloc_apart(Arena *arena, size_t size) {
    size_t rounded = aligned_size(size);
    /* Linked behind the current block, so that its free space is not
     * wasted. */
    ArenaBlock *block = arena->head;
    ArenaBlock *own = arena_new_block(arena, rounded);
    own->used = rounded;
    if (block) {
        own->next = block->next;
        block->next = own;
    } else {
        arena->head = own;
    }
    arena->bytes_allocated += rounded;
    return own->data;
}

/* Not zeroed: for buffers about to be filled (a file's text, a copy). */
void *arena_alloc_uninitialized(Arena *arena, size_t size) {
    size_t rounded = aligned_size(size);
    ArenaBlock *block = arena->head;
    if (!block || block->capacity - block->used < rounded) {
        if (rounded > ARENA_BLOCK_SIZE / 4)
            return arena_alloc_apart(arena, size);
        block = arena_new_block(arena, ARENA_BLOCK_SIZE);
        block->next = arena->head;
        arena->head = block;
    }
    void *result = block->data + block->used;
    block->used += rounded;
    arena->bytes_allocated += rounded;
    return result;
}

void *arena_alloc(Arena *arena, size_t size) {
    void *result = arena_alloc_uninitialized(arena, size);
    memset(result, 0, size ? size : 1);
    return result;
}

void arena_adopt(Arena *arena, Arena *other) {
    if (!other->head) {
        arena_free(other);
        return;
    }
    /* Behind our current block, so its free space stays in use. */
    ArenaBlock *last = other->head;
    while (last->next)
        last = last->next;
    if (arena->head) {
        last->next = arena->head->next;
        arena->head->next = other->head;
    } else {
        arena->head = other->head;
    }
    arena->bytes_allocated += other->bytes_allocated;
    free_blocks(other->spare);
    arena_init(other);
}

void *arena_alloc_array(Arena *arena, size_t count, size_t size) {
    if (size && count > SIZE_MAX / size) {
        fputs("referat: out of memory\n", stderr);
        abort();
    }
    return arena_alloc(arena, count * size);
}

char *arena_strndup(Arena *arena, const char *text, size_t length) {
    char *copy = arena_alloc_uninitialized(arena, length + 1);
    if (length)
        memcpy(copy, text, length);
    copy[length] = '\0';
    return copy;
}

char *arena_strdup(Arena *arena, const char *text) {
    return arena_strndup(arena, text, strlen(text));
}

char *arena_vprintf(Arena *arena, const char *format, va_list args) {
    /* Most results (paths, dates, numbers) fit a small buffer: formatted
     * once, not measured and then formatted. */
    char small[256];
    va_list copy;
    va_copy(copy, args);
    int length = vsnprintf(small, sizeof small, format, copy);
    va_end(copy);
    if (length < 0)
        length = 0, small[0] = '\0';
    char *result = arena_alloc_uninitialized(arena, (size_t)length + 1);
    if ((size_t)length < sizeof small)
        memcpy(result, small, (size_t)length + 1);
    else
        vsnprintf(result, (size_t)length + 1, format, args);
    return result;
}

char *arena_printf(Arena *arena, const char *format, ...) {
    va_list args;
    va_start(args, format);
    char *result = arena_vprintf(arena, format, args);
    va_end(args);
    return result;
}
