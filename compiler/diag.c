/* diag: accumulation, ordering and rendering of diagnostics. Rendering reads
 * source lines through the spans only; nothing here re-scans the text for
 * meaning. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "limits.h"
#include "memory.h"

void diag_init(Diagnostics *diagnostics, Arena *arena) {
    memset(diagnostics, 0, sizeof *diagnostics);
    diagnostics->arena = arena;
}

void diag_dispose(Diagnostics *diagnostics) {
    free(diagnostics->items);
    diagnostics->items = NULL;
    diagnostics->count = diagnostics->capacity = 0;
}

/* Appends in report order: the sequence is the last sort key. */
static void diag_append(Diagnostics *diagnostics, Diagnostic *diagnostic) {
    if (diagnostics->count == diagnostics->capacity) {
        size_t capacity = diagnostics->capacity ? diagnostics->capacity * 2 : 64;
        diagnostics->items = xreallocarray(diagnostics->items, capacity, sizeof *diagnostics->items);
        diagnostics->capacity = capacity;
    }
    diagnostic->sequence = diagnostics->count;
    diagnostics->items[diagnostics->count++] = diagnostic;
}

void diag_adopt(Diagnostics *diagnostics, Diagnostics *other) {
    for (size_t i = 0; i < other->count; i++)
        diag_append(diagnostics, other->items[i]);
    diagnostics->error_count += other->error_count;
    diagnostics->warning_count += other->warning_count;
    diagnostics->io_error = diagnostics->io_error || other->io_error;
    diag_dispose(other);
    other->error_count = other->warning_count = 0;
}

void diag_include(Diagnostics *diagnostics, const Diagnostics *other) {
    for (size_t i = 0; i < other->count; i++)
        diag_append(diagnostics, other->items[i]);
    diagnostics->error_count += other->error_count;
    diagnostics->warning_count += other->warning_count;
    diagnostics->io_error = diagnostics->io_error || other->io_error;
}

static Diagnostic *diag_add(Diagnostics *diagnostics, DiagCode code, Span span, const char *format,
                            va_list args) {
    Arena *arena = diagnostics->arena;
    char *message = arena_vprintf(arena, format, args);
    Diagnostic *diagnostic = arena_alloc(arena, sizeof *diagnostic);
    diagnostic->severity = diag_code_table[code].warning ? SEVERITY_WARNING : SEVERITY_ERROR;
    diagnostic->code = code;
    diagnostic->span = span;
    diagnostic->message = message;
    diag_append(diagnostics, diagnostic);
    if (diagnostic->severity == SEVERITY_ERROR)
        diagnostics->error_count++;
    else
        diagnostics->warning_count++;
    return diagnostic;
}

Diagnostic *diag_report(Diagnostics *diagnostics, DiagCode code, Span span, const char *format, ...) {
    va_list args;
    va_start(args, format);
    Diagnostic *diagnostic = diag_add(diagnostics, code, span, format, args);
    va_end(args);
    return diagnostic;
}

Diagnostic *diag_report_io(Diagnostics *diagnostics, DiagCode code, Span span, const char *format, ...) {
    va_list args;
    va_start(args, format);
    Diagnostic *diagnostic = diag_add(diagnostics, code, span, format, args);
    va_end(args);
    diagnostics->io_error = true;
    return diagnostic;
}

void diag_note(Diagnostics *diagnostics, Diagnostic *diagnostic, Span span, const char *format, ...) {
    if (!diagnostic)
        return;
    va_list args;
    va_start(args, format);
    char *message = arena_vprintf(diagnostics->arena, format, args);
    va_end(args);
    DiagnosticNote *note = arena_alloc(diagnostics->arena, sizeof *note);
    note->span = span;
    note->message = message;
    if (diagnostic->last_note)
        diagnostic->last_note->next = note;
    else
        diagnostic->notes = note;
    diagnostic->last_note = note;
}

void diag_suggest(Diagnostics *diagnostics, Diagnostic *diagnostic, const char *suggestion) {
    if (diagnostic && suggestion)
        diagnostic->suggestion = arena_strdup(diagnostics->arena, suggestion);
}

const char *diag_code_name(DiagCode code) {
    return diag_code_table[code].name;
}

size_t diag_count_code(const Diagnostics *diagnostics, DiagCode code) {
    size_t count = 0;
    for (size_t i = 0; i < diagnostics->count; i++)
        count += diagnostics->items[i]->code == code;
    return count;
}

static const char *span_path(Span span) {
    return span.file ? span.file->path : "";
}

