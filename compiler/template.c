/* template: parser and renderer of the template language.
 *
 *   {{ name }}          text, HTML-escaped (also safe in quoted attributes)
 *   {{ name | url }}    a URL: relative or http(s)/mailto only, else "#"; escaped
 *   {{ name | json }}   a JSON string literal, safe inside <script>
 *   {{{ name }}}        trusted HTML as is; a text value is still escaped
 *   {{# name }} … {{/ name }}   a list: once per item; otherwise once if truthy
 *   {{^ name }} … {{/ name }}   once if missing, false, empty text or list
 *   {{> name }}         the partial template `name`
 *   {{! comment }}
 *
 * Names are looked up from the innermost section outwards; `a.b` walks into
 * objects; `.` is the current item. */
#include "template.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "limits.h"

/* ---- values ------------------------------------------------------------ */

static TemplateValue *value_new(Arena *arena, ValueKind kind) {
    TemplateValue *value = arena_alloc(arena, sizeof *value);
    value->kind = kind;
    return value;
}

TemplateValue *value_object(Arena *arena) { return value_new(arena, VALUE_OBJECT); }
TemplateValue *value_list(Arena *arena) { return value_new(arena, VALUE_LIST); }

TemplateValue *value_stream(Arena *arena, size_t count, TemplateItemMaker *make_item, void *context) {
    TemplateValue *value = value_new(arena, VALUE_STREAM);
    value->make_item = make_item;
    value->maker_context = context;
    value->stream_count = count;
    return value;
}

TemplateValue *value_text(Arena *arena, Slice text) {
    TemplateValue *value = value_new(arena, VALUE_TEXT);
    value->text = text;
    return value;
}

TemplateValue *value_html(Arena *arena, Slice html) {
    TemplateValue *value = value_new(arena, VALUE_HTML);
    value->text = html;
    return value;
}

TemplateValue *value_bool(Arena *arena, bool boolean) {
    TemplateValue *value = value_new(arena, VALUE_BOOL);
    value->boolean = boolean;
    return value;
}

/* Every name a page renders is looked up in every frame from the
 * innermost out, and label.KEY in the labels (130 members): comparing
 * names by strlen and strcmp was an eighth of a build. So a member keeps
 * its key's length and hash, and an object of OBJECT_INDEXED_FROM or more
 * members' room has a hash index (member position + 1, 0 free, twice the
 * room) behind its members array, which keeps the value union small. */
enum { OBJECT_FIRST_ROOM = 8, OBJECT_INDEXED_FROM = 32 };

static uint32_t key_hash(const char *key, size_t length) {
    uint32_t hash = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < length; i++)
        hash = (hash ^ (unsigned char)key[i]) * 16777619u;
    return hash;
}

static uint32_t *object_index(const TemplateValue *object) {
    return object->member_capacity >= OBJECT_INDEXED_FROM ? (uint32_t *)(object->members + object->member_capacity)
                                                          : NULL;
}

static void object_index_add(TemplateValue *object, size_t position) {
    uint32_t *slots = object_index(object);
    if (!slots)
        return;
    size_t mask = object->member_capacity * 2 - 1;
    size_t slot = object->members[position].hash & mask;
    while (slots[slot])
        slot = (slot + 1) & mask;
    slots[slot] = (uint32_t)position + 1;
}

static TemplateMember *object_find(const TemplateValue *object, const char *key, size_t length, uint32_t hash) {
    const uint32_t *slots = object_index(object);
    if (slots) {
        size_t mask = object->member_capacity * 2 - 1;
        for (size_t slot = hash & mask; slots[slot]; slot = (slot + 1) & mask) {
            TemplateMember *member = &object->members[slots[slot] - 1];
            if (member->hash == hash && member->key_length == length && memcmp(member->key, key, length) == 0)
                return member;
        }
        return NULL;
    }
    for (size_t i = 0; i < object->member_count; i++) {
        TemplateMember *member = &object->members[i];
        if (member->hash == hash && member->key_length == length && memcmp(member->key, key, length) == 0)
            return member;
    }
    return NULL;
}

