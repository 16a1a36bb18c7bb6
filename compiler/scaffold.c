/* scaffold: generating and transforming meeting files. New text is written
 * in the canonical layout; transformed text is edited by span, so that
 * everything the secretariat wrote stays byte for byte. */
#include "scaffold.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "keywords.h"
#include "output.h"
#include "project_index.h"
#include "suggest.h"
#include "values.h"

static bool member_active(const Member *member, Date date) {
    return (!member->from.year || date_compare(date, member->from) >= 0) &&
           (!member->to.year || date_compare(date, member->to) <= 0);
}

static void yaml_string(StringBuffer *out, Slice text) {
    buffer_append_cstring(out, "\"");
    for (size_t i = 0; i < text.length; i++) {
        char c = text.data[i];
        if (c == '"' || c == '\\')
            buffer_printf(out, "\\%c", c);
        else
            buffer_append(out, &c, 1);
    }
    buffer_append_cstring(out, "\"");
}

static const char *keyword(KeywordGroup group, int concept, Language language) {
    return keyword_spelling(group, concept, language);
}

/* Cases postponed at the body's meetings before `date` that no later case
 * follows up. */
static bool followed_up(const Project *project, const Case *c) {
    for (size_t m = 0; m < project->meeting_count; m++) {
        const Meeting *meeting = project->meetings[m];
        for (size_t i = 0; i < meeting->case_count; i++) {
            const CaseRef *reference = meeting->cases[i]->follows_up;
            if (reference && reference->target == c)
                return true;
        }
    }
    return false;
}

void scaffold_notice(Arena *arena, const Project *project, const Body *body, Date date, Slice standing_cases,
                     StringBuffer *out) {
    Language language = project->language;
    const Meeting *last;
    int highest = project_index_highest_before(project->index, body, date.year, date, &last);
    /* A project that starts mid-year holds no cases before archive_from:
     * the year's numbers continue from there, not from 01. */
    if (body->archive_from.valid && body->archive_from.year == date.year && highest < body->archive_from.number - 1)
        highest = body->archive_from.number - 1;
    buffer_printf(out, "---\nbody: %s\nkind: notice\ndate: %04d-%02d-%02d\n", body->id.data, date.year, date.month, date.day);
    if (last && last->time.present && last->time.end_minute >= 0)
        buffer_printf(out, "time: \"%02d:%02d-%02d:%02d\"\n", last->time.start_minute / 60, last->time.start_minute % 60,
                      last->time.end_minute / 60, last->time.end_minute % 60);
    if (last && last->place.length) {
        buffer_append_cstring(out, "place: ");
        yaml_string(out, last->place);
        buffer_append_cstring(out, "\n");
    }
    if (last && last->chair.length) {
        buffer_append_cstring(out, "chair: ");
        yaml_string(out, last->chair);
        buffer_append_cstring(out, "\n");
    }
    /* The roster, for the secretariat to sort into present and absent. */
    for (int voting = 1; voting >= 0; voting--) {
        bool any = false;
        for (size_t i = 0; i < body->member_count; i++) {
            const Member *member = &body->members[i];
            if (member->vote != (voting == 1) || !member_active(member, date))
                continue;
            if (!any)
                buffer_append_cstring(out, voting ? "present:\n" : "advisory:\n");
            any = true;
            buffer_append_cstring(out, "  - ");
            yaml_string(out, member->name);
            buffer_append_cstring(out, "\n");
        }
    }
    buffer_append_cstring(out, "---\n");

    const char *case_word = keyword(KEYWORD_GROUP_CASE, KEYWORD_CASE_CASE, language);
    int number = highest;
    char form_buffer[32];
    CaseNumber n;
    memset(&n, 0, sizeof n);
    n.year = date.year;
    /* Standing cases: each "## Title (T)" of the template, numbered in turn;
     * a line "<!-- postponed -->" marks where postponed cases go. */
    const char *marker = "<!-- postponed -->";
    size_t position = 0;
    bool postponed_written = false;
    while (true) {
        bool at_marker = false;
        size_t line_end = position;
        while (line_end < standing_cases.length && standing_cases.data[line_end] != '\n')
            line_end++;
        Slice line = slice_make(standing_cases.data + position, line_end - position);
        if (position >= standing_cases.length)
            at_marker = true;
        else if (slice_equal(slice_trim(line), slice_from_cstring(marker)))
            at_marker = true;
        if (at_marker && !postponed_written) {
            postponed_written = true;
            for (size_t i = 0; i < project->index->meeting_count; i++) {
                const Meeting *m = project->index->meetings[i];
                if (m->body != body || date_compare(m->date, date) >= 0)
                    continue;
                for (size_t k = 0; k < m->case_count; k++) {
                    const Case *c = m->cases[k];
                    if (!c->decision || c->decision->status != DECISION_POSTPONED || followed_up(project, c))
                        continue;
                    n.number = ++number;
                    case_number_format(n, body->numbering, form_buffer, sizeof form_buffer);
                    char old[32];
                    case_number_format(c->number, body->numbering, old, sizeof old);
                    buffer_printf(out, "\n## %s %s %.*s", case_word, form_buffer, (int)c->title.length, c->title.data);
                    if (c->type != CASE_TYPE_NONE)
                        buffer_printf(out, " (%c)", "_BOR"[c->type]);
                    buffer_printf(out, "\n\n%s: %s\n", keyword(KEYWORD_GROUP_FIELD, KEYWORD_FIELD_FOLLOWS_UP, language), old);
                    if (c->proposal)
                        buffer_printf(out, "\n### %s\n\n%.*s\n", keyword(KEYWORD_GROUP_PART, KEYWORD_PART_PROPOSAL, language),
                                      (int)c->proposal->text.length, c->proposal->text.data);
                }
            }
        }
        if (position >= standing_cases.length)
            break;
        if (!at_marker) {
            if (line.length > 3 && strncmp(line.data, "## ", 3) == 0) {
                n.number = ++number;
                case_number_format(n, body->numbering, form_buffer, sizeof form_buffer);
                buffer_printf(out, "\n## %s %s %.*s\n", case_word, form_buffer, (int)(line.length - 3), line.data + 3);
            } else {
                buffer_printf(out, "%.*s\n", (int)line.length, line.data);
            }
        }
        position = line_end + 1;
    }
    (void)arena;
    /* The canonical layout: one blank line between blocks, a final newline. */
    size_t write = 0;
    int newlines = 0;
    for (size_t read = 0; read < out->length; read++) {
        char c = out->data[read];
        newlines = c == '\n' ? newlines + 1 : 0;
        if (newlines <= 2)
            out->data[write++] = c;
    }
    while (write > 1 && out->data[write - 1] == '\n' && out->data[write - 2] == '\n')
        write--;
    if (write == 0 || out->data[write - 1] != '\n')
        out->data[write++] = '\n';
    out->length = write;
    out->data[write] = '\0';
}

