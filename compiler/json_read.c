/* json_read: the JSON reader (see json_read.h). A container is open on an
 * explicit stack while its items are read; each item is collected into a
 * growing list and copied into the arena when the container closes. */
#include "json_read.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "limits.h"
#include "memory.h"

typedef struct {
    JsonValue *value;       /* the array or object being filled */
    JsonValue **items;      /* heap, grown as items come */
    size_t count, capacity; /* for an object, an odd count means a key waits for its value */
} Open;

typedef struct {
    Arena *arena;
    const char *text, *end, *at;
    const char *error;
} Reader;

static void skip_space(Reader *r) {
    while (r->at < r->end && (*r->at == ' ' || *r->at == '\t' || *r->at == '\n' || *r->at == '\r'))
        r->at++;
}

static int hex_digit(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static bool read_hex4(Reader *r, unsigned *out) {
    if (r->end - r->at < 4)
        return false;
    unsigned value = 0;
    for (int i = 0; i < 4; i++) {
        int digit = hex_digit(r->at[i]);
        if (digit < 0)
            return false;
        value = value * 16 + (unsigned)digit;
    }
    r->at += 4;
    *out = value;
    return true;
}

static size_t put_utf8(char *out, unsigned code) {
    if (code < 0x80) {
        out[0] = (char)code;
        return 1;
    }
    if (code < 0x800) {
        out[0] = (char)(0xC0 | code >> 6);
        out[1] = (char)(0x80 | (code & 0x3F));
        return 2;
    }
    if (code < 0x10000) {
        out[0] = (char)(0xE0 | code >> 12);
        out[1] = (char)(0x80 | ((code >> 6) & 0x3F));
        out[2] = (char)(0x80 | (code & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | code >> 18);
    out[1] = (char)(0x80 | ((code >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((code >> 6) & 0x3F));
    out[3] = (char)(0x80 | (code & 0x3F));
    return 4;
}

/* string = '"' , { char | escape } , '"' ; decoded into the arena (never
 * longer than the source text). A lone surrogate becomes U+FFFD. */
static bool read_string(Reader *r, Slice *out) {
    r->at++; /* the quote */
    const char *start = r->at;
    while (r->at < r->end && *r->at != '"') {
        if (*r->at == '\\') {
            if (++r->at >= r->end)
                break; /* a backslash as the last byte: the string does not end */
        } else if ((unsigned char)*r->at < 0x20) {
            r->error = "a control character inside a string";
            return false;
        }
        r->at++;
    }
    if (r->at >= r->end) {
        r->error = "a string does not end";
        return false;
    }
    const char *stop = r->at;
    char *text = arena_alloc(r->arena, (size_t)(stop - start) + 1);
    size_t n = 0;
    Reader in = *r;
    in.at = start;
    while (in.at < stop) {
        char c = *in.at++;
        if (c != '\\') {
            text[n++] = c;
            continue;
        }
        char e = *in.at++;
        switch (e) {
        case '"': text[n++] = '"'; break;
        case '\\': text[n++] = '\\'; break;
        case '/': text[n++] = '/'; break;
        case 'b': text[n++] = '\b'; break;
        case 'f': text[n++] = '\f'; break;
        case 'n': text[n++] = '\n'; break;
        case 'r': text[n++] = '\r'; break;
        case 't': text[n++] = '\t'; break;
        case 'u': {
            unsigned code;
            if (!read_hex4(&in, &code) || in.at > stop) {
                r->error = "a \\u escape needs four hex digits";
                return false;
            }
            if (code >= 0xD800 && code < 0xDC00) {
                unsigned low;
                Reader peek = in;
                if (stop - peek.at >= 6 && peek.at[0] == '\\' && peek.at[1] == 'u' && (peek.at += 2, read_hex4(&peek, &low)) &&
                    low >= 0xDC00 && low < 0xE000) {
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                    in = peek;
                } else {
                    code = 0xFFFD;
                }
            } else if (code >= 0xDC00 && code < 0xE000) {
                code = 0xFFFD;
            }
            /* Six source bytes give at most four: the buffer is enough. */
            n += put_utf8(text + n, code);
            break;
        }
        default: r->error = "an unknown escape in a string"; return false;
        }
    }
    text[n] = '\0';
    r->at = stop + 1;
    *out = slice_make(text, n);
    return true;
}

static bool read_number(Reader *r, double *out) {
    const char *start = r->at;
    if (r->at < r->end && *r->at == '-')
        r->at++;
    if (r->at >= r->end || *r->at < '0' || *r->at > '9') {
        r->error = "not a value";
        return false;
    }
    while (r->at < r->end && ((*r->at >= '0' && *r->at <= '9') || *r->at == '.' || *r->at == 'e' || *r->at == 'E' ||
                              *r->at == '+' || *r->at == '-'))
        r->at++;
    size_t length = (size_t)(r->at - start);
    char buffer[64];
    if (length >= sizeof buffer) {
        r->error = "a number is too long";
        return false;
    }
    memcpy(buffer, start, length);
    buffer[length] = '\0';
    char *end;
    *out = strtod(buffer, &end);
    if (end != buffer + length) {
        r->error = "a malformed number";
        return false;
    }
    return true;
}

static bool read_word(Reader *r, const char *word) {
    size_t length = strlen(word);
    if ((size_t)(r->end - r->at) < length || memcmp(r->at, word, length) != 0) {
        r->error = "not a value";
        return false;
    }
    r->at += length;
    return true;
}

static void add_item(Open *open, JsonValue *value) {
    if (open->count == open->capacity) {
        open->capacity = open->capacity ? open->capacity * 2 : 8;
        open->items = xrealloc(open->items, open->capacity * sizeof *open->items);
    }
    open->items[open->count++] = value;
}

static void close_container(Reader *r, Open *open) {
    open->value->count = open->count;
    open->value->items = arena_alloc_array(r->arena, open->count + 1, sizeof *open->value->items);
    if (open->count)
        memcpy(open->value->items, open->items, open->count * sizeof *open->items);
    free(open->items);
    open->items = NULL;
}

JsonValue *json_read(Arena *arena, const char *text, size_t length, const char **error) {
    Reader r = {arena, text, text + length, text, NULL};
    Open stack[LIMIT_JSON_DEPTH];
    size_t depth = 0;
    JsonValue *root = NULL;
    for (;;) {
        skip_space(&r);
        Open *top = depth ? &stack[depth - 1] : NULL;
        if (r.at >= r.end) {
            r.error = root && !depth ? NULL : "the text ends inside a value";
            break;
        }
        char c = *r.at;
        if (top && (c == ']' || c == '}')) {
            bool is_object = top->value->kind == JSON_OBJECT;
            if ((c == '}') != is_object || (is_object && top->count % 2 == 1)) {
                r.error = "a bracket closes what it did not open";
                break;
            }
            r.at++;
            close_container(&r, top);
            depth--;
            goto after_value;
        }
        if (top && top->count > 0) {
            /* Between items: a comma (and in an object, between key and value, a colon). */
            bool want_colon = top->value->kind == JSON_OBJECT && top->count % 2 == 1;
            if (c != (want_colon ? ':' : ',')) {
                r.error = want_colon ? "a ':' is missing after a key" : "a ',' is missing between items";
                break;
            }
            r.at++;
            skip_space(&r);
            if (r.at >= r.end) {
                r.error = "the text ends inside a value";
                break;
            }
            c = *r.at;
        }
        if (root && !depth) {
            r.error = "text after the value";
            break;
        }
        if (top && top->value->kind == JSON_OBJECT && top->count % 2 == 0 && c != '"') {
            r.error = "an object's key must be a string";
            break;
        }
        JsonValue *value = arena_alloc(arena, sizeof *value);
        if (c == '{' || c == '[') {
            if (depth == LIMIT_JSON_DEPTH) {
                r.error = "nested too deeply";
                break;
            }
            value->kind = c == '{' ? JSON_OBJECT : JSON_ARRAY;
            r.at++;
            if (top)
                add_item(top, value);
            else
                root = value;
            stack[depth++] = (Open){value, NULL, 0, 0};
            continue;
        }
        bool ok;
        if (c == '"') {
            value->kind = JSON_STRING;
            ok = read_string(&r, &value->string);
        } else if (c == 't') {
            value->kind = JSON_TRUE;
            ok = read_word(&r, "true");
        } else if (c == 'f') {
            value->kind = JSON_FALSE;
            ok = read_word(&r, "false");
        } else if (c == 'n') {
            value->kind = JSON_NULL;
            ok = read_word(&r, "null");
        } else {
            value->kind = JSON_NUMBER;
            ok = read_number(&r, &value->number);
        }
        if (!ok)
            break;
        if (top)
            add_item(top, value);
        else
            root = value;
    after_value:
        if (!depth) {
            skip_space(&r);
            if (r.at < r.end) {
                r.error = "text after the value";
                break;
            }
            r.error = NULL;
            break;
        }
    }
    for (size_t i = 0; i < depth; i++)
        free(stack[i].items);
    if (error)
        *error = r.error;
    return r.error ? NULL : root;
}

const JsonValue *json_member(const JsonValue *object, const char *key) {
    if (!object || object->kind != JSON_OBJECT)
        return NULL;
    for (size_t i = 0; i + 1 < object->count; i += 2)
        if (slice_equal_cstring(object->items[i]->string, key))
            return object->items[i + 1];
    return NULL;
}

const JsonValue *json_path(const JsonValue *value, ...) {
    va_list keys;
    va_start(keys, value);
    const char *key;
    while (value && (key = va_arg(keys, const char *)) != NULL)
        value = json_member(value, key);
    va_end(keys);
    return value;
}

Slice json_as_string(const JsonValue *value) {
    return value && value->kind == JSON_STRING ? value->string : slice_make("", 0);
}

long json_as_integer(const JsonValue *value, long fallback) {
    if (!value || value->kind != JSON_NUMBER || !(fabs(value->number) <= 9007199254740992.0) ||
        value->number != floor(value->number))
        return fallback;
    return (long)value->number;
}