void value_set(Arena *arena, TemplateValue *object, const char *key, TemplateValue *value) {
    size_t length = strlen(key);
    uint32_t hash = key_hash(key, length);
    TemplateMember *existing = object_find(object, key, length, hash);
    if (existing) {
        existing->value = value;
        return;
    }
    if (object->member_count == object->member_capacity) {
        size_t capacity = object->member_capacity ? object->member_capacity * 2 : OBJECT_FIRST_ROOM;
        if (capacity > UINT32_MAX / 2) {
            fputs("referat: out of memory\n", stderr);
            abort();
        }
        size_t index_bytes = capacity >= OBJECT_INDEXED_FROM ? capacity * 2 * sizeof(uint32_t) : 0;
        TemplateMember *members = arena_alloc(arena, capacity * sizeof *members + index_bytes);
        if (object->member_count)
            memcpy(members, object->members, object->member_count * sizeof *members);
        object->members = members;
        object->member_capacity = capacity;
        for (size_t i = 0; i < object->member_count; i++)
            object_index_add(object, i);
    }
    TemplateMember *member = &object->members[object->member_count];
    member->key = key;
    member->key_length = (uint32_t)length;
    member->hash = hash;
    member->value = value;
    object_index_add(object, object->member_count++);
}

void value_set_text(Arena *arena, TemplateValue *object, const char *key, Slice text) {
    value_set(arena, object, key, value_text(arena, text));
}

void value_set_cstring(Arena *arena, TemplateValue *object, const char *key, const char *text) {
    value_set(arena, object, key, text ? value_text(arena, slice_from_cstring(text)) : value_new(arena, VALUE_NULL));
}

void value_set_bool(Arena *arena, TemplateValue *object, const char *key, bool boolean) {
    value_set(arena, object, key, value_bool(arena, boolean));
}

void value_push(Arena *arena, TemplateValue *list, TemplateValue *item) {
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 8;
        TemplateValue **items = arena_alloc_array(arena, capacity, sizeof *items);
        if (list->count)
            memcpy(items, list->items, list->count * sizeof *items);
        list->items = items;
        list->capacity = capacity;
    }
    list->items[list->count++] = item;
}

static bool value_truthy(const TemplateValue *value) {
    if (!value)
        return false;
    switch (value->kind) {
    case VALUE_NULL: return false;
    case VALUE_BOOL: return value->boolean;
    case VALUE_TEXT:
    case VALUE_HTML: return value->text.length > 0;
    case VALUE_LIST: return value->count > 0;
    case VALUE_STREAM: return value->stream_count > 0;
    default: return true;
    }
}

/* ---- parsing ----------------------------------------------------------- */

typedef enum { NODE_LITERAL, NODE_VARIABLE, NODE_RAW, NODE_SECTION, NODE_INVERTED, NODE_PARTIAL } NodeKind;
typedef enum { FILTER_HTML, FILTER_URL, FILTER_JSON } Filter;

struct TemplateNode {
    NodeKind kind;
    Slice text;          /* literal text, or the name */
    Filter filter;
    TemplateNode *children; /* sections */
    TemplateNode *next;
    Span span;
};


typedef struct {
    Arena *arena;
    Diagnostics *diagnostics;
    const SourceFile *file;
    const char *text;
    size_t length, position;
    bool failed;
} TemplateParser;

static Span parser_span(const TemplateParser *p, size_t start, size_t end) {
    return source_span(p->file, start, end);
}

static TemplateNode *parse_nodes(TemplateParser *p, Slice closing, size_t open_at, int depth);

static TemplateNode *new_node(TemplateParser *p, NodeKind kind, Slice text, size_t start, size_t end) {
    TemplateNode *node = arena_alloc(p->arena, sizeof *node);
    node->kind = kind;
    node->text = text;
    node->span = parser_span(p, start, end);
    return node;
}

