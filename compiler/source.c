/* source: file loading and positions (stage 0 of the pipeline). A file that
 * is not valid text never reaches the lexer: NUL bytes, invalid UTF-8 and
 * oversized files are diagnosed here, with their line:column. */
#include "source.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "buffer.h"
#include "diag.h"
#include "limits.h"

static void build_line_table(Arena *arena, SourceFile *file) {
    uint32_t count = 1;
    const char *end = file->text + file->length;
    for (const char *p = file->text; p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
        count++;
    file->line_starts = arena_alloc_array(arena, count, sizeof *file->line_starts);
    uint32_t line = 0;
    file->line_starts[line++] = 0;
    for (const char *p = file->text; p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++) {
        if (line < count)
            file->line_starts[line++] = (uint32_t)(p - file->text + 1);
    }
    /* A final newline does not start a line of its own. */
    if (count > 1 && file->line_starts[count - 1] == file->length)
        count--;
    file->line_count = count;
}

enum { MAX_UTF8_REPORTS = 10 };

static bool validate_text(Diagnostics *diagnostics, SourceFile *file) {
    const char *nul = memchr(file->text, '\0', file->length);
    if (nul) {
        size_t offset = (size_t)(nul - file->text);
        diag_report(diagnostics, DIAG_E_NUL, source_span(file, offset, offset + 1),
                    "NUL byte in a text file; is this a binary file? (byte offset %zu)", offset);
        return false;
    }
    const unsigned char *text = (const unsigned char *)file->text;
    size_t reports = 0;
    for (size_t i = 0; i < file->length;) {
        /* Eight ASCII bytes at a time, and in a word with a non-ASCII byte
         * (Norwegian text has one every few words) straight to that byte. */
        uint64_t word;
        if (i + 8 <= file->length) {
            memcpy(&word, text + i, 8);
            uint64_t high = word & 0x8080808080808080u;
            if (high == 0) {
                i += 8;
                continue;
            }
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            i += (size_t)__builtin_ctzll(high) / 8;
#endif
        }
        if (text[i] < 0x80) {
            i++;
            continue;
        }
        size_t length = utf8_sequence_length(text + i, file->length - i);
        if (length) {
            i += length;
            continue;
        }
        if (reports < MAX_UTF8_REPORTS) {
            diag_report(diagnostics, DIAG_E_UTF8, source_span(file, i, i + 1),
                        "invalid UTF-8 byte 0x%02X (byte offset %zu); save the file as UTF-8",
                        text[i], i);
        }
        reports++;
        /* One report per bad sequence: skip the continuation bytes of an
         * overlong form, a surrogate or a truncated character. */
        i++;
        while (i < file->length && (text[i] & 0xC0) == 0x80)
            i++;
    }
    if (reports > MAX_UTF8_REPORTS) {
        diag_report(diagnostics, DIAG_E_UTF8, source_span(file, 0, 0),
                    "%zu more invalid UTF-8 sequences not shown", reports - MAX_UTF8_REPORTS);
    }
    return reports == 0;
}

static SourceFile *source_adopt(Arena *arena, Diagnostics *diagnostics, const char *path,
                                const char *text, size_t length) {
    SourceFile *file = arena_alloc(arena, sizeof *file);
    file->path = arena_strdup(arena, path);
    file->byte_order_mark = length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0;
    if (file->byte_order_mark) {
        text += 3;
        length -= 3;
    }
    file->text = text;
    file->length = length;
    build_line_table(arena, file);
    if (!validate_text(diagnostics, file))
        return NULL;
    return file;
}

SourceFile *source_from_memory(Arena *arena, Diagnostics *diagnostics, const char *path,
                               const char *text, size_t length) {
    char *copy = arena_strndup(arena, text, length);
    return source_adopt(arena, diagnostics, path, copy, length);
}

static const SourceOverlay *source_overlays;
static size_t source_overlay_count;

void source_set_overlays(const SourceOverlay *overlays, size_t count) {
    source_overlays = overlays;
    source_overlay_count = count;
}

const SourceOverlay *source_overlay_find(const char *full_path) {
    for (size_t i = 0; i < source_overlay_count; i++)
        if (strcmp(source_overlays[i].path, full_path) == 0)
            return &source_overlays[i];
    return NULL;
}

/* The compilation's memory is its arena: a file's text is read straight
 * into a block of its own there (no copy, and no shared block left part
 * empty because a file did not fit in it). */
static char *text_room(void *context, size_t size) {
    return arena_alloc_apart(context, size);
}

SourceFile *source_load(Arena *arena, Diagnostics *diagnostics, const char *root,
                        const char *relative_path) {
    SourceFile *placeholder = arena_alloc(arena, sizeof *placeholder);
    placeholder->path = arena_strdup(arena, relative_path);
    Span file_span = {placeholder, 1, 1, 1, 1};
    char *full_path = arena_printf(arena, "%s/%s", root, relative_path);
    const SourceOverlay *overlay = source_overlay_find(full_path);
    if (overlay) {
        if (overlay->length > LIMIT_FILE_BYTES) {
            diag_report(diagnostics, DIAG_E_LIMIT, file_span, "file is too large (the limit is %d MiB)",
                        LIMIT_FILE_BYTES / (1024 * 1024));
            return NULL;
        }
        return source_from_memory(arena, diagnostics, placeholder->path, overlay->text, overlay->length);
    }
    char *text;
    size_t length;
    int error = buffer_read_file_into(full_path, LIMIT_FILE_BYTES, text_room, arena, &text, &length);
    if (error == EFBIG)
        diag_report(diagnostics, DIAG_E_LIMIT, file_span, "file is too large (the limit is %d MiB)",
                    LIMIT_FILE_BYTES / (1024 * 1024));
    else if (error == EISDIR || error == EINVAL)
        diag_report_io(diagnostics, DIAG_E_FILE, file_span, "not a regular file");
    else if (error)
        diag_report_io(diagnostics, DIAG_E_FILE, file_span, "cannot read file: %s", strerror(error));
    if (error)
        return NULL;
    if (!text) {
        text = arena_alloc(arena, 1); /* an empty file: "" */
        length = 0;
    }
    return source_adopt(arena, diagnostics, relative_path, text, length);
}
