/* Unit tests for json_read.c: values, escapes (surrogate pairs, lone
 * surrogates), nesting and its limit, and what is refused. */
#include "json_read.h"
#include "limits.h"
#include "test_support.h"

static JsonValue *parse(Arena *arena, const char *text) {
    return json_read(arena, text, strlen(text), NULL);
}

static void test_values(void **state) {
    (void)state;
    Arena arena;
    arena_init(&arena);
    JsonValue *v = parse(&arena, " {\"a\": [1, -2.5e1, true, false, null], \"b\": {\"c\": \"x\\u00e6\\ud83d\\ude00\\n\"}} ");
    assert_non_null(v);
    const JsonValue *a = json_member(v, "a");
    assert_int_equal(a->kind, JSON_ARRAY);
    assert_int_equal(a->count, 5);
    assert_int_equal(json_as_integer(a->items[0], 0), 1);
    assert_true(a->items[1]->number == -25.0);
    assert_int_equal(json_as_integer(a->items[1], 7), -25);
    assert_int_equal(a->items[2]->kind, JSON_TRUE);
    assert_int_equal(a->items[4]->kind, JSON_NULL);
    Slice c = json_as_string(json_path(v, "b", "c", NULL));
    assert_int_equal(c.length, 1 + 2 + 4 + 1);
    assert_memory_equal(c.data, "x\xc3\xa6\xf0\x9f\x98\x80\n", c.length);
    /* A lone surrogate becomes U+FFFD. */
    Slice lone = json_as_string(parse(&arena, "\"\\ud800x\""));
    assert_memory_equal(lone.data, "\xef\xbf\xbdx", lone.length);
    assert_null(json_member(a, "x"));
    assert_null(json_path(v, "b", "missing", "deeper", NULL));
    arena_free(&arena);
}

static void test_refused(void **state) {
    (void)state;
    const char *bad[] = {"", "{", "[1,]", "{\"a\" 1}", "{\"a\":1,}", "{1:2}", "[1 2]", "\"abc", "tru", "01x",
                         "\"\\x\"", "\"abc\\", "[1]]", "{\"a\":1}x", "\"\\u12\"", "{\"a\"}", "-", "[\"a\x01\"]"};
    Arena arena;
    arena_init(&arena);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *error = NULL;
        assert_null(json_read(&arena, bad[i], strlen(bad[i]), &error));
        assert_non_null(error);
    }
    char deep[2 * LIMIT_JSON_DEPTH + 8];
    size_t n = 0;
    for (int i = 0; i <= LIMIT_JSON_DEPTH; i++)
        deep[n++] = '[';
    for (int i = 0; i <= LIMIT_JSON_DEPTH; i++)
        deep[n++] = ']';
    assert_null(json_read(&arena, deep, n, NULL));
    assert_non_null(json_read(&arena, deep + 1, n - 2, NULL));
    arena_free(&arena);
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_values), cmocka_unit_test(test_refused)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
