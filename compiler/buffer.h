/* buffer: a growing byte string (StringBuffer), NUL-terminated once
 * written to. A zeroed StringBuffer is empty and ready; buffer_free
 * returns it to that state. */
#ifndef REFERAT_BUFFER_H
#define REFERAT_BUFFER_H

#include <stddef.h>
#include <string.h>

typedef struct StringBuffer {
    char *data;
    size_t length, capacity;
} StringBuffer;

/* Room for `extra` more bytes and the NUL (doubling). */
void buffer_reserve(StringBuffer *buffer, size_t extra);

/* Inline: the JSON writer and the templates append a few bytes at a time,
 * millions of times a build; only growing is a call. */
static inline void buffer_append(StringBuffer *buffer, const char *data, size_t length) {
    if (buffer->length + length + 1 > buffer->capacity)
        buffer_reserve(buffer, length);
    if (length)
        memcpy(buffer->data + buffer->length, data, length);
    buffer->length += length;
    buffer->data[buffer->length] = '\0';
}
void buffer_append_cstring(StringBuffer *buffer, const char *text);
void buffer_printf(StringBuffer *buffer, const char *format, ...) __attribute__((format(printf, 2, 3)));
void buffer_free(StringBuffer *buffer);

/* The one reader of whole files: appends the regular file at `path` to
 * *buffer. Returns 0, or an errno value: the open's or read's, EISDIR or
 * EINVAL for a folder or other non-regular file, EFBIG past `limit` bytes
 * (then nothing is read). */
int buffer_read_file(StringBuffer *buffer, const char *path, size_t limit);
/* The same reader for a caller that decides where the bytes live (a
 * source file's text goes straight into the compilation's arena, not
 * through a buffer and a copy): allocate(context, size) gives room for
 * the file's size as fstat says and a NUL, called once, and only for a
 * non-empty file; *text is then the bytes read, NUL-terminated, and
 * *length their count (0 and NULL for an empty file). */
int buffer_read_file_into(const char *path, size_t limit, char *(*allocate)(void *context, size_t size),
                          void *context, char **text, size_t *length);

#endif
