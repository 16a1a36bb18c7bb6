/* text: the text model every stage shares — Slice, SourceFile, Span — and
 * the pure functions over it (see text.c). */
#ifndef REFERAT_TEXT_H
#define REFERAT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char *data;
    size_t length;
} Slice;

typedef struct SourceFile {
    const char *path;         /* relative to the project folder, for display */
    const char *text;         /* after a BOM, if any; NUL-terminated */
    size_t length;
    uint32_t *line_starts;    /* byte offset of each line's first byte */
    uint32_t line_count;
    bool byte_order_mark;     /* the file starts with one (fmt removes it) */
} SourceFile;

/* A region of a source file. Lines and columns are 1-based; columns count
 * Unicode code points; end_column is exclusive. file may be NULL for
 * diagnostics about the project as a whole. */
typedef struct {
    const SourceFile *file;
    uint32_t line, column, end_line, end_column;
} Span;

Span source_span(const SourceFile *file, size_t start_offset, size_t end_offset);
/* Spans of many places on one line, left to right (case references in
 * running text): each column is counted from the place before, not from
 * the line's start, so a line of N references costs O(N), not O(N²). */
typedef struct {
    const SourceFile *file;
    uint32_t line;
    size_t offset;   /* a byte offset on that line … */
    uint32_t column; /* … and its column */
} SpanCursor;

SpanCursor source_cursor_at_line(const SourceFile *file, uint32_t line);
/* The span [start, end); start and end on the cursor's line (otherwise it
 * falls back to source_span). Moves the cursor to `end`. */
Span source_span_on_line(SpanCursor *cursor, size_t start, size_t end);
Span source_span_at_line(const SourceFile *file, uint32_t line, uint32_t column, uint32_t end_column);
/* The text of a line without its line ending; empty if out of range. */
Slice source_line(const SourceFile *file, uint32_t line);
uint32_t source_line_of_offset(const SourceFile *file, size_t offset);

Slice slice_make(const char *data, size_t length);
Slice slice_from_cstring(const char *text);
Slice slice_trim(Slice slice);
bool slice_equal(Slice a, Slice b);
bool slice_equal_cstring(Slice slice, const char *text);
/* Equal ignoring ASCII case and the case of æ ø å. */
bool slice_equal_fold(Slice a, Slice b);
/* A hash under the same folding as slice_equal_fold: equal under it, equal hash. */
uint64_t slice_hash_fold(Slice text);

/* Number of code points in the bytes (counts non-continuation bytes). */
size_t utf8_length(const char *text, size_t length);
/* Length of a valid UTF-8 sequence at text, or 0 if it is not one. */
size_t utf8_sequence_length(const unsigned char *text, size_t available);

#endif
