/* yaml_tree: libyaml events → YamlTreeNode. Positions: libyaml marks are
 * 0-based and count characters, which is what our columns count too, so a
 * mark maps to (first_line + mark.line, mark.column + 1). */
#include "yaml_tree.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "keywords.h"
#include "limits.h"
#include "memory.h"
#include "suggest.h"

typedef struct {
    YamlTreeNode *node;
    YamlTreeNode **items;
    size_t count, capacity;
} BuildFrame;

typedef struct {
    Arena *arena;
    Diagnostics *diagnostics;
    const SourceFile *file;
    uint32_t first_line;
    DiagCode error_code;
    BuildFrame stack[LIMIT_YAML_DEPTH + 1];
    size_t depth;
    YamlTreeNode *root;
    bool failed;
} YamlBuilder;

static Span mark_span(const YamlBuilder *builder, yaml_mark_t start, yaml_mark_t end) {
    Span span;
    span.file = builder->file;
    span.line = builder->first_line + (uint32_t)start.line;
    span.column = (uint32_t)start.column + 1;
    span.end_line = builder->first_line + (uint32_t)end.line;
    span.end_column = (uint32_t)end.column + 1;
    if (span.end_line < span.line || (span.end_line == span.line && span.end_column <= span.column)) {
        span.end_line = span.line;
        span.end_column = span.column + 1;
    }
    return span;
}

static void frame_push_item(BuildFrame *frame, YamlTreeNode *item) {
    if (frame->count == frame->capacity) {
        size_t capacity = frame->capacity ? frame->capacity * 2 : 8;
        YamlTreeNode **items = xrealloc(frame->items, capacity * sizeof *items);
        frame->items = items;
        frame->capacity = capacity;
    }
    frame->items[frame->count++] = item;
}

static void attach(YamlBuilder *builder, YamlTreeNode *node) {
    if (builder->depth == 0) {
        if (!builder->root)
            builder->root = node;
        return;
    }
    frame_push_item(&builder->stack[builder->depth - 1], node);
}

static void report_duplicate_keys(YamlBuilder *builder, YamlTreeNode *mapping) {
    for (size_t i = 2; i < mapping->item_count; i += 2) {
        YamlTreeNode *key = mapping->items[i];
        if (key->kind != YAML_TREE_SCALAR)
            continue;
        for (size_t j = 0; j < i; j += 2) {
            YamlTreeNode *earlier = mapping->items[j];
            if (earlier->kind == YAML_TREE_SCALAR && slice_equal(earlier->scalar, key->scalar)) {
                Diagnostic *d = diag_report(builder->diagnostics, builder->error_code, key->span,
                                            "duplicate key '%s'", key->scalar.data);
                diag_note(builder->diagnostics, d, earlier->span, "'%s' first given here",
                          earlier->scalar.data);
                break;
            }
        }
    }
}

static bool refuse_anchor(YamlBuilder *builder, const yaml_char_t *anchor, Span span) {
    if (!anchor)
        return false;
    diag_report(builder->diagnostics, DIAG_E_YAML_ALIAS, span,
                "YAML anchor '&%s' is not allowed; write the value out in full", (const char *)anchor);
    return true;
}

static bool handle_event(YamlBuilder *builder, yaml_event_t *event) {
    Span span = mark_span(builder, event->start_mark, event->end_mark);
    switch (event->type) {
    case YAML_ALIAS_EVENT:
        diag_report(builder->diagnostics, DIAG_E_YAML_ALIAS, span,
                    "YAML alias '*%s' is not allowed; write the value out in full",
                    (const char *)event->data.alias.anchor);
        return false;
    case YAML_SCALAR_EVENT: {
        if (refuse_anchor(builder, event->data.scalar.anchor, span))
            return false;
        YamlTreeNode *node = arena_alloc(builder->arena, sizeof *node);
        node->kind = YAML_TREE_SCALAR;
        node->span = span;
        node->scalar.data = arena_strndup(builder->arena, (const char *)event->data.scalar.value,
                                          event->data.scalar.length);
        node->scalar.length = event->data.scalar.length;
        node->quoted = event->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
        attach(builder, node);
        return true;
    }
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
        const yaml_char_t *anchor = event->type == YAML_SEQUENCE_START_EVENT
                                        ? event->data.sequence_start.anchor
                                        : event->data.mapping_start.anchor;
        if (refuse_anchor(builder, anchor, span))
            return false;
        if (builder->depth >= LIMIT_YAML_DEPTH) {
            diag_report(builder->diagnostics, DIAG_E_LIMIT, span,
                        "YAML nested too deeply (the limit is %d levels)", LIMIT_YAML_DEPTH);
            return false;
        }
        YamlTreeNode *node = arena_alloc(builder->arena, sizeof *node);
        node->kind = event->type == YAML_SEQUENCE_START_EVENT ? YAML_TREE_SEQUENCE : YAML_TREE_MAPPING;
        node->span = span;
        BuildFrame *frame = &builder->stack[builder->depth++];
        frame->node = node;
        frame->count = 0;
        return true;
    }
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: {
        BuildFrame *frame = &builder->stack[--builder->depth];
        YamlTreeNode *node = frame->node;
        node->item_count = frame->count;
        node->items = arena_alloc_array(builder->arena, frame->count ? frame->count : 1, sizeof *node->items);
        if (frame->count)
            memcpy(node->items, frame->items, frame->count * sizeof *node->items);
        frame->count = 0;
        /* Extend the span to the end of the collection. */
        Span end = mark_span(builder, event->start_mark, event->end_mark);
        node->span.end_line = end.end_line;
        node->span.end_column = end.end_column;
        if (node->kind == YAML_TREE_MAPPING)
            report_duplicate_keys(builder, node);
        attach(builder, node);
        return true;
    }
    default:
        return true;
    }
}

