/* format: rewriting by lines and spans. Structure lines (case headings,
 * fields, part headings) are rewritten from the AST in canonical spelling;
 * free text is copied as written, except blank lines outside code blocks,
 * which become exactly one between blocks (they carry no meaning there). */
#include "format.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "emit_json.h"
#include "keywords.h"
#include "lex.h"
#include "memory.h"
#include "output.h"
#include "parse.h"
#include "values.h"

typedef struct {
    Slice text;      /* the block's lines, comments above the key included */
    int concept;     /* KEYWORD_META_*, or KEYWORD_META_COUNT for unknown keys */
    size_t order;
} FrontBlock;

static int compare_blocks(const void *left, const void *right) {
    const FrontBlock *a = left, *b = right;
    if (a->concept != b->concept)
        return a->concept < b->concept ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

static Slice line_without_end(const SourceFile *file, uint32_t line) {
    return source_line(file, line);
}

static void append_line(StringBuffer *out, Slice line) {
    size_t length = line.length;
    while (length && (line.data[length - 1] == ' ' || line.data[length - 1] == '\t'))
        length--;
    buffer_append(out, line.data, length);
    buffer_append_cstring(out, "\n");
}

/* The front matter's top-level keys in the order of grammar/keywords.tsv
 * (body, kind, date, time, …); comment lines travel with the key below. */
static uint32_t format_front_matter(const SourceFile *file, StringBuffer *out) {
    uint32_t close = 0;
    for (uint32_t line = 2; line <= file->line_count; line++) {
        if (slice_equal_cstring(source_line(file, line), "---")) {
            close = line;
            break;
        }
    }
    if (!close)
        return 0;
    FrontBlock *blocks = xcalloc(close + 1, sizeof *blocks);
    size_t count = 0;
    StringBuffer pending = {0};
    StringBuffer *texts = xcalloc(close + 1, sizeof *texts);
    for (uint32_t line = 2; line < close; line++) {
        Slice text = line_without_end(file, line);
        bool top_key = text.length && text.data[0] != ' ' && text.data[0] != '#' && text.data[0] != '-' &&
                       memchr(text.data, ':', text.length);
        if (top_key) {
            const char *colon = memchr(text.data, ':', text.length);
            Slice key = slice_trim(slice_make(text.data, (size_t)(colon - text.data)));
            int concept = keyword_lookup(KEYWORD_GROUP_META, key, LANGUAGE_NB | LANGUAGE_NN | LANGUAGE_EN);
            blocks[count].concept = concept < 0 ? KEYWORD_META_COUNT : concept;
            blocks[count].order = count;
            buffer_append(&texts[count], pending.data ? pending.data : "", pending.length);
            pending.length = 0;
            append_line(&texts[count], text);
            count++;
        } else if (count && !(text.length && text.data[0] == '#')) {
            append_line(&texts[count - 1], text); /* a value's continuation (a block scalar may hold blank lines) */
        } else if (slice_trim(text).length) {
            append_line(&pending, text); /* a comment: it belongs to the next key */
        }
    }
    for (size_t i = 0; i < count; i++) {
        /* Blank lines that end a block separate keys; they are not kept. */
        while (texts[i].length >= 2 && texts[i].data[texts[i].length - 1] == '\n' && texts[i].data[texts[i].length - 2] == '\n')
            texts[i].length--;
        blocks[i].text = slice_make(texts[i].data ? texts[i].data : "", texts[i].length);
    }
    qsort(blocks, count, sizeof *blocks, compare_blocks);
    buffer_append_cstring(out, "---\n");
    for (size_t i = 0; i < count; i++)
        buffer_append(out, blocks[i].text.data, blocks[i].text.length);
    if (pending.length)
        buffer_append(out, pending.data, pending.length);
    buffer_append_cstring(out, "---\n");
    for (size_t i = 0; i < count; i++)
        buffer_free(&texts[i]);
    free(texts);
    free(blocks);
    buffer_free(&pending);
    return close;
}

/* What stands on each line of the file: built once, so that laying out a
 * file is linear whatever its number of cases. */
typedef struct {
    const Case **cases;       /* a case heading */
    const CaseField **fields; /* a field */
    const Part **parts;       /* a proposal or decision heading … */
    const Case **part_owners; /* … and its case */
} LineMap;

static LineMap line_map_build(Arena *arena, const Meeting *m) {
    uint32_t lines = m->file->line_count + 2;
    LineMap map = {arena_alloc_array(arena, lines, sizeof *map.cases), arena_alloc_array(arena, lines, sizeof *map.fields),
                   arena_alloc_array(arena, lines, sizeof *map.parts),
                   arena_alloc_array(arena, lines, sizeof *map.part_owners)};
    for (size_t i = 0; i < m->case_count; i++) {
        const Case *c = m->cases[i];
        if (c->span.line < lines && !map.cases[c->span.line])
            map.cases[c->span.line] = c;
        for (const CaseField *f = c->fields; f; f = f->next)
            if (f->span.line < lines && !map.fields[f->span.line])
                map.fields[f->span.line] = f;
        const Part *parts[] = {c->proposal, c->decision};
        for (size_t k = 0; k < 2; k++) {
            uint32_t line = parts[k] ? parts[k]->heading_span.line : 0;
            if (parts[k] && line < lines && !map.parts[line]) {
                map.parts[line] = parts[k];
                map.part_owners[line] = c;
            }
        }
    }
    return map;
}

static void blank_line(StringBuffer *out) {
    /* At most one blank line, never at the very start of the body. */
    if (out->length >= 2 && out->data[out->length - 1] == '\n' && out->data[out->length - 2] == '\n')
        return;
    if (out->length >= 4 && memcmp(out->data + out->length - 4, "---\n", 4) == 0)
        return;
    buffer_append_cstring(out, "\n");
}

/* The front matter as written, between its two --- lines. */
static uint32_t copy_front_matter(const SourceFile *file, StringBuffer *out) {
    for (uint32_t line = 2; line <= file->line_count; line++) {
        if (!slice_equal_cstring(source_line(file, line), "---"))
            continue;
        for (uint32_t kept = 1; kept <= line; kept++)
            append_line(out, source_line(file, kept));
        return line;
    }
    return 0;
}

void format_meeting(const Meeting *m, Language language, bool keep_front_matter, StringBuffer *out) {
    const SourceFile *file = m->file;
    uint32_t close = keep_front_matter ? copy_front_matter(file, out) : format_front_matter(file, out);
    size_t body_start = close && close < file->line_count ? file->line_starts[close] : file->length;
    Arena arena;
    arena_init(&arena);
    TokenList tokens = lex_body(&arena, file, body_start);
    LineMap lines = line_map_build(&arena, m);
    if (close)
        buffer_append_cstring(out, "\n");
    bool in_verbatim = false;
    for (size_t t = 0; t < tokens.count; t++) {
        const Token *token = &tokens.items[t];
        if (token->kind == TOKEN_EOF)
            break;
        Slice line = line_without_end(file, token->line);
        if (token->kind == TOKEN_VERBATIM) {
            if (!in_verbatim && out->length && out->data[out->length - 1] == '\n')
                blank_line(out);
            in_verbatim = true;
            buffer_append(out, line.data, line.length); /* code is kept exactly */
            buffer_append_cstring(out, "\n");
            continue;
        }
        if (in_verbatim && token->kind != TOKEN_BLANK)
            blank_line(out);
        in_verbatim = false;
        if (token->kind == TOKEN_BLANK) {
            blank_line(out);
            continue;
        }
        const Case *c = token->kind == TOKEN_HEADING ? lines.cases[token->line] : NULL;
        const Case *owner = NULL;
        const Part *part = token->kind == TOKEN_HEADING ? lines.parts[token->line] : NULL;
        if (part)
            owner = lines.part_owners[token->line];
        const CaseField *field = token->kind == TOKEN_TEXT ? lines.fields[token->line] : NULL;
        if (c && c->heading_valid && c->number.valid && c->title.length) {
            char number[32];
            case_number_format(c->number, m->body ? m->body->numbering : c->number.form, number, sizeof number);
            blank_line(out);
            Slice content = slice_make(file->text + token->content_start, token->content_end - token->content_start);
            while (content.length && (content.data[0] == '*' || content.data[0] == '_'))
                content = slice_make(content.data + 1, content.length - 1);
            size_t length;
            keyword_prefix(KEYWORD_GROUP_CASE, content, language, &length);
            const char *word = keyword_written_spelling(KEYWORD_GROUP_CASE, slice_make(content.data, length), language);
            buffer_printf(out, "## %s %s %.*s", word ? word : keyword_spelling(KEYWORD_GROUP_CASE, KEYWORD_CASE_CASE, language),
                          number, (int)c->title.length, c->title.data);
            if (c->type != CASE_TYPE_NONE)
                buffer_printf(out, " (%c)", "_BOR"[c->type]);
            buffer_append_cstring(out, "\n\n");
        } else if (part) {
            bool decision = part == owner->decision;
            blank_line(out);
            Slice content = slice_make(file->text + token->content_start, token->content_end - token->content_start);
            size_t length;
            keyword_prefix(KEYWORD_GROUP_PART, content, language, &length);
            const char *word = keyword_written_spelling(KEYWORD_GROUP_PART, slice_make(content.data, length), language);
            buffer_printf(out, "### %s", word ? word
                                              : keyword_spelling(KEYWORD_GROUP_PART,
                                                                 decision ? KEYWORD_PART_DECISION : KEYWORD_PART_PROPOSAL, language));
            if (decision && part->status != DECISION_DECIDED)
                buffer_printf(out, " (%s)", keyword_spelling(KEYWORD_GROUP_STATUS,
                                                             part->status == DECISION_POSTPONED ? KEYWORD_STATUS_POSTPONED
                                                                                                : KEYWORD_STATUS_WITHDRAWN,
                                                             language));
            buffer_append_cstring(out, "\n\n");
        } else if (field && field->concept >= 0) {
            /* A vote's key keeps its label: `Votering (endringsforslag fra H)`. */
            Slice key = field->key, label = slice_make("", 0);
            const char *open = key.length ? memchr(key.data, '(', key.length) : NULL;
            if (field->concept == KEYWORD_FIELD_VOTE && open && key.data[key.length - 1] == ')') {
                label = slice_make(open, (size_t)(key.data + key.length - open));
                key = slice_trim(slice_make(key.data, (size_t)(open - key.data)));
            }
            const char *word = keyword_written_spelling(KEYWORD_GROUP_FIELD, key, language);
            buffer_printf(out, "%s%s%.*s: %.*s\n", word ? word : keyword_spelling(KEYWORD_GROUP_FIELD, field->concept, language),
                          label.length ? " " : "", (int)label.length, label.data, (int)field->value.length,
                          field->value.data);
        } else if (token->kind == TOKEN_HEADING) {
            blank_line(out);
            append_line(out, line);
            buffer_append_cstring(out, "\n");
        } else {
            /* Free text as written: trailing spaces make a line break in
             * Markdown, so a text line keeps them. */
            buffer_append(out, line.data, line.length);
            buffer_append_cstring(out, "\n");
        }
    }
    while (out->length >= 2 && out->data[out->length - 1] == '\n' && out->data[out->length - 2] == '\n')
        out->length--;
    if (out->length && out->data[out->length - 1] != '\n')
        buffer_append_cstring(out, "\n");
    if (out->data)
        out->data[out->length] = '\0';
    arena_free(&arena);
}

void format_diff(const char *path, Slice before, Slice after, StringBuffer *out) {
    buffer_printf(out, "--- %s\n+++ %s (referat fmt)\n", path, path);
    /* Lines of both, then a plain LCS; files over 4 million line pairs are
     * reported without the detail. */
    size_t n = 0, m = 0;
    for (size_t i = 0; i < before.length; i++)
        n += before.data[i] == '\n';
    for (size_t i = 0; i < after.length; i++)
        m += after.data[i] == '\n';
    if ((n + 1) * (m + 1) > 4000000) {
        buffer_append_cstring(out, "(the file is too large to show the difference line by line)\n");
        return;
    }
    Slice *a = xcalloc(n + 2, sizeof *a), *b = xcalloc(m + 2, sizeof *b);
    uint32_t *lcs = xcalloc((n + 2) * (m + 2), sizeof *lcs);
    size_t k = 0, start = 0;
    for (size_t i = 0; i < before.length; i++)
        if (before.data[i] == '\n') {
            a[k++] = slice_make(before.data + start, i - start);
            start = i + 1;
        }
    if (start < before.length)
        a[k++] = slice_make(before.data + start, before.length - start);
    n = k;
    k = start = 0;
    for (size_t i = 0; i < after.length; i++)
        if (after.data[i] == '\n') {
            b[k++] = slice_make(after.data + start, i - start);
            start = i + 1;
        }
    if (start < after.length)
        b[k++] = slice_make(after.data + start, after.length - start);
    m = k;
    for (size_t i = n; i-- > 0;)
        for (size_t j = m; j-- > 0;)
            lcs[i * (m + 1) + j] = slice_equal(a[i], b[j]) ? lcs[(i + 1) * (m + 1) + j + 1] + 1
                                   : lcs[(i + 1) * (m + 1) + j] > lcs[i * (m + 1) + j + 1] ? lcs[(i + 1) * (m + 1) + j]
                                                                                          : lcs[i * (m + 1) + j + 1];
    size_t i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && slice_equal(a[i], b[j])) {
            i++;
            j++;
        } else if (j < m && (i >= n || lcs[i * (m + 1) + j + 1] >= lcs[(i + 1) * (m + 1) + j])) {
            buffer_printf(out, "%zu +%.*s\n", j + 1, (int)b[j].length, b[j].data);
            j++;
        } else {
            buffer_printf(out, "%zu -%.*s\n", i + 1, (int)a[i].length, a[i].data);
            i++;
        }
    }
    free(a);
    free(b);
    free(lcs);
}