static int diag_compare(const void *left, const void *right) {
    const Diagnostic *a = *(Diagnostic *const *)left;
    const Diagnostic *b = *(Diagnostic *const *)right;
    int by_path = strcmp(span_path(a->span), span_path(b->span));
    if (by_path)
        return by_path;
    if (a->span.line != b->span.line)
        return a->span.line < b->span.line ? -1 : 1;
    if (a->span.column != b->span.column)
        return a->span.column < b->span.column ? -1 : 1;
    return a->sequence < b->sequence ? -1 : a->sequence > b->sequence;
}

void diag_sort(Diagnostics *diagnostics) {
    if (diagnostics->count > 1)
        qsort(diagnostics->items, diagnostics->count, sizeof *diagnostics->items, diag_compare);
}

bool diag_format_parse(const char *name, DiagFormat *format) {
    static const struct {
        const char *name;
        DiagFormat format;
    } formats[] = {{"human", DIAG_FORMAT_HUMAN},
                   {"gcc", DIAG_FORMAT_GCC},
                   {"json", DIAG_FORMAT_JSON},
                   {"github", DIAG_FORMAT_GITHUB}};
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        if (strcmp(name, formats[i].name) == 0) {
            *format = formats[i].format;
            return true;
        }
    }
    return false;
}

/* ---- rendering -------------------------------------------------------- */

static const char *severity_name(Severity severity) {
    return severity == SEVERITY_ERROR ? "error" : "warning";
}

typedef struct {
    const char *bold, *error, *warning, *note, *help, *reset;
} Palette;

static Palette palette_for(bool colour) {
    Palette plain = {"", "", "", "", "", ""};
    Palette ansi = {"\033[1m", "\033[1;31m", "\033[1;35m", "\033[1;36m", "\033[1;32m", "\033[0m"};
    return colour ? ansi : plain;
}

static void print_location(FILE *out, const char *prefix, Span span) {
    if (span.file)
        fprintf(out, "%s%s:%u:%u: ", prefix, span.file->path, span.line, span.column);
    else
        fputs("referat: ", out);
}

/* The source line, then a caret under the span's first column and tildes to
 * its end (on the first line). Tabs stay tabs so the caret lines up. */
static void print_snippet(FILE *out, Span span, const Palette *palette, const char *colour) {
    if (!span.file || !span.file->text || span.line == 0 || span.line > span.file->line_count)
        return;
    Slice line = source_line(span.file, span.line);
    int width = snprintf(NULL, 0, "%u", span.line);
    fprintf(out, "  %u | ", span.line);
    fwrite(line.data, 1, line.length, out);
    fputc('\n', out);
    fprintf(out, "  %*s | ", width, "");
    uint32_t column = 1;
    size_t i = 0;
    while (i < line.length && column < span.column) {
        fputc(line.data[i] == '\t' ? '\t' : ' ', out);
        i++;
        while (i < line.length && ((unsigned char)line.data[i] & 0xC0) == 0x80)
            i++;
        column++;
    }
    uint32_t last = span.end_line == span.line && span.end_column > span.column
                        ? span.end_column
                        : (uint32_t)utf8_length(line.data, line.length) + 1;
    if (last <= span.column)
        last = span.column + 1;
    fputs(colour, out);
    fputc('^', out);
    for (uint32_t c = span.column + 1; c < last; c++)
        fputc('~', out);
    fputs(palette->reset, out);
    fputc('\n', out);
}

static void render_human(const Diagnostic *d, FILE *out, const char *prefix, const Palette *palette) {
    const char *colour = d->severity == SEVERITY_ERROR ? palette->error : palette->warning;
    fputs(palette->bold, out);
    print_location(out, prefix, d->span);
    fprintf(out, "%s%s%s[%s]: %s%s%s%s\n", palette->reset, colour, severity_name(d->severity), diag_code_name(d->code),
            palette->reset, palette->bold, d->message, palette->reset);
    print_snippet(out, d->span, palette, colour);
    if (d->suggestion)
        fprintf(out, "  %shelp%s: did you mean '%s'?\n", palette->help, palette->reset, d->suggestion);
    for (const DiagnosticNote *note = d->notes; note; note = note->next) {
        fputs(palette->bold, out);
        print_location(out, prefix, note->span);
        fprintf(out, "%s%snote%s: %s\n", palette->reset, palette->note, palette->reset, note->message);
    }
}

static void render_gcc(const Diagnostic *d, FILE *out, const char *prefix) {
    print_location(out, prefix, d->span);
    fprintf(out, "%s[%s]: %s\n", severity_name(d->severity), diag_code_name(d->code), d->message);
}

static void json_text(FILE *out, const char *text) {
    json_write_escaped(out, text, text ? strlen(text) : 0);
}

