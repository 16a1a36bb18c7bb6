/* json: the writer. Objects and arrays put one member per line. */
#include "json.h"

#include <string.h>

#include "buffer.h"

/* Bytes a JSON string in a script may not hold as they are: controls,
 * quotes, backslash, and what could end the script or start markup. */
static bool needs_escape(unsigned char c, JsonStringMode mode) {
    if (c < 0x20 || c == '"' || c == '\\')
        return true;
    return mode == JSON_IN_SCRIPT && (c == '<' || c == '>' || c == '&' || c == '\'' || c == 0xE2);
}

void json_append_string(StringBuffer *out, Slice text, JsonStringMode mode) {
    buffer_append_cstring(out, "\"");
    /* Plain runs are copied in one call. */
    size_t run = 0;
    for (size_t i = 0; i < text.length; i++) {
        unsigned char c = (unsigned char)text.data[i];
        if (!needs_escape(c, mode))
            continue;
        /* 0xE2 starts U+2028 and U+2029, which end a JavaScript line, and
         * many characters that need nothing. */
        bool separator = c == 0xE2 && i + 2 < text.length && (unsigned char)text.data[i + 1] == 0x80 &&
                         ((unsigned char)text.data[i + 2] == 0xA8 || (unsigned char)text.data[i + 2] == 0xA9);
        if (c == 0xE2 && !separator)
            continue;
        buffer_append(out, text.data + run, i - run);
        run = i + 1;
        if (c == '"' || c == '\\')
            buffer_printf(out, "\\%c", c);
        else if (separator) {
            buffer_printf(out, "\\u%04x", (unsigned char)text.data[i + 2] == 0xA8 ? 0x2028 : 0x2029);
            i += 2;
            run = i + 1;
        } else if (mode == JSON_PLAIN && c == '\n')
            buffer_append_cstring(out, "\\n");
        else if (mode == JSON_PLAIN && c == '\r')
            buffer_append_cstring(out, "\\r");
        else if (mode == JSON_PLAIN && c == '\t')
            buffer_append_cstring(out, "\\t");
        else
            buffer_printf(out, "\\u%04x", c);
    }
    if (text.length)
        buffer_append(out, text.data + run, text.length - run);
    buffer_append_cstring(out, "\"");
}

void json_write_escaped(FILE *out, const char *text, size_t length) {
    if (!text) {
        fputs("null", out);
        return;
    }
    StringBuffer escaped = {0};
    json_append_string(&escaped, slice_make(text, length), JSON_PLAIN);
    fwrite(escaped.data, 1, escaped.length, out);
    buffer_free(&escaped);
}

void json_init(JsonWriter *writer, FILE *out) {
    memset(writer, 0, sizeof *writer);
    writer->out = out;
    writer->first[0] = true;
}

/* A line break and the indentation of the current depth (one fwrite, not
 * a printf: the JSON of 2,000 meetings makes a million of these). */
static void json_newline(JsonWriter *writer) {
    static const char spaces[] = "\n                                                                "
                                 "                                                                ";
    size_t width = (size_t)writer->depth * 2 + 1;
    fwrite(spaces, 1, width < sizeof spaces - 1 ? width : sizeof spaces - 1, writer->out);
}

/* Before a value: a comma and a line break unless it follows its key. */
static void json_separate(JsonWriter *writer) {
    if (writer->after_key) {
        writer->after_key = false;
        return;
    }
    if (writer->depth == 0)
        return;
    if (!writer->first[writer->depth])
        fputc(',', writer->out);
    writer->first[writer->depth] = false;
    json_newline(writer);
}

static void json_open(JsonWriter *writer, char bracket) {
    json_separate(writer);
    fputc(bracket, writer->out);
    if (writer->depth + 1 < JSON_MAX_DEPTH)
        writer->depth++;
    writer->first[writer->depth] = true;
}

static void json_close(JsonWriter *writer, char bracket) {
    bool empty = writer->first[writer->depth];
    if (writer->depth > 0)
        writer->depth--;
    if (!empty)
        json_newline(writer);
    fputc(bracket, writer->out);
    if (writer->depth == 0)
        fputc('\n', writer->out);
}

void json_object_begin(JsonWriter *writer) { json_open(writer, '{'); }
void json_object_end(JsonWriter *writer) { json_close(writer, '}'); }
void json_array_begin(JsonWriter *writer) { json_open(writer, '['); }
void json_array_end(JsonWriter *writer) { json_close(writer, ']'); }

void json_key(JsonWriter *writer, const char *key) {
    json_separate(writer);
    json_write_escaped(writer->out, key, strlen(key));
    fputs(": ", writer->out);
    writer->after_key = true;
}

void json_slice(JsonWriter *writer, Slice value) {
    json_separate(writer);
    json_write_escaped(writer->out, value.length ? value.data : NULL, value.length);
}

void json_string(JsonWriter *writer, const char *value) {
    json_separate(writer);
    json_write_escaped(writer->out, value, value ? strlen(value) : 0);
}

void json_int(JsonWriter *writer, long value) {
    json_separate(writer);
    fprintf(writer->out, "%ld", value);
}

void json_bool(JsonWriter *writer, bool value) {
    json_separate(writer);
    fputs(value ? "true" : "false", writer->out);
}

void json_null(JsonWriter *writer) {
    json_separate(writer);
    fputs("null", writer->out);
}

void json_field_slice(JsonWriter *writer, const char *key, Slice value) {
    json_key(writer, key);
    json_slice(writer, value);
}

void json_field_string(JsonWriter *writer, const char *key, const char *value) {
    json_key(writer, key);
    json_string(writer, value);
}

void json_field_int(JsonWriter *writer, const char *key, long value) {
    json_key(writer, key);
    json_int(writer, value);
}

void json_field_bool(JsonWriter *writer, const char *key, bool value) {
    json_key(writer, key);
    json_bool(writer, value);
}
