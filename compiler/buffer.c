/* buffer: the growing byte string every stage writes into (rendered
 * pages, PDFs' text, diffs, reports). Always NUL-terminated once written
 * to; out of memory aborts (see memory.h). */
#include "buffer.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memory.h"

void buffer_append(StringBuffer *buffer, const char *data, size_t length) {
    if (buffer->length + length + 1 > buffer->capacity) {
        size_t capacity = buffer->capacity ? buffer->capacity : 256;
        while (capacity < buffer->length + length + 1)
            capacity *= 2;
        buffer->data = xrealloc(buffer->data, capacity);
        buffer->capacity = capacity;
    }
    if (length)
        memcpy(buffer->data + buffer->length, data, length);
    buffer->length += length;
    buffer->data[buffer->length] = '\0';
}

void buffer_append_cstring(StringBuffer *buffer, const char *text) {
    buffer_append(buffer, text, strlen(text));
}

void buffer_printf(StringBuffer *buffer, const char *format, ...) {
    va_list args;
    va_start(args, format);
    va_list copy;
    va_copy(copy, args);
    int length = vsnprintf(NULL, 0, format, copy);
    va_end(copy);
    if (length > 0) {
        char *text = xmalloc((size_t)length + 1);
        vsnprintf(text, (size_t)length + 1, format, args);
        buffer_append(buffer, text, (size_t)length);
        free(text);
    }
    va_end(args);
}

void buffer_free(StringBuffer *buffer) {
    free(buffer->data);
    buffer->data = NULL;
    buffer->length = buffer->capacity = 0;
}

