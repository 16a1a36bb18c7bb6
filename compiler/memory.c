/* memory: checked allocation (see memory.h). */
#include "memory.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(size_t size) {
    fprintf(stderr, "referat: out of memory (%zu bytes more were needed)\n", size);
    abort();
}

void *xmalloc(size_t size) {
    void *pointer = malloc(size ? size : 1);
    if (!pointer)
        out_of_memory(size);
    return pointer;
}

void *xcalloc(size_t count, size_t size) {
    void *pointer = calloc(count ? count : 1, size ? size : 1);
    if (!pointer)
        out_of_memory(count * size);
    return pointer;
}

void *xrealloc(void *pointer, size_t size) {
    void *grown = realloc(pointer, size ? size : 1);
    if (!grown)
        out_of_memory(size);
    return grown;
}

void *xreallocarray(void *pointer, size_t count, size_t size) {
    if (size && count > SIZE_MAX / size)
        out_of_memory(SIZE_MAX);
    return xrealloc(pointer, count * size);
}

char *xstrdup(const char *text) {
    return xstrndup(text, strlen(text));
}

char *xstrndup(const char *text, size_t length) {
    char *copy = xmalloc(length + 1);
    memcpy(copy, text, length);
    copy[length] = '\0';
    return copy;
}
