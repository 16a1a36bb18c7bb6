/* json: the writer. Pretty: objects and arrays put one member per line.
 * Compact: no whitespace at all. Both end a top-level value with a line
 * break. */
#include "json.h"

#include <string.h>

#include "buffer.h"

/* What a byte needs inside a JSON string: 0 nothing, 1 an escape (controls,
 * quote, backslash; in a script also < > & ' which could end the script or
 * start markup), 2 (in a script only) a look at the bytes after it — 0xE2
 * starts U+2028 and U+2029, which end a JavaScript line, and many
 * characters that need nothing. A table per mode: the scan is a load and a
 * test per byte. */
static const unsigned char escape_plain[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
};
static const unsigned char escape_script[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 2,
};

static const unsigned char *escape_table(JsonStringMode mode) {
    return mode == JSON_IN_SCRIPT ? escape_script : escape_plain;
}

static void append_unicode_escape(StringBuffer *out, unsigned code) {
    static const char hex[] = "0123456789abcdef";
    char text[6] = {'\\', 'u', hex[(code >> 12) & 15], hex[(code >> 8) & 15], hex[(code >> 4) & 15], hex[code & 15]};
    buffer_append(out, text, sizeof text);
}

void json_append_string(StringBuffer *out, Slice text, JsonStringMode mode) {
    const unsigned char *table = escape_table(mode);
    const unsigned char *bytes = (const unsigned char *)text.data;
    buffer_append(out, "\"", 1);
    /* Plain runs are copied in one call. */
    size_t run = 0;
    for (size_t i = 0; i < text.length; i++) {
        unsigned char c = bytes[i];
        if (!table[c])
            continue;
        bool separator = table[c] == 2 && i + 2 < text.length && bytes[i + 1] == 0x80 &&
                         (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9);
        if (table[c] == 2 && !separator)
            continue;
        buffer_append(out, text.data + run, i - run);
        run = i + 1;
        if (c == '"' || c == '\\') {
            char escaped[2] = {'\\', (char)c};
            buffer_append(out, escaped, 2);
        } else if (separator) {
            append_unicode_escape(out, bytes[i + 2] == 0xA8 ? 0x2028 : 0x2029);
            i += 2;
            run = i + 1;
        } else if (mode == JSON_PLAIN && c == '\n')
            buffer_append(out, "\\n", 2);
        else if (mode == JSON_PLAIN && c == '\r')
            buffer_append(out, "\\r", 2);
        else if (mode == JSON_PLAIN && c == '\t')
            buffer_append(out, "\\t", 2);
        else
            append_unicode_escape(out, c);
    }
    if (text.length)
        buffer_append(out, text.data + run, text.length - run);
    buffer_append(out, "\"", 1);
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

void json_init(JsonWriter *writer, StringBuffer *out, JsonLayout layout) {
    memset(writer, 0, sizeof *writer);
    writer->out = out;
    writer->layout = layout;
    writer->first[0] = true;
}

void json_init_file(JsonWriter *writer, FILE *file, JsonLayout layout) {
    json_init(writer, NULL, layout);
    writer->out = &writer->file_buffer;
    writer->file = file;
}

static void json_flush(JsonWriter *writer) {
    if (writer->file && writer->out->length) {
        fwrite(writer->out->data, 1, writer->out->length, writer->file);
        writer->out->length = 0;
    }
}

void json_finish(JsonWriter *writer) {
    if (!writer->file)
        return;
    json_flush(writer);
    buffer_free(&writer->file_buffer);
    writer->file = NULL;
    writer->out = NULL;
}

static void put(JsonWriter *writer, const char *data, size_t length) {
    buffer_append(writer->out, data, length);
}

/* A line break and the indentation of the current depth (pretty only). */
static void json_newline(JsonWriter *writer) {
    static const char spaces[] = "\n                                                                "
                                 "                                                                ";
    if (writer->layout == JSON_COMPACT)
        return;
    size_t width = (size_t)writer->depth * 2 + 1;
    put(writer, spaces, width < sizeof spaces - 1 ? width : sizeof spaces - 1);
}

/* Before a value: a comma and a line break unless it follows its key. */
static void json_separate(JsonWriter *writer) {
    if (writer->file && writer->out->length >= 1 << 16)
        json_flush(writer);
    if (writer->after_key) {
        writer->after_key = false;
        return;
    }
    if (writer->depth == 0)
        return;
    if (!writer->first[writer->depth])
        put(writer, ",", 1);
    writer->first[writer->depth] = false;
    json_newline(writer);
}

static void json_open(JsonWriter *writer, char bracket) {
    json_separate(writer);
    put(writer, &bracket, 1);
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
    put(writer, &bracket, 1);
    if (writer->depth == 0)
        put(writer, "\n", 1);
}

void json_object_begin(JsonWriter *writer) { json_open(writer, '{'); }
void json_object_end(JsonWriter *writer) { json_close(writer, '}'); }
void json_array_begin(JsonWriter *writer) { json_open(writer, '['); }
void json_array_end(JsonWriter *writer) { json_close(writer, ']'); }

void json_key(JsonWriter *writer, const char *key) {
    json_separate(writer);
    json_append_string(writer->out, slice_from_cstring(key), JSON_PLAIN);
    if (writer->layout == JSON_COMPACT)
        put(writer, ":", 1);
    else
        put(writer, ": ", 2);
    writer->after_key = true;
}

static void json_text(JsonWriter *writer, const char *text, size_t length) {
    if (text)
        json_append_string(writer->out, slice_make(text, length), JSON_PLAIN);
    else
        put(writer, "null", 4);
}

void json_slice(JsonWriter *writer, Slice value) {
    json_separate(writer);
    json_text(writer, value.length ? value.data : NULL, value.length);
}

void json_string(JsonWriter *writer, const char *value) {
    json_separate(writer);
    json_text(writer, value, value ? strlen(value) : 0);
}

void json_int(JsonWriter *writer, long value) {
    json_separate(writer);
    /* Digits from the right; the magnitude as unsigned, so LONG_MIN works. */
    char text[24];
    size_t at = sizeof text;
    unsigned long magnitude = value < 0 ? 0UL - (unsigned long)value : (unsigned long)value;
    do {
        text[--at] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude);
    if (value < 0)
        text[--at] = '-';
    put(writer, text + at, sizeof text - at);
}

void json_bool(JsonWriter *writer, bool value) {
    json_separate(writer);
    if (value)
        put(writer, "true", 4);
    else
        put(writer, "false", 5);
}

void json_null(JsonWriter *writer) {
    json_separate(writer);
    put(writer, "null", 4);
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
