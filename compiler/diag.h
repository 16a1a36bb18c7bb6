/* diag: the diagnostics engine. Stages report into a Diagnostics context
 * (never exit()); the driver sorts and renders them in one of four formats. */
#ifndef REFERAT_DIAG_H
#define REFERAT_DIAG_H

#include <stdbool.h>
#include <stdio.h>

#include "arena.h"
#include "diagnostic_codes.h"
#include "text.h"

typedef enum { SEVERITY_ERROR, SEVERITY_WARNING } Severity;

typedef enum { DIAG_FORMAT_HUMAN, DIAG_FORMAT_GCC, DIAG_FORMAT_JSON, DIAG_FORMAT_GITHUB } DiagFormat;

typedef struct DiagnosticNote {
    Span span;
    const char *message;
    struct DiagnosticNote *next;
} DiagnosticNote;

typedef struct Diagnostic {
    Severity severity;
    DiagCode code;       /* from grammar/diagnostics.tsv, which also gives the severity */
    Span span;
    const char *message;
    DiagnosticNote *notes, *last_note;
    const char *suggestion; /* a replacement the user most likely meant, or NULL */
    size_t sequence;        /* report order, the last sort key: output is deterministic */
} Diagnostic;

typedef struct Diagnostics {
    Arena *arena;
    Diagnostic **items;
    size_t count, capacity;
    size_t error_count, warning_count;
    bool io_error; /* an unreadable file or folder: exit status 2 */
} Diagnostics;

void diag_init(Diagnostics *diagnostics, Arena *arena);
void diag_dispose(Diagnostics *diagnostics);
/* Appends other's diagnostics (report order kept; their memory must outlive
 * ours, e.g. by arena_adopt) and empties other. */
void diag_adopt(Diagnostics *diagnostics, Diagnostics *other);
/* Lists `other`'s diagnostics in `diagnostics` too, leaving `other` as it
 * is: they stay in other's arena, which must outlive both lists. */
void diag_include(Diagnostics *diagnostics, const Diagnostics *other);

Diagnostic *diag_report(Diagnostics *diagnostics, DiagCode code, Span span, const char *format, ...)
    __attribute__((format(printf, 4, 5)));
/* As diag_report, and marks the run as an I/O failure (exit status 2). */
Diagnostic *diag_report_io(Diagnostics *diagnostics, DiagCode code, Span span, const char *format, ...)
    __attribute__((format(printf, 4, 5)));
void diag_note(Diagnostics *diagnostics, Diagnostic *diagnostic, Span span, const char *format, ...)
    __attribute__((format(printf, 4, 5)));
void diag_suggest(Diagnostics *diagnostics, Diagnostic *diagnostic, const char *suggestion);

size_t diag_count_code(const Diagnostics *diagnostics, DiagCode code);
/* "E-NUM-DUP" */
const char *diag_code_name(DiagCode code);

/* Sort by file path, line, column, then report order. */
void diag_sort(Diagnostics *diagnostics);

typedef struct {
    DiagFormat format;
    bool colour;
    const char *path_prefix; /* put before every file path (NULL: none) */
} DiagRenderOptions;

void diag_render(const Diagnostics *diagnostics, FILE *out, DiagRenderOptions options);
bool diag_format_parse(const char *name, DiagFormat *format);

#endif
