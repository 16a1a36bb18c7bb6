/* json: a small JSON writer (deterministic; indented, or compact for the
 * site's per-meeting files) shared by the diagnostics renderer, the model
 * dump, the exports and the language server. It writes straight into a
 * StringBuffer — the site's JSON is 40 % of its bytes, and stdio's
 * per-character locking cost a tenth of a build. Input text is valid UTF-8
 * (source.c guarantees it), so only escaping is needed. */
#ifndef REFERAT_JSON_H
#define REFERAT_JSON_H

#include <stdbool.h>
#include <stdio.h>

#include "buffer.h"
#include "text.h"

enum { JSON_MAX_DEPTH = 32 };

typedef enum {
    JSON_PRETTY,  /* one member per line, indented by two spaces */
    JSON_COMPACT, /* no whitespace between tokens (`build`, unless --pretty) */
} JsonLayout;

typedef struct {
    StringBuffer *out;
    FILE *file; /* json_init_file: out is flushed to it as it fills */
    StringBuffer file_buffer;
    JsonLayout layout;
    int depth;
    bool first[JSON_MAX_DEPTH]; /* no element written yet at this depth */
    bool after_key;
    bool omit_spans; /* emit_json leaves out source positions (fmt compares models with it) */
} JsonWriter;

typedef enum {
    JSON_PLAIN,     /* data files: \n, \r, \t and \u00XX for other controls */
    JSON_IN_SCRIPT, /* inside <script>: also < > & ' and U+2028/2029 as \uXXXX */
} JsonStringMode;

/* The one JSON string escaper: text as a string literal, appended to out. */
void json_append_string(StringBuffer *out, Slice text, JsonStringMode mode);
/* A JSON string literal for text (NULL writes null). */
void json_write_escaped(FILE *out, const char *text, size_t length);

/* Writes into *out (appended to). */
void json_init(JsonWriter *writer, StringBuffer *out, JsonLayout layout);
/* Writes to `file` through a buffer of the writer's own, which
 * json_finish flushes and frees: call it before writing to `file` else. */
void json_init_file(JsonWriter *writer, FILE *file, JsonLayout layout);
void json_finish(JsonWriter *writer);
void json_object_begin(JsonWriter *writer);
void json_object_end(JsonWriter *writer);
void json_array_begin(JsonWriter *writer);
void json_array_end(JsonWriter *writer);
void json_key(JsonWriter *writer, const char *key);
void json_slice(JsonWriter *writer, Slice value);        /* "" → null */
void json_string(JsonWriter *writer, const char *value); /* NULL → null */
void json_int(JsonWriter *writer, long value);
void json_bool(JsonWriter *writer, bool value);
void json_null(JsonWriter *writer);

/* A member of an object: its key and value in one call. */
void json_field_slice(JsonWriter *writer, const char *key, Slice value);
void json_field_string(JsonWriter *writer, const char *key, const char *value);
void json_field_int(JsonWriter *writer, const char *key, long value);
void json_field_bool(JsonWriter *writer, const char *key, bool value);

#endif