static void render_json(const Diagnostic *d, FILE *out) {
    fputs("{\"file\": ", out);
    json_text(out, d->span.file ? d->span.file->path : NULL);
    fprintf(out, ", \"line\": %u, \"column\": %u, \"end_line\": %u, \"end_column\": %u", d->span.line,
            d->span.column, d->span.end_line, d->span.end_column);
    fprintf(out, ", \"severity\": \"%s\", \"code\": ", severity_name(d->severity));
    json_text(out, diag_code_name(d->code));
    fputs(", \"message\": ", out);
    json_text(out, d->message);
    fputs(", \"notes\": [", out);
    for (const DiagnosticNote *note = d->notes; note; note = note->next) {
        fputs("{\"file\": ", out);
        json_text(out, note->span.file ? note->span.file->path : NULL);
        fprintf(out, ", \"line\": %u, \"column\": %u, \"message\": ", note->span.line, note->span.column);
        json_text(out, note->message);
        fputs(note->next ? "}, " : "}", out);
    }
    fputs("], \"suggestion\": ", out);
    json_text(out, d->suggestion);
    fputc('}', out);
}

/* GitHub workflow commands: data escapes %, CR, LF; properties also : and , */
static void github_escaped(FILE *out, const char *text, bool property) {
    for (const char *p = text; *p; p++) {
        switch (*p) {
        case '%': fputs("%25", out); break;
        case '\r': fputs("%0D", out); break;
        case '\n': fputs("%0A", out); break;
        case ':': fputs(property ? "%3A" : ":", out); break;
        case ',': fputs(property ? "%2C" : ",", out); break;
        default: fputc(*p, out);
        }
    }
}

static void render_github(const Diagnostic *d, FILE *out, const char *prefix) {
    fprintf(out, "::%s ", d->severity == SEVERITY_ERROR ? "error" : "warning");
    if (d->span.file) {
        fputs("file=", out);
        github_escaped(out, prefix, true);
        github_escaped(out, d->span.file->path, true);
        fprintf(out, ",line=%u,col=%u,endLine=%u,endColumn=%u,", d->span.line, d->span.column,
                d->span.end_line, d->span.end_column);
    }
    fputs("title=", out);
    github_escaped(out, diag_code_name(d->code), true);
    fputs("::", out);
    github_escaped(out, d->message, false);
    if (d->suggestion) {
        fputs(" (did you mean '", out);
        github_escaped(out, d->suggestion, false);
        fputs("'?)", out);
    }
    for (const DiagnosticNote *note = d->notes; note; note = note->next) {
        fputs("%0A", out);
        if (note->span.file)
            fprintf(out, "%s%s:%u:%u: ", prefix, note->span.file->path, note->span.line, note->span.column);
        fputs("note: ", out);
        github_escaped(out, note->message, false);
    }
    fputc('\n', out);
}

/* Diagnostics beyond LIMIT_DIAGNOSTICS_PER_FILE for one file are counted in
 * a summary line instead of printed: a pasted binary must not flood CI.
 * JSON is for machines and always carries every diagnostic. */
void diag_render(const Diagnostics *diagnostics, FILE *out, DiagRenderOptions options) {
    Palette palette = palette_for(options.colour && options.format == DIAG_FORMAT_HUMAN);
    const char *prefix = options.path_prefix ? options.path_prefix : "";
    if (options.format == DIAG_FORMAT_JSON)
        fputc('[', out);
    bool first = true;
    const char *current_path = NULL;
    size_t shown_for_file = 0, hidden_for_file = 0;
    for (size_t i = 0; i <= diagnostics->count; i++) {
        const Diagnostic *d = i < diagnostics->count ? diagnostics->items[i] : NULL;
        const char *path = d ? span_path(d->span) : NULL;
        if (!d || !current_path || strcmp(path, current_path) != 0) {
            if (hidden_for_file && options.format != DIAG_FORMAT_JSON)
                fprintf(out, "%s%s: note: %zu more diagnostics not shown\n", prefix, current_path, hidden_for_file);
            current_path = path;
            shown_for_file = hidden_for_file = 0;
        }
        if (!d)
            break;
        if (options.format != DIAG_FORMAT_JSON && shown_for_file >= LIMIT_DIAGNOSTICS_PER_FILE) {
            hidden_for_file++;
            continue;
        }
        shown_for_file++;
        switch (options.format) {
        case DIAG_FORMAT_HUMAN: render_human(d, out, prefix, &palette); break;
        case DIAG_FORMAT_GCC: render_gcc(d, out, prefix); break;
        case DIAG_FORMAT_GITHUB: render_github(d, out, prefix); break;
        case DIAG_FORMAT_JSON:
            fputs(first ? "\n  " : ",\n  ", out);
            render_json(d, out);
            break;
        }
        first = false;
    }
    if (options.format == DIAG_FORMAT_JSON)
        fputs(first ? "]\n" : "\n]\n", out);
}