static bool parse_name(TemplateParser *p, Slice inside, size_t start, Slice *name, Filter *filter) {
    inside = slice_trim(inside);
    *filter = FILTER_HTML;
    const char *bar = memchr(inside.data, '|', inside.length);
    if (bar) {
        Slice filter_name = slice_trim(slice_make(bar + 1, (size_t)(inside.data + inside.length - bar - 1)));
        inside = slice_trim(slice_make(inside.data, (size_t)(bar - inside.data)));
        if (slice_equal_cstring(filter_name, "url"))
            *filter = FILTER_URL;
        else if (slice_equal_cstring(filter_name, "json"))
            *filter = FILTER_JSON;
        else {
            diag_report(p->diagnostics, DIAG_E_TEMPLATE, parser_span(p, start, start + 2),
                        "unknown filter '%.*s' (the filters are url and json)", (int)filter_name.length,
                        filter_name.data);
            p->failed = true;
            return false;
        }
    }
    for (size_t i = 0; i < inside.length; i++) {
        char c = inside.data[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
              c == '-')) {
            diag_report(p->diagnostics, DIAG_E_TEMPLATE, parser_span(p, start, start + 2), "'%.*s' is not a name",
                        (int)inside.length, inside.data);
            p->failed = true;
            return false;
        }
    }
    if (inside.length == 0) {
        diag_report(p->diagnostics, DIAG_E_TEMPLATE, parser_span(p, start, start + 2), "a tag without a name");
        p->failed = true;
        return false;
    }
    *name = inside;
    return true;
}

/* Parses until `closing` ({{/ name }}) or the end; returns the node list. */
static TemplateNode *parse_nodes(TemplateParser *p, Slice closing, size_t open_at, int depth) {
    TemplateNode *first = NULL, **tail = &first;
    while (p->position < p->length && !p->failed) {
        const char *open = strstr(p->text + p->position, "{{");
        size_t literal_end = open ? (size_t)(open - p->text) : p->length;
        if (literal_end > p->position) {
            *tail = new_node(p, NODE_LITERAL, slice_make(p->text + p->position, literal_end - p->position),
                             p->position, literal_end);
            tail = &(*tail)->next;
        }
        if (!open) {
            p->position = p->length;
            break;
        }
        size_t start = literal_end;
        bool triple = strncmp(open, "{{{", 3) == 0;
        const char *close = strstr(open + (triple ? 3 : 2), triple ? "}}}" : "}}");
        if (!close) {
            diag_report(p->diagnostics, DIAG_E_TEMPLATE, parser_span(p, start, start + 2), "'{{' is never closed");
            p->failed = true;
            break;
        }
        Slice inside = slice_make(open + (triple ? 3 : 2), (size_t)(close - open) - (triple ? 3 : 2));
        p->position = (size_t)(close - p->text) + (triple ? 3 : 2);
        Slice name;
        Filter filter;
        if (triple) {
            if (!parse_name(p, inside, start, &name, &filter))
                break;
            *tail = new_node(p, NODE_RAW, name, start, p->position);
            tail = &(*tail)->next;
            continue;
        }
        inside = slice_trim(inside);
        char sigil = inside.length ? inside.data[0] : '\0';
        if (sigil == '!')
            continue;
        if (sigil == '/' ) {
            Slice ended = slice_trim(slice_make(inside.data + 1, inside.length - 1));
            if (!slice_equal(ended, closing)) {
                diag_report(p->diagnostics, DIAG_E_TEMPLATE, parser_span(p, start, p->position),
                            closing.length ? "'{{/%.*s}}' closes a section that is not open here (expected {{/%.*s}})"
                                           : "'{{/%.*s}}' closes a section that is not open%.*s",
                            (int)ended.length, ended.data, (int)closing.length, closing.data);
                p->failed = true;
            }
            return first;
        }
        if (sigil == '#' || sigil == '^' || sigil == '>') {
            if (!parse_name(p, slice_make(inside.data + 1, inside.length - 1), start, &name, &filter))
                break;
            if (sigil == '>') {
                *tail = new_node(p, NODE_PARTIAL, name, start, p->position);
                tail = &(*tail)->next;
                continue;
            }
            if (depth >= LIMIT_TEMPLATE_NESTING) {
                diag_report(p->diagnostics, DIAG_E_TEMPLATE, parser_span(p, start, p->position),
                            "sections nested too deeply (the limit is %d)", LIMIT_TEMPLATE_NESTING);
                p->failed = true;
                break;
            }
            TemplateNode *node = new_node(p, sigil == '#' ? NODE_SECTION : NODE_INVERTED, name, start, p->position);
            node->children = parse_nodes(p, name, start, depth + 1);
            *tail = node;
            tail = &node->next;
            continue;
        }
        if (!parse_name(p, inside, start, &name, &filter))
            break;
        TemplateNode *node = new_node(p, NODE_VARIABLE, name, start, p->position);
        node->filter = filter;
        *tail = node;
        tail = &node->next;
    }
    if (closing.length && !p->failed) {
        diag_report(p->diagnostics, DIAG_E_TEMPLATE, parser_span(p, open_at, open_at + 2),
                    "section '%.*s' is never closed with {{/%.*s}}", (int)closing.length, closing.data,
                    (int)closing.length, closing.data);
        p->failed = true;
    }
    return first;
}

