/* fix: edits are collected as (byte range, replacement), sorted, checked
 * for overlap, and applied in one pass over the source. */
#include "fix.h"

#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "keywords.h"
#include "memory.h"
#include "output.h"
#include "project_index.h"
#include "values.h"

typedef struct {
    size_t start, end;
    char *replacement;
} Edit;

typedef struct {
    Edit *items;
    size_t count, capacity;
} Edits;

static void edit_add(Edits *edits, size_t start, size_t end, const char *replacement) {
    if (edits->count == edits->capacity) {
        edits->capacity = edits->capacity ? edits->capacity * 2 : 16;
        edits->items = xrealloc(edits->items, edits->capacity * sizeof *edits->items);
    }
    edits->items[edits->count].start = start;
    edits->items[edits->count].end = end;
    edits->items[edits->count].replacement = xstrdup(replacement);
    edits->count++;
}

static int compare_edits(const void *left, const void *right) {
    const Edit *a = left, *b = right;
    return a->start < b->start ? -1 : a->start > b->start;
}

/* A span on one line → its byte range. */
static bool span_bytes(const SourceFile *file, Span span, size_t *start, size_t *end) {
    if (!span.file || span.line == 0 || span.line > file->line_count || span.end_line != span.line)
        return false;
    Slice line = source_line(file, span.line);
    size_t position = 0;
    uint32_t column = 1;
    while (column < span.column && position < line.length) {
        position++;
        while (position < line.length && ((unsigned char)line.data[position] & 0xC0) == 0x80)
            position++;
        column++;
    }
    size_t end_position = position;
    while (column < span.end_column && end_position < line.length) {
        end_position++;
        while (end_position < line.length && ((unsigned char)line.data[end_position] & 0xC0) == 0x80)
            end_position++;
        column++;
    }
    *start = (size_t)(line.data - file->text) + position;
    *end = (size_t)(line.data - file->text) + end_position;
    return true;
}

static bool has_code(const Diagnostics *diagnostics, const SourceFile *file, DiagCode code) {
    for (size_t i = 0; i < diagnostics->count; i++) {
        const Diagnostic *d = diagnostics->items[i];
        if (d->span.file == file && d->code == code)
            return true;
    }
    return false;
}

/* The numbers the meeting's cases should have: from the number after the
 * body's earlier meetings that year (or the first case's own), one by one. */