/* What a meeting text's front matter says as the parser reads it, without
 * source positions (which formatting moves), and its cases' numbers and
 * titles, as JSON; *errors gets the number of errors reading it reported. */
static char *meeting_model(const Project *project, const char *path, Slice text, size_t *errors) {
    Arena arena;
    arena_init(&arena);
    Diagnostics diagnostics;
    diag_init(&diagnostics, &arena);
    StringBuffer model = {0};
    const SourceFile *file = source_from_memory(&arena, &diagnostics, path, text.data, text.length);
    if (file) {
        JsonWriter writer;
        json_init(&writer, &model, JSON_PRETTY);
        writer.omit_spans = true;
        const Meeting *meeting = parse_meeting(&arena, &diagnostics, project, file);
        emit_json_front_matter(&writer, meeting);
        for (size_t i = 0; i < meeting->case_count; i++) {
            const Case *c = meeting->cases[i];
            buffer_printf(&model, "\n%d/%d %.*s", c->number.number, c->number.year, (int)c->title.length,
                          c->title.data);
            /* The fields by meaning (their keys' spelling may change), and
             * each vote's label, which is part of its key. */
            for (const CaseField *field = c->fields; field; field = field->next)
                buffer_printf(&model, "\n %d %.*s", field->concept, (int)field->value.length, field->value.data);
            for (const Vote *vote = c->votes; vote; vote = vote->next)
                buffer_printf(&model, "\n vote %.*s", (int)vote->label.length, vote->label.data);
        }
    }
    buffer_append(&model, "", 0); /* NUL-terminated even when empty */
    *errors = diagnostics.error_count;
    diag_dispose(&diagnostics);
    arena_free(&arena);
    return model.data;
}