/* Where an item ends in the source: the start of the next item's heading line. */
static size_t item_end(const Meeting *notice, size_t index) {
    const SourceFile *file = notice->file;
    if (index + 1 >= notice->item_count)
        return file->length;
    const Item *next = &notice->items[index + 1];
    uint32_t line = next->kind == ITEM_CASE ? next->case_item->span.line : next->section->span.line;
    return file->line_starts[line - 1];
}

void scaffold_minutes(const Meeting *notice, Language language, StringBuffer *out) {
    const SourceFile *file = notice->file;
    /* kind: the front matter's line, or a new one after body. */
    size_t position = 0;
    const char *text = file->text;
    const char *kind_line = NULL;
    for (uint32_t line = 2; line <= file->line_count; line++) {
        Slice content = source_line(file, line);
        if (slice_equal_cstring(content, "---"))
            break;
        if (content.length >= 5 && strncmp(content.data, "kind:", 5) == 0) {
            kind_line = content.data;
            buffer_append(out, text, (size_t)(kind_line - text));
            buffer_append_cstring(out, "kind: minutes");
            position = (size_t)(content.data + content.length - text);
            break;
        }
    }
    if (!kind_line) {
        size_t after_first = file->line_count >= 2 ? file->line_starts[1] : file->length;
        buffer_append(out, text, after_first);
        buffer_append_cstring(out, "kind: minutes\n");
        position = after_first;
    }
    for (size_t i = 0; i < notice->item_count; i++) {
        const Item *item = &notice->items[i];
        if (item->kind != ITEM_CASE)
            continue;
        const Case *c = item->case_item;
        if (!c->proposal || c->decision)
            continue;
        size_t end = item_end(notice, i);
        /* Insert before the blank lines that end the case. */
        size_t insert = end;
        while (insert > position && (text[insert - 1] == '\n' || text[insert - 1] == '\r' || text[insert - 1] == ' '))
            insert--;
        buffer_append(out, text + position, insert - position);
        buffer_printf(out, "\n\n### %s\n\n%.*s\n", keyword(KEYWORD_GROUP_PART, KEYWORD_PART_DECISION, language),
                      (int)c->proposal->text.length, c->proposal->text.data);
        position = insert;
    }
    buffer_append(out, text + position, file->length - position);
}