static void renumber(const Project *project, const Meeting *m, const Diagnostics *diagnostics, Edits *edits) {
    if (!m->metadata_valid || !m->case_count || !(has_code(diagnostics, m->file, DIAG_E_NUM_GAP) ||
                                                  has_code(diagnostics, m->file, DIAG_E_NUM_DUP) ||
                                                  has_code(diagnostics, m->file, DIAG_E_NUM_ORDER)))
        return;
    for (size_t i = 0; i < m->case_count; i++)
        if (!m->cases[i]->number.valid || m->cases[i]->number.year != m->date.year)
            return; /* a wrong year is not certain to mend */
    int start = m->cases[0]->number.number;
    int earlier = project_index_highest_before(project->index, m->body, m->date.year, m->date, NULL);
    if (earlier)
        start = earlier + 1;
    /* A reference in this file to a number two cases share is ambiguous:
     * then nothing is renumbered. */
    int *old = xcalloc(m->case_count, sizeof *old);
    for (size_t i = 0; i < m->case_count; i++)
        old[i] = m->cases[i]->number.number;
    for (const CaseRef *r = m->references; r; r = r->next) {
        int uses = 0;
        for (size_t i = 0; i < m->case_count; i++)
            uses += r->body == m->body && r->number.year == m->date.year && r->number.number == old[i];
        if (uses > 1) {
            free(old);
            return;
        }
    }
    /* Another file's reference to a case whose number would change would
     * then point elsewhere: not certain, so nothing is renumbered. */
    for (size_t k = 0; k < project->meeting_count; k++) {
        const Meeting *other = project->meetings[k];
        if (other == m)
            continue;
        for (size_t i = 0; i < m->case_count; i++) {
            if (start + (int)i == old[i])
                continue;
            for (const CaseRef *r = other->references; r; r = r->next)
                if (r->target == m->cases[i]) {
                    free(old);
                    return;
                }
            for (size_t j = 0; j < other->case_count; j++)
                if (other->cases[j]->follows_up && other->cases[j]->follows_up->target == m->cases[i]) {
                    free(old);
                    return;
                }
        }
    }
    char text[32];
    for (size_t i = 0; i < m->case_count; i++) {
        const Case *c = m->cases[i];
        int wanted = start + (int)i;
        if (wanted == c->number.number)
            continue;
        size_t from, to;
        if (!span_bytes(m->file, c->number.span, &from, &to)) {
            free(old);
            return;
        }
        CaseNumber number = c->number;
        number.number = wanted;
        case_number_format(number, m->body->numbering, text, sizeof text);
        edit_add(edits, from, to, text);
    }
    /* The file's references to the renumbered cases follow them. */
    for (const CaseRef *r = m->references; r; r = r->next) {
        if (r->body != m->body || r->number.year != m->date.year)
            continue;
        for (size_t i = 0; i < m->case_count; i++) {
            if (old[i] != r->number.number || start + (int)i == old[i])
                continue;
            size_t from, to;
            if (span_bytes(m->file, r->number.span, &from, &to)) {
                CaseNumber number = r->number;
                number.number = start + (int)i;
                case_number_format(number, r->number.form, text, sizeof text);
                edit_add(edits, from, to, text);
            }
        }
    }
    for (size_t k = 0; k < m->case_count; k++) {
        const CaseRef *r = m->cases[k]->follows_up;
        if (!r || (r->body && r->body != m->body) || r->number.year != m->date.year)
            continue;
        for (size_t i = 0; i < m->case_count; i++) {
            size_t from, to;
            if (old[i] == r->number.number && start + (int)i != old[i] && span_bytes(m->file, r->number.span, &from, &to)) {
                CaseNumber number = r->number;
                number.number = start + (int)i;
                case_number_format(number, r->number.form, text, sizeof text);
                edit_add(edits, from, to, text);
            }
        }
    }
    free(old);
}

/* Diagnostics whose suggestion is the whole, certain correction. */
static void suggestions(const Meeting *m, const Diagnostics *diagnostics, Edits *edits) {
    for (size_t i = 0; i < diagnostics->count; i++) {
        const Diagnostic *d = diagnostics->items[i];
        if (d->span.file != m->file || !d->suggestion)
            continue;
        bool certain = d->code == DIAG_W_CASE_FIELD || d->code == DIAG_E_PERSON_UNKNOWN || d->code == DIAG_W_META_KEY;
        size_t from, to;
        if (certain && span_bytes(m->file, d->span, &from, &to))
            edit_add(edits, from, to, d->suggestion);
    }
}

/* A keyword written in another case than the table's (`### vedtak`,
 * `til:`) is written as the table spells that alias. */
static void keyword_case(const Project *project, const Meeting *m, Edits *edits) {
    const char *text = m->file->text;
    for (size_t i = 0; i < m->case_count; i++) {
        const Case *c = m->cases[i];
        for (const CaseField *f = c->fields; f; f = f->next) {
            if (f->concept < 0)
                continue;
            const char *spelling = keyword_written_spelling(KEYWORD_GROUP_FIELD, f->key, project->language);
            if (spelling && !slice_equal_cstring(f->key, spelling)) {
                size_t start = (size_t)(f->key.data - text);
                edit_add(edits, start, start + f->key.length, spelling);
            }
        }
        const Part *parts[] = {c->proposal, c->decision};
        for (size_t p = 0; p < 2; p++) {
            if (!parts[p])
                continue;
            Slice line = source_line(m->file, parts[p]->heading_span.line);
            size_t skip = 0;
            while (skip < line.length && (line.data[skip] == '#' || line.data[skip] == ' '))
                skip++;
            Slice content = slice_make(line.data + skip, line.length - skip);
            size_t length;
            if (keyword_prefix(KEYWORD_GROUP_PART, content, project->language, &length) < 0)
                continue;
            const char *spelling = keyword_written_spelling(KEYWORD_GROUP_PART, slice_make(content.data, length),
                                                            project->language);
            if (spelling && strncmp(content.data, spelling, length) != 0) {
                size_t start = (size_t)(content.data - text);
                edit_add(edits, start, start + length, spelling);
            }
        }
        if (c->heading_valid) {
            Slice line = source_line(m->file, c->span.line);
            size_t skip = 0;
            while (skip < line.length && (line.data[skip] == '#' || line.data[skip] == ' '))
                skip++;
            Slice content = slice_make(line.data + skip, line.length - skip);
            size_t length;
            if (keyword_prefix(KEYWORD_GROUP_CASE, content, project->language, &length) >= 0) {
                const char *spelling = keyword_written_spelling(KEYWORD_GROUP_CASE, slice_make(content.data, length),
                                                                project->language);
                if (spelling && strncmp(content.data, spelling, length) != 0) {
                    size_t start = (size_t)(content.data - text);
                    edit_add(edits, start, start + length, spelling);
                }
            }
        }
    }
}