Template *template_parse(Arena *arena, Diagnostics *diagnostics, const char *name, const SourceFile *file) {
    TemplateParser parser = {arena, diagnostics, file, file->text, file->length, 0, false};
    TemplateNode *nodes = parse_nodes(&parser, slice_make("", 0), 0, 0);
    if (parser.failed)
        return NULL;
    Template *template = arena_alloc(arena, sizeof *template);
    template->name = arena_strdup(arena, name);
    template->file = file;
    template->nodes = nodes;
    return template;
}

void template_set_add(Arena *arena, TemplateSet *set, Template *template) {
    for (size_t i = 0; i < set->count; i++) {
        if (strcmp(set->items[i]->name, template->name) == 0) {
            set->items[i] = template; /* a later one (the project's) overrides */
            return;
        }
    }
    if (set->count == set->capacity) {
        size_t capacity = set->capacity ? set->capacity * 2 : 16;
        Template **items = arena_alloc_array(arena, capacity, sizeof *items);
        if (set->count)
            memcpy(items, set->items, set->count * sizeof *items);
        set->items = items;
        set->capacity = capacity;
    }
    set->items[set->count++] = template;
}

const Template *template_set_find(const TemplateSet *set, const char *name) {
    for (size_t i = 0; i < set->count; i++) {
        if (strcmp(set->items[i]->name, name) == 0)
            return set->items[i];
    }
    return NULL;
}

/* ---- rendering --------------------------------------------------------- */

void html_escape(StringBuffer *out, const char *text, size_t length) {
    size_t run = 0;
    for (size_t i = 0; i < length; i++) {
        const char *entity = NULL;
        switch (text[i]) {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        case '\'': entity = "&#39;"; break;
        default: continue;
        }
        buffer_append(out, text + run, i - run);
        buffer_append_cstring(out, entity);
        run = i + 1;
    }
    buffer_append(out, text + run, length - run);
}

/* Only relative URLs and http, https and mailto links survive. */
static bool url_allowed(Slice url) {
    for (size_t i = 0; i < url.length; i++) {
        char c = url.data[i];
        if (c == ':') {
            Slice scheme = slice_make(url.data, i);
            return slice_equal_fold(scheme, slice_from_cstring("http")) ||
                   slice_equal_fold(scheme, slice_from_cstring("https")) ||
                   slice_equal_fold(scheme, slice_from_cstring("mailto"));
        }
        if (c == '/' || c == '?' || c == '#')
            return true;
    }
    return true;
}

