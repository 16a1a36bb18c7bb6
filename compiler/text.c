/* text: the text model every stage shares — slices of a file's bytes, a
 * file with its line table, spans of it — and the pure functions over it:
 * UTF-8 lengths, Norwegian-aware case folding, and byte offset → 1-based
 * line:column (code points). source.c loads and validates files into it;
 * keeping these apart lets diag.c use spans without depending on loading. */
#include "text.h"

#include <string.h>

Slice slice_make(const char *data, size_t length) {
    Slice slice = {data, length};
    return slice;
}

Slice slice_from_cstring(const char *text) {
    return slice_make(text, text ? strlen(text) : 0);
}

static bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

Slice slice_trim(Slice slice) {
    while (slice.length && is_space(slice.data[0])) {
        slice.data++;
        slice.length--;
    }
    while (slice.length && is_space(slice.data[slice.length - 1]))
        slice.length--;
    return slice;
}

bool slice_equal(Slice a, Slice b) {
    return a.length == b.length && (a.length == 0 || memcmp(a.data, b.data, a.length) == 0);
}

bool slice_equal_cstring(Slice slice, const char *text) {
    return slice_equal(slice, slice_from_cstring(text));
}

/* Folds one code point at *text for comparison: ASCII letters and the
 * Norwegian letters æ ø å (U+00C5/E5, C6/E6, D8/F8) to lower case. */
static unsigned fold_code_point(const unsigned char **text, const unsigned char *end) {
    const unsigned char *p = *text;
    unsigned c = *p;
    if (c < 0x80) {
        *text = p + 1;
        return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    }
    if (c == 0xC3 && p + 1 < end) {
        unsigned second = p[1];
        *text = p + 2;
        if (second == 0x85 || second == 0x86 || second == 0x98)
            second += 0x20;
        return 0xC300 | second;
    }
    *text = p + 1;
    return c | 0x10000;
}

bool slice_equal_fold(Slice a, Slice b) {
    if (a.length == 0 || b.length == 0)
        return a.length == b.length; /* an empty slice's data may be NULL */
    const unsigned char *pa = (const unsigned char *)a.data, *ea = pa + a.length;
    const unsigned char *pb = (const unsigned char *)b.data, *eb = pb + b.length;
    while (pa < ea && pb < eb) {
        if (fold_code_point(&pa, ea) != fold_code_point(&pb, eb))
            return false;
    }
    return pa == ea && pb == eb;
}

uint64_t slice_hash_fold(Slice text) {
    uint64_t hash = 1469598103934665603u; /* FNV-1a over the folded code points, three bytes each */
    const uint64_t prime = 1099511628211u, prime_cubed = prime * prime * prime;
    const unsigned char *p = (const unsigned char *)text.data, *end = p + text.length;
    while (text.length && p < end) {
        if (*p < 0x80) {
            /* An ASCII code point's two high bytes are zero: its three
             * rounds are one multiplication by the prime cubed (the same
             * hash; names are hashed at every lookup of the checks). */
            unsigned c = (*p >= 'A' && *p <= 'Z') ? *p + 32u : *p;
            hash = (hash ^ c) * prime_cubed;
            p++;
            continue;
        }
        unsigned c = fold_code_point(&p, end);
        for (int shift = 0; shift < 24; shift += 8) {
            hash ^= (c >> shift) & 0xFF;
            hash *= 1099511628211u;
        }
    }
    return hash;
}

size_t utf8_length(const char *text, size_t length) {
    size_t count = 0;
    for (size_t i = 0; i < length; i++)
        count += ((unsigned char)text[i] & 0xC0) != 0x80;
    return count;
}

size_t utf8_sequence_length(const unsigned char *s, size_t available) {
    if (available == 0)
        return 0;
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return (available >= 2 && (s[1] & 0xC0) == 0x80) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (available < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if (c == 0xE0 && s[1] < 0xA0)
            return 0; /* overlong */
        if (c == 0xED && s[1] >= 0xA0)
            return 0; /* UTF-16 surrogate */
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (available < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
            (s[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && s[1] < 0x90)
            return 0; /* overlong */
        if (c == 0xF4 && s[1] >= 0x90)
            return 0; /* above U+10FFFF */
        return 4;
    }
    return 0; /* continuation byte, C0/C1 overlong lead, or F5..FF */
}

uint32_t source_line_of_offset(const SourceFile *file, size_t offset) {
    uint32_t low = 0, high = file->line_count;
    while (high - low > 1) {
        uint32_t middle = low + (high - low) / 2;
        if (file->line_starts[middle] <= offset)
            low = middle;
        else
            high = middle;
    }
    return low + 1;
}

static uint32_t column_of_offset(const SourceFile *file, uint32_t line, size_t offset) {
    size_t start = file->line_starts[line - 1];
    if (offset < start)
        offset = start;
    return (uint32_t)utf8_length(file->text + start, offset - start) + 1;
}

Span source_span(const SourceFile *file, size_t start_offset, size_t end_offset) {
    Span span = {file, 1, 1, 1, 1};
    if (!file || file->line_count == 0)
        return span;
    if (start_offset > file->length)
        start_offset = file->length;
    if (end_offset > file->length)
        end_offset = file->length;
    if (end_offset < start_offset)
        end_offset = start_offset;
    span.line = source_line_of_offset(file, start_offset);
    span.column = column_of_offset(file, span.line, start_offset);
    span.end_line = source_line_of_offset(file, end_offset);
    span.end_column = column_of_offset(file, span.end_line, end_offset);
    return span;
}

SpanCursor source_cursor_at_line(const SourceFile *file, uint32_t line) {
    SpanCursor cursor = {file, line, line >= 1 && line <= file->line_count ? file->line_starts[line - 1] : 0, 1};
    return cursor;
}

/* The column of `offset`, counted from the cursor's place in either
 * direction. */
static uint32_t cursor_column(const SpanCursor *cursor, size_t offset) {
    const char *text = cursor->file->text;
    if (offset >= cursor->offset)
        return cursor->column + (uint32_t)utf8_length(text + cursor->offset, offset - cursor->offset);
    return cursor->column - (uint32_t)utf8_length(text + offset, cursor->offset - offset);
}

Span source_span_on_line(SpanCursor *cursor, size_t start, size_t end) {
    const SourceFile *file = cursor->file;
    size_t line_start = file->line_starts[cursor->line - 1];
    size_t line_end = cursor->line < file->line_count ? file->line_starts[cursor->line] : file->length;
    if (start < line_start || end < start || end > line_end)
        return source_span(file, start, end);
    Span span = {file, cursor->line, cursor_column(cursor, start), cursor->line, 0};
    cursor->offset = start;
    cursor->column = span.column;
    span.end_column = cursor_column(cursor, end);
    cursor->offset = end;
    cursor->column = span.end_column;
    return span;
}

Span source_span_at_line(const SourceFile *file, uint32_t line, uint32_t column, uint32_t end_column) {
    Span span = {file, line, column, line, end_column > column ? end_column : column + 1};
    return span;
}

Slice source_line(const SourceFile *file, uint32_t line) {
    if (!file || line == 0 || line > file->line_count)
        return slice_make("", 0);
    size_t start = file->line_starts[line - 1];
    size_t end = line < file->line_count ? file->line_starts[line] : file->length;
    while (end > start && (file->text[end - 1] == '\n' || file->text[end - 1] == '\r'))
        end--;
    return slice_make(file->text + start, end - start);
}

/* memchr finds newlines many bytes at a time; the check reads every byte
 * of a project, so this loop is on its critical path. */