size_t fix_meeting(const Project *project, const Meeting *meeting, const Diagnostics *diagnostics, StringBuffer *out) {
    Edits edits = {0};
    keyword_case(project, meeting, &edits);
    renumber(project, meeting, diagnostics, &edits);
    suggestions(meeting, diagnostics, &edits);
    if (edits.count > 1)
        qsort(edits.items, edits.count, sizeof *edits.items, compare_edits);
    const char *text = meeting->file->text;
    size_t position = 0, applied = 0;
    for (size_t i = 0; i < edits.count; i++) {
        const Edit *edit = &edits.items[i];
        if (edit->start < position)
            continue; /* overlapping: not certain */
        buffer_append(out, text + position, edit->start - position);
        buffer_append_cstring(out, edit->replacement);
        position = edit->end;
        applied++;
    }
    buffer_append(out, text + position, meeting->file->length - position);
    for (size_t i = 0; i < edits.count; i++)
        free(edits.items[i].replacement);
    free(edits.items);
    return applied;
}

/* One file at a time, in date order, checking again after each: a
 * meeting's numbers follow from the fixed meetings before it. Meetings
 * without a usable date come last, in project order. */
static const Meeting *meeting_in_fix_order(const Project *project, Meeting *const *sorted, size_t sorted_count,
                                           size_t position) {
    if (position < sorted_count)
        return sorted[position];
    for (size_t k = 0, seen = sorted_count; k < project->meeting_count; k++)
        if (!project->meetings[k]->metadata_valid && seen++ == position)
            return project->meetings[k];
    return NULL;
}

/* Fixes the first meeting (in fix order) that has a certain fix; returns
 * the number of fixes written, 0 when none is left. */
static size_t fix_next_meeting(Compilation *c, FILE *diffs) {
    size_t written = 0;
    Meeting *const *sorted = c->project.index->meetings;
    size_t count = c->project.index->meeting_count;
    for (size_t i = 0; i < c->project.meeting_count && !written; i++) {
        const Meeting *meeting = meeting_in_fix_order(&c->project, sorted, count, i);
        if (!meeting)
            continue;
        StringBuffer text = {0};
        size_t fixes = fix_meeting(&c->project, meeting, &c->diagnostics, &text);
        if (fixes) {
            StringBuffer diff = {0};
            format_diff(meeting->file->path, slice_make(meeting->file->text, meeting->file->length),
                        slice_make(text.data, text.length), &diff);
            fwrite(diff.data, 1, diff.length, diffs);
            buffer_free(&diff);
            char *path = arena_printf(&c->arena, "%s/%s", c->project.root, meeting->file->path);
            if (output_write_file(path, text.data, text.length))
                written = fixes;
            else
                fprintf(stderr, "referat: cannot write %s\n", path);
        }
        buffer_free(&text);
    }
    return written;
}

size_t fix_project(Compilation *c, const char *directory, unsigned jobs, FILE *diffs) {
    size_t fixed = 0;
    for (size_t round = 0; c->loaded && round <= c->project.meeting_count; round++) {
        size_t fixes = fix_next_meeting(c, diffs);
        if (!fixes)
            break;
        fixed += fixes;
        compilation_free(c);
        compilation_run(c, directory, jobs);
    }
    return fixed;
}