static void write_url(StringBuffer *out, Slice url) {
    if (!url_allowed(url)) {
        buffer_append_cstring(out, "#");
        return;
    }
    for (size_t i = 0; i < url.length; i++) {
        unsigned char c = (unsigned char)url.data[i];
        if (c <= 0x20 || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\' || c == '`' || c >= 0x7F)
            buffer_printf(out, "%%%02X", c);
        else if (c == '&')
            buffer_append_cstring(out, "&amp;");
        else
            buffer_append(out, (const char *)&c, 1);
    }
}


typedef struct {
    TemplateValue *frames[LIMIT_TEMPLATE_NESTING * 2 + 2];
    int depth;
    const TemplateSet *set;
    Diagnostics *diagnostics;
    int partial_depth;
} RenderState;

static TemplateValue *member(const TemplateValue *object, Slice key, uint32_t hash) {
    if (!object || object->kind != VALUE_OBJECT)
        return NULL;
    const TemplateMember *found = object_find(object, key.data, key.length, hash);
    return found ? found->value : NULL;
}

static TemplateValue *lookup(const RenderState *state, Slice name) {
    if (name.length == 1 && name.data[0] == '.')
        return state->frames[state->depth - 1];
    const char *dot = memchr(name.data, '.', name.length);
    Slice head = dot ? slice_make(name.data, (size_t)(dot - name.data)) : name;
    uint32_t hash = key_hash(head.data, head.length);
    TemplateValue *value = NULL;
    for (int i = state->depth - 1; i >= 0 && !value; i--)
        value = member(state->frames[i], head, hash);
    while (value && dot) {
        Slice rest = slice_make(dot + 1, (size_t)(name.data + name.length - dot - 1));
        dot = memchr(rest.data, '.', rest.length);
        Slice part = dot ? slice_make(rest.data, (size_t)(dot - rest.data)) : rest;
        value = member(value, part, key_hash(part.data, part.length));
    }
    return value;
}

static void render_nodes(const TemplateNode *node, RenderState *state, StringBuffer *out);

static void render_value(const TemplateNode *node, const TemplateValue *value, StringBuffer *out) {
    if (!value || value->kind == VALUE_NULL || value->kind == VALUE_LIST || value->kind == VALUE_OBJECT ||
        value->kind == VALUE_STREAM)
        return;
    Slice text = value->kind == VALUE_BOOL ? slice_from_cstring(value->boolean ? "true" : "false") : value->text;
    if (node->kind == NODE_RAW && value->kind == VALUE_HTML) {
        buffer_append(out, text.data, text.length);
        return;
    }
    switch (node->filter) {
    case FILTER_URL: write_url(out, text); break;
    case FILTER_JSON: json_append_string(out, text, JSON_IN_SCRIPT); break;
    default: html_escape(out, text.data, text.length); break;
    }
}

static void render_nodes(const TemplateNode *node, RenderState *state, StringBuffer *out) {
    for (; node; node = node->next) {
        switch (node->kind) {
        case NODE_LITERAL: buffer_append(out, node->text.data, node->text.length); break;
        case NODE_VARIABLE:
        case NODE_RAW: render_value(node, lookup(state, node->text), out); break;
        case NODE_INVERTED:
            if (!value_truthy(lookup(state, node->text)))
                render_nodes(node->children, state, out);
            break;
        case NODE_SECTION: {
            TemplateValue *value = lookup(state, node->text);
            if (!value_truthy(value))
                break;
            if (state->depth >= (int)(sizeof state->frames / sizeof state->frames[0]))
                break;
            if (value->kind == VALUE_LIST) {
                for (size_t i = 0; i < value->count; i++) {
                    state->frames[state->depth++] = value->items[i];
                    render_nodes(node->children, state, out);
                    state->depth--;
                }
            } else if (value->kind == VALUE_STREAM) {
                Arena item_arena;
                arena_init(&item_arena);
                for (size_t i = 0; i < value->stream_count; i++) {
                    state->frames[state->depth++] = value->make_item(value->maker_context, i, &item_arena);
                    render_nodes(node->children, state, out);
                    state->depth--;
                    arena_reset(&item_arena);
                }
                arena_free(&item_arena);
            } else {
                state->frames[state->depth++] = value;
                render_nodes(node->children, state, out);
                state->depth--;
            }
            break;
        }
        case NODE_PARTIAL: {
            char name[128];
            snprintf(name, sizeof name, "%.*s", (int)node->text.length, node->text.data);
            const Template *partial = template_set_find(state->set, name);
            if (!partial) {
                /* {{> header}} names templates/header.html */
                char with_extension[140];
                snprintf(with_extension, sizeof with_extension, "%s.html", name);
                partial = template_set_find(state->set, with_extension);
            }
            if (!partial) {
                diag_report(state->diagnostics, DIAG_E_TEMPLATE, node->span, "no template named '%s'", name);
                break;
            }
            if (state->partial_depth >= LIMIT_TEMPLATE_NESTING) {
                diag_report(state->diagnostics, DIAG_E_TEMPLATE, node->span,
                            "partials include each other too deeply (the limit is %d)", LIMIT_TEMPLATE_NESTING);
                break;
            }
            state->partial_depth++;
            render_nodes(partial->nodes, state, out);
            state->partial_depth--;
            break;
        }
        }
    }
}

void template_render(const Template *template, const TemplateSet *set, TemplateValue *context, StringBuffer *out,
                     Diagnostics *diagnostics) {
    RenderState state;
    memset(&state, 0, sizeof state);
    state.frames[state.depth++] = context;
    state.set = set;
    state.diagnostics = diagnostics;
    render_nodes(template->nodes, &state, out);
}
