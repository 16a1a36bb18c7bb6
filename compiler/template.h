/* template: the small template language of the files in templates/ (see
 * templates/README.md). A template is parsed once into nodes; rendering
 * walks them against a tree of values. Every value is escaped for its
 * context; only values built as trusted HTML (by emit_html from cmark's
 * output) may be written raw. */
#ifndef REFERAT_TEMPLATE_H
#define REFERAT_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buffer.h"
#include "diag.h"
#include "source.h"

/* ---- values ------------------------------------------------------------ */

typedef enum { VALUE_NULL, VALUE_TEXT, VALUE_HTML, VALUE_BOOL, VALUE_LIST, VALUE_OBJECT, VALUE_STREAM } ValueKind;

typedef struct TemplateValue TemplateValue;

typedef struct {
    const char *key;
    uint32_t key_length, hash; /* compared before the key's bytes */
    TemplateValue *value;
} TemplateMember;

/* Makes item `index` of a streamed list in `arena`, which is freed once
 * the item is rendered. */
typedef TemplateValue *TemplateItemMaker(void *context, size_t index, Arena *arena);

/* One of the kinds; the members of the others share its memory (the case
 * register holds a value per field of 20,000 cases), so read only those
 * of `kind`. */
struct TemplateValue {
    ValueKind kind;
    union {
        Slice text;   /* TEXT, HTML */
        bool boolean; /* BOOL */
        struct {      /* LIST */
            TemplateValue **items;
            size_t count, capacity;
        };
        struct { /* OBJECT */
            TemplateMember *members;
            size_t member_count, member_capacity;
        };
        struct { /* STREAM: a list rendered like LIST, its items made one at a time */
            TemplateItemMaker *make_item;
            void *maker_context;
            size_t stream_count;
        };
    };
};

TemplateValue *value_object(Arena *arena);
TemplateValue *value_list(Arena *arena);
/* A list of `count` items that exist only while each is rendered: a page
 * listing every case of the project costs one case's memory. */
TemplateValue *value_stream(Arena *arena, size_t count, TemplateItemMaker *make_item, void *context);
TemplateValue *value_text(Arena *arena, Slice text);
TemplateValue *value_html(Arena *arena, Slice html); /* trusted: written raw by {{{ }}} */
TemplateValue *value_bool(Arena *arena, bool value);
void value_set(Arena *arena, TemplateValue *object, const char *key, TemplateValue *value);
void value_set_text(Arena *arena, TemplateValue *object, const char *key, Slice text);
void value_set_cstring(Arena *arena, TemplateValue *object, const char *key, const char *text);
void value_set_bool(Arena *arena, TemplateValue *object, const char *key, bool value);
void value_push(Arena *arena, TemplateValue *list, TemplateValue *item);

/* ---- templates --------------------------------------------------------- */

typedef struct TemplateNode TemplateNode;

typedef struct Template {
    const char *name;
    const SourceFile *file;
    TemplateNode *nodes;
} Template;

typedef struct TemplateSet {
    Template **items;
    size_t count, capacity;
} TemplateSet;

/* Parses `text` as template `name`. Syntax errors are E-TEMPLATE. */
Template *template_parse(Arena *arena, Diagnostics *diagnostics, const char *name, const SourceFile *file);
void template_set_add(Arena *arena, TemplateSet *set, Template *template);
const Template *template_set_find(const TemplateSet *set, const char *name);

/* Renders into out. Unknown partials are E-TEMPLATE. */
void template_render(const Template *template, const TemplateSet *set, TemplateValue *context, StringBuffer *out,
                     Diagnostics *diagnostics);


/* Escapes for HTML text and attribute values. */
void html_escape(StringBuffer *out, const char *text, size_t length);

#endif