/* The project's standing cases for a body: templates/new-BODY.md, else
 * templates/new.md, else none. */
static Slice standing_cases(Compilation *c, const char *directory, const Body *body) {
    const char *names[] = {arena_printf(&c->arena, "templates/new-%s.md", body->id.data), "templates/new.md"};
    for (size_t i = 0; i < 2; i++) {
        if (access(arena_printf(&c->arena, "%s/%s", directory, names[i]), F_OK) != 0)
            continue;
        SourceFile *file = source_load(&c->arena, &c->diagnostics, directory, names[i]);
        if (file)
            return slice_make(file->text, file->length);
    }
    return slice_make("", 0);
}

int scaffold_new(const char *directory, const char *body_id, Date date) {
    Compilation c;
    compilation_run(&c, directory, compilation_default_jobs());
    if (!c.loaded) {
        compilation_report(&c, stderr, DIAG_FORMAT_HUMAN, false, directory);
        compilation_free(&c);
        return REFERAT_EXIT_USAGE;
    }
    const Body *body = project_find_body(&c.project, slice_from_cstring(body_id));
    if (!body) {
        const char **candidates = arena_alloc_array(&c.arena, c.project.body_count + 1, sizeof *candidates);
        for (size_t i = 0; i < c.project.body_count; i++)
            candidates[i] = c.project.bodies[i].id.data;
        const char *suggestion = suggest_nearest(slice_from_cstring(body_id), candidates, c.project.body_count, 2);
        fprintf(stderr, "referat: no body '%s' in referat.yaml%s%s%s\n", body_id, suggestion ? " (did you mean '" : "",
                suggestion ? suggestion : "", suggestion ? "'?)" : "");
        compilation_free(&c);
        return REFERAT_EXIT_USAGE;
    }
    char *path = arena_printf(&c.arena, "%s/meetings/%s/%04d-%02d-%02d.md", directory, body->id.data, date.year,
                              date.month, date.day);
    StringBuffer text = {0};
    scaffold_notice(&c.arena, &c.project, body, date, standing_cases(&c, directory, body), &text);
    int status = REFERAT_EXIT_OK;
    if (!output_make_folders(path) || !output_create_file(path, text.data, text.length)) {
        if (errno == EEXIST)
            fprintf(stderr, "referat: %s exists; referat new never overwrites a file\n", path);
        else
            fprintf(stderr, "referat: cannot write %s: %s\n", path, strerror(errno));
        status = REFERAT_EXIT_USAGE;
    } else {
        fprintf(stderr, "referat: wrote %s — sort the roster into present/absent, then write the cases\n", path);
    }
    buffer_free(&text);
    compilation_free(&c);
    return status;
}

int scaffold_minutes_file(const char *notice, const char *out, bool force) {
    Compilation c;
    const Meeting *meeting;
    if (!compilation_of_file(notice, &c, &meeting))
        return REFERAT_EXIT_USAGE;
    int status = REFERAT_EXIT_OK;
    if (!meeting) {
        fprintf(stderr, "referat: %s could not be read as a meeting; run referat check\n", notice);
        status = REFERAT_EXIT_ERRORS;
    } else if (meeting->kind != MEETING_NOTICE) {
        fprintf(stderr, "referat: %s is already minutes (kind: minutes)\n", notice);
        status = REFERAT_EXIT_USAGE;
    } else {
        StringBuffer text = {0};
        scaffold_minutes(meeting, c.project.language, &text);
        const char *target = out ? out : notice;
        /* In place is the point of the command; another file is new. */
        bool written = !out || force ? output_write_file(target, text.data, text.length)
                                     : output_create_file(target, text.data, text.length);
        if (!written && errno == EEXIST) {
            fprintf(stderr, "referat: %s exists; use --force to replace it\n", target);
            status = REFERAT_EXIT_USAGE;
        } else if (!written) {
            fprintf(stderr, "referat: cannot write %s: %s\n", target, strerror(errno));
            status = REFERAT_EXIT_USAGE;
        } else {
            fprintf(stderr, "referat: %s is now a minutes draft: fill in attendance and edit the decisions\n", target);
        }
        buffer_free(&text);
    }
    compilation_free(&c);
    return status;
}