YamlTreeNode *yaml_tree_load(Arena *arena, Diagnostics *diagnostics, const SourceFile *file,
                             const char *text, size_t length, uint32_t first_line, DiagCode error_code) {
    YamlBuilder builder;
    memset(&builder, 0, sizeof builder);
    builder.arena = arena;
    builder.diagnostics = diagnostics;
    builder.file = file;
    builder.first_line = first_line;
    builder.error_code = error_code;

    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        abort();
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, length);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    size_t documents = 0;
    for (;;) {
        yaml_event_t event;
        if (!yaml_parser_parse(&parser, &event)) {
            yaml_mark_t mark = parser.problem_mark;
            if (parser.error == YAML_READER_ERROR) {
                Span span = source_span(file, (size_t)(text - file->text) + parser.problem_offset,
                                        (size_t)(text - file->text) + parser.problem_offset + 1);
                diag_report(diagnostics, error_code, span, "YAML: %s",
                            parser.problem ? parser.problem : "cannot read");
            } else {
                Span span = mark_span(&builder, mark, mark);
                const char *problem = parser.problem ? parser.problem : "syntax error";
                if (parser.context)
                    diag_report(diagnostics, error_code, span, "YAML syntax error: %s %s", problem,
                                parser.context);
                else
                    diag_report(diagnostics, error_code, span, "YAML syntax error: %s", problem);
            }
            builder.failed = true;
            break;
        }
        yaml_event_type_t type = event.type;
        if (type == YAML_DOCUMENT_START_EVENT && ++documents > 1) {
            diag_report(diagnostics, error_code, mark_span(&builder, event.start_mark, event.end_mark),
                        "only one YAML document is allowed here");
            builder.failed = true;
        } else if (!builder.failed && !handle_event(&builder, &event)) {
            builder.failed = true;
        }
        yaml_event_delete(&event);
        if (type == YAML_STREAM_END_EVENT || builder.failed)
            break;
    }
    yaml_parser_delete(&parser);
    for (size_t i = 0; i <= LIMIT_YAML_DEPTH; i++)
        free(builder.stack[i].items);
    if (builder.failed)
        return NULL;
    if (!builder.root) {
        YamlTreeNode *empty = arena_alloc(arena, sizeof *empty);
        empty->kind = YAML_TREE_MAPPING;
        empty->span = source_span_at_line(file, first_line, 1, 2);
        empty->items = NULL;
        return empty;
    }
    return builder.root;
}

size_t yaml_tree_pair_count(const YamlTreeNode *mapping) {
    return mapping->item_count / 2;
}

YamlTreeNode *yaml_tree_key(const YamlTreeNode *mapping, size_t pair) {
    return mapping->items[2 * pair];
}

YamlTreeNode *yaml_tree_value(const YamlTreeNode *mapping, size_t pair) {
    return mapping->items[2 * pair + 1];
}

const char *yaml_tree_kind_name(YamlTreeKind kind) {
    switch (kind) {
    case YAML_TREE_SCALAR: return "a single value";
    case YAML_TREE_SEQUENCE: return "a list";
    default: return "a mapping of keys";
    }
}

bool yaml_tree_expect(Diagnostics *diagnostics, const YamlTreeNode *node, YamlTreeKind kind, const char *key,
                      DiagCode code) {
    if (node->kind == kind)
        return true;
    diag_report(diagnostics, code, node->span, "'%s' must be %s, not %s", key, yaml_tree_kind_name(kind),
                yaml_tree_kind_name(node->kind));
    return false;
}

int yaml_tree_known_key(Diagnostics *diagnostics, const YamlTreeNode *key, int group, DiagCode code,
                        DiagCode error_code) {
    if (key->kind != YAML_TREE_SCALAR) {
        diag_report(diagnostics, error_code, key->span, "a key must be a single word, not %s",
                    yaml_tree_kind_name(key->kind));
        return -1;
    }
    int concept = keyword_lookup((KeywordGroup)group, key->scalar, LANGUAGE_NB | LANGUAGE_NN | LANGUAGE_EN);
    if (concept >= 0)
        return concept;
    const char *candidates[64];
    size_t count = keyword_spellings((KeywordGroup)group, LANGUAGE_NB, candidates, 64);
    if (count > 64)
        count = 64;
    const char *suggestion = suggest_nearest(key->scalar, candidates, count, suggest_default_distance(key->scalar));
    Diagnostic *d = diag_report(diagnostics, code, key->span, "unknown key '%s'%s", key->scalar.data,
                                suggestion ? "" : "; it is ignored");
    diag_suggest(diagnostics, d, suggestion);
    return -1;
}
