/* buffer: the growing byte string every stage writes into (rendered
 * pages, PDFs' text, diffs, reports). Always NUL-terminated once written
 * to; out of memory aborts (see memory.h). */
#include "buffer.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "memory.h"

void buffer_reserve(StringBuffer *buffer, size_t extra) {
    if (buffer->length + extra + 1 <= buffer->capacity)
        return;
    size_t capacity = buffer->capacity ? buffer->capacity : 256;
    while (capacity < buffer->length + extra + 1)
        capacity *= 2;
    buffer->data = xrealloc(buffer->data, capacity);
    buffer->capacity = capacity;
}

void buffer_append_cstring(StringBuffer *buffer, const char *text) {
    buffer_append(buffer, text, strlen(text));
}

void buffer_printf(StringBuffer *buffer, const char *format, ...) {
    /* Formatted once into a small buffer when it fits (most do). */
    char small[256];
    va_list args;
    va_start(args, format);
    va_list copy;
    va_copy(copy, args);
    int length = vsnprintf(small, sizeof small, format, copy);
    va_end(copy);
    if (length > 0 && (size_t)length < sizeof small) {
        buffer_append(buffer, small, (size_t)length);
    } else if (length > 0) {
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


int buffer_read_file_into(const char *path, size_t limit, char *(*allocate)(void *context, size_t size),
                          void *context, char **text, size_t *length) {
    *text = NULL;
    *length = 0;
    /* O_NONBLOCK: a FIFO must not block the open; it is refused below as
     * not a regular file, and regular files ignore the flag. */
    int descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (descriptor < 0)
        return errno;
    struct stat info;
    int error = 0;
    if (fstat(descriptor, &info) != 0)
        error = errno;
    else if (!S_ISREG(info.st_mode))
        error = S_ISDIR(info.st_mode) ? EISDIR : EINVAL;
    else if ((uintmax_t)info.st_size > limit)
        error = EFBIG;
    /* Read to the size fstat gave: a file that grows meanwhile is read as
     * it was; one that shrinks ends where it ends. */
    size_t size = error ? 0 : (size_t)info.st_size, done = 0;
    char *data = !error && size ? allocate(context, size + 1) : NULL;
    while (!error && done < size) {
        ssize_t n = read(descriptor, data + done, size - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            error = errno;
        if (n <= 0)
            break;
        done += (size_t)n;
    }
    close(descriptor);
    if (!error && data) {
        data[done] = '\0';
        *text = data;
        *length = done;
    }
    return error;
}

/* Room at the end of the buffer, kept as it is. */
static char *buffer_room(void *context, size_t size) {
    StringBuffer *buffer = context;
    buffer_append(buffer, "", 0);
    if (buffer->capacity < buffer->length + size) {
        buffer->data = xrealloc(buffer->data, buffer->length + size);
        buffer->capacity = buffer->length + size;
    }
    return buffer->data + buffer->length;
}

int buffer_read_file(StringBuffer *buffer, const char *path, size_t limit) {
    char *text;
    size_t length;
    int error = buffer_read_file_into(path, limit, buffer_room, buffer, &text, &length);
    if (!error && text)
        buffer->length += length;
    return error;
}
