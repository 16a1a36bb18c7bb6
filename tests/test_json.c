/* Unit tests for json.c: the writer's nesting, separators and escaping. */
#include <stdio.h>
#include <stdlib.h>

#include "json.h"
#include "test_support.h"

static void test_nesting_and_escaping(void **state) {
    (void)state;
    StringBuffer out = {0};
    JsonWriter w;
    json_init(&w, &out, JSON_PRETTY);
    json_object_begin(&w);
    json_field_string(&w, "quote", "a \"b\" \\ c\n\x01");
    json_field_int(&w, "n", -42);
    json_field_bool(&w, "yes", true);
    json_field_slice(&w, "empty", slice_make("", 0));
    json_key(&w, "list");
    json_array_begin(&w);
    json_string(&w, "æøå");
    json_null(&w);
    json_array_end(&w);
    json_object_end(&w);
    const char *text = out.data;
    assert_non_null(strstr(text, "\"quote\": \"a \\\"b\\\" \\\\ c\\n\\u0001\""));
    assert_non_null(strstr(text, "\"n\": -42"));
    assert_non_null(strstr(text, "\"yes\": true"));
    assert_non_null(strstr(text, "\"empty\": null"));
    assert_non_null(strstr(text, "\"æøå\""));
    assert_non_null(strstr(text, "null"));
    /* Every opened bracket is closed, and elements are separated. */
    int depth = 0;
    for (const char *p = text; *p; p++) {
        if (*p == '"') {
            for (p++; *p && *p != '"'; p++)
                if (*p == '\\')
                    p++;
            continue;
        }
        depth += (*p == '{' || *p == '[') - (*p == '}' || *p == ']');
    }
    assert_int_equal(depth, 0);
    buffer_free(&out);
}

/* One document in both layouts: compact has no whitespace outside
 * strings, pretty one member per line; both end with a line break. */
static void write_sample(JsonWriter *w) {
    json_object_begin(w);
    json_field_string(w, "a b", "x y");
    json_key(w, "list");
    json_array_begin(w);
    json_int(w, 1);
    json_bool(w, false);
    json_object_begin(w);
    json_object_end(w);
    json_array_end(w);
    json_key(w, "none");
    json_array_begin(w);
    json_array_end(w);
    json_object_end(w);
}

static void test_layouts(void **state) {
    (void)state;
    StringBuffer compact = {0}, pretty = {0};
    JsonWriter w;
    json_init(&w, &compact, JSON_COMPACT);
    write_sample(&w);
    assert_string_equal(compact.data, "{\"a b\":\"x y\",\"list\":[1,false,{}],\"none\":[]}\n");
    json_init(&w, &pretty, JSON_PRETTY);
    write_sample(&w);
    assert_string_equal(pretty.data, "{\n  \"a b\": \"x y\",\n  \"list\": [\n    1,\n    false,\n    {}\n  ],\n"
                                     "  \"none\": []\n}\n");
    buffer_free(&compact);
    buffer_free(&pretty);
}

static void test_integers(void **state) {
    (void)state;
    StringBuffer out = {0};
    JsonWriter w;
    json_init(&w, &out, JSON_COMPACT);
    json_array_begin(&w);
    /* (compiler/limits.h hides <limits.h> on this include path) */
    const long most = (long)(~0UL >> 1), least = -most - 1;
    const long values[] = {0, 7, -1, 1234567890L, most, least};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)
        json_int(&w, values[i]);
    json_array_end(&w);
    char expected[128];
    snprintf(expected, sizeof expected, "[0,7,-1,1234567890,%ld,%ld]\n", most, least);
    assert_string_equal(out.data, expected);
    buffer_free(&out);
}

/* Written to a FILE through the writer's own buffer, flushed as it fills:
 * the same bytes as into memory, however long. */
static void test_file_matches_buffer(void **state) {
    (void)state;
    char *text = NULL;
    size_t length = 0;
    FILE *stream = open_memstream(&text, &length);
    StringBuffer out = {0};
    JsonWriter to_file, to_buffer;
    json_init_file(&to_file, stream, JSON_PRETTY);
    json_init(&to_buffer, &out, JSON_PRETTY);
    JsonWriter *writers[] = {&to_file, &to_buffer};
    for (int k = 0; k < 2; k++) {
        json_array_begin(writers[k]);
        for (long i = 0; i < 20000; i++)
            json_string(writers[k], "ten bytes!");
        json_array_end(writers[k]);
    }
    json_finish(&to_file);
    fclose(stream);
    assert_true(out.length > 1 << 17);
    assert_int_equal(length, out.length);
    assert_memory_equal(text, out.data, length);
    free(text);
    buffer_free(&out);
}

static void test_modes(void **state) {
    (void)state;
    StringBuffer plain = {0}, script = {0};
    Slice text = slice_from_cstring("a\n</script>&'\xE2\x80\xA8" "b\xE2\x80\x94");
    json_append_string(&plain, text, JSON_PLAIN);
    json_append_string(&script, text, JSON_IN_SCRIPT);
    assert_string_equal(plain.data, "\"a\\n</script>&'\xE2\x80\xA8" "b\xE2\x80\x94\"");
    /* U+2028 ends a JavaScript line; U+2014 (also 0xE2 …) needs nothing. */
    assert_string_equal(script.data, "\"a\\u000a\\u003c/script\\u003e\\u0026\\u0027\\u2028" "b\xE2\x80\x94\"");
    buffer_free(&plain);
    buffer_free(&script);
}

static void test_writer_starts_clean(void **state) {
    (void)state;
    JsonWriter w;
    memset(&w, 0xAB, sizeof w); /* whatever was on the stack */
    StringBuffer out = {0};
    json_init(&w, &out, JSON_COMPACT);
    assert_false(w.omit_spans);
    assert_false(w.after_key);
    assert_int_equal(w.depth, 0);
    assert_ptr_equal(w.out, &out);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nesting_and_escaping),
        cmocka_unit_test(test_writer_starts_clean),
        cmocka_unit_test(test_modes),
        cmocka_unit_test(test_layouts),
        cmocka_unit_test(test_integers),
        cmocka_unit_test(test_file_matches_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
