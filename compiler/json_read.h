/* json_read: a small JSON reader (RFC 8259) for what referat is sent — the
 * language server's messages. Parses into a tree in an arena, without
 * recursion (an explicit stack, depth limited), and never reads past the
 * input: malformed text gives NULL and a message, never a crash. */
#ifndef REFERAT_JSON_READ_H
#define REFERAT_JSON_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "text.h"

typedef enum { JSON_NULL, JSON_FALSE, JSON_TRUE, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT } JsonKind;

typedef struct JsonValue {
    JsonKind kind;
    double number;
    Slice string;              /* JSON_STRING: UTF-8, escapes decoded; in the arena */
    struct JsonValue **items;  /* JSON_ARRAY: values; JSON_OBJECT: key, value, key, value, … */
    size_t count;              /* items (for objects, twice the members) */
} JsonValue;

/* NULL on malformed input (then *error says why, if error is not NULL). */
JsonValue *json_read(Arena *arena, const char *text, size_t length, const char **error);

/* The member `key` of an object, or NULL (also for a non-object). */
const JsonValue *json_member(const JsonValue *object, const char *key);
/* Following keys through nested objects: json_path(v, "params", "textDocument", "uri", NULL). */
const JsonValue *json_path(const JsonValue *value, ...);
/* The string, or an empty slice for anything else. */
Slice json_as_string(const JsonValue *value);
/* The number as an integer if it is one within ±2^53, else `fallback`. */
long json_as_integer(const JsonValue *value, long fallback);

#endif
