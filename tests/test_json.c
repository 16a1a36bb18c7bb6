/* Unit tests for json.c: the writer's nesting, separators and escaping. */
#include <stdio.h>
#include <stdlib.h>

#include "json.h"
#include "test_support.h"

static void test_nesting_and_escaping(void **state) {
    (void)state;
    char *text = NULL;
    size_t length = 0;
    FILE *stream = open_memstream(&text, &length);
    JsonWriter w;
    json_init(&w, stream);
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
    fclose(stream);
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
    free(text);
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
    json_init(&w, stdout);
    assert_false(w.omit_spans);
    assert_false(w.after_key);
    assert_int_equal(w.depth, 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nesting_and_escaping),
        cmocka_unit_test(test_writer_starts_clean),
        cmocka_unit_test(test_modes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
