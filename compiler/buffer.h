/* buffer: a growing byte string (StringBuffer), NUL-terminated once
 * written to. A zeroed StringBuffer is empty and ready; buffer_free
 * returns it to that state. */
#ifndef REFERAT_BUFFER_H
#define REFERAT_BUFFER_H

#include <stddef.h>

typedef struct StringBuffer {
    char *data;
    size_t length, capacity;
} StringBuffer;

void buffer_append(StringBuffer *buffer, const char *data, size_t length);
void buffer_append_cstring(StringBuffer *buffer, const char *text);
void buffer_printf(StringBuffer *buffer, const char *format, ...) __attribute__((format(printf, 2, 3)));
void buffer_free(StringBuffer *buffer);

/* The one reader of whole files: appends the regular file at `path` to
 * *buffer. Returns 0, or an errno value: the open's or read's, EISDIR or
 * EINVAL for a folder or other non-regular file, EFBIG past `limit` bytes
 * (then nothing is read). */
int buffer_read_file(StringBuffer *buffer, const char *path, size_t limit);

#endif