/* Whether `after` says what `before` says about the meeting and its
 * cases, with no more errors: fmt's promise, checked rather than assumed
 * where it could break (reordering front-matter keys by lines). */
static bool same_model(const Project *project, const char *path, Slice before, Slice after) {
    size_t errors_before, errors_after;
    char *model_before = meeting_model(project, path, before, &errors_before);
    char *model_after = meeting_model(project, path, after, &errors_after);
    bool same = model_before && model_after && strcmp(model_before, model_after) == 0 && errors_after <= errors_before;
    free(model_before);
    free(model_after);
    return same;
}

bool format_meeting_safely(const Project *project, const Meeting *meeting, const char *path, StringBuffer *text) {
    const SourceFile *file = meeting->file;
    Slice before = slice_make(file->text, file->length);
    for (int keep_front_matter = 0; keep_front_matter <= 1; keep_front_matter++) {
        text->length = 0;
        format_meeting(meeting, project->language, keep_front_matter, text);
        if (same_model(project, path, before, slice_make(text->data ? text->data : "", text->length)))
            return true;
    }
    return false;
}

int format_file(const char *path, bool check, FILE *diffs) {
    Compilation c;
    const Meeting *meeting;
    if (!compilation_of_file(path, &c, &meeting))
        return REFERAT_EXIT_USAGE;
    int status = REFERAT_EXIT_OK;
    if (!meeting) {
        fprintf(stderr, "referat: %s: its front matter has errors; run referat check first\n", path);
        compilation_free(&c);
        return REFERAT_EXIT_ERRORS;
    }
    StringBuffer text = {0};
    if (!format_meeting_safely(&c.project, meeting, path, &text)) {
        fprintf(stderr, "referat: %s is left as it is: its canonical layout would not read as the same meeting "
                        "(please report this file)\n", path);
        buffer_free(&text);
        compilation_free(&c);
        return REFERAT_EXIT_OK;
    }
    /* The file as it is on disk: a BOM (which the parsed text starts
     * after) makes it differ from the canonical layout. */
    const SourceFile *file = meeting->file;
    Slice before = slice_make(file->text, file->length);
    Slice after = slice_make(text.data ? text.data : "", text.length);
    bool same = !file->byte_order_mark && before.length == after.length &&
                memcmp(before.data, after.data, after.length) == 0;
    if (!same && check) {
        StringBuffer diff = {0};
        format_diff(path, before, after, &diff);
        fwrite(diff.data, 1, diff.length, diffs);
        buffer_free(&diff);
        status = REFERAT_EXIT_ERRORS;
    } else if (!same && !output_write_file(path, after.data, after.length)) {
        fprintf(stderr, "referat: cannot write %s: %s\n", path, strerror(errno));
        status = REFERAT_EXIT_USAGE;
    } else if (!same) {
        fprintf(stderr, "referat: formatted %s\n", path);
    }
    buffer_free(&text);
    compilation_free(&c);
    return status;
}
