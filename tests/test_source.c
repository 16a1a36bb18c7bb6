/* Unit tests for source.c: UTF-8 validation, BOM, positions in code points. */
#include "test_support.h"

static void test_positions_count_code_points(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    const char *text = "første linje\nÆØÅ x\n";
    SourceFile *file = source_from_memory(&t.arena, &t.diagnostics, "f.md", text, strlen(text));
    assert_non_null(file);
    assert_int_equal(file->line_count, 2);
    /* "x" on line 2 is after three 2-byte letters and a space: column 5. */
    const char *x = strchr(text, 'x');
    Span span = source_span(file, (size_t)(x - text), (size_t)(x - text) + 1);
    assert_int_equal(span.line, 2);
    assert_int_equal(span.column, 5);
    assert_int_equal(span.end_column, 6);
    assert_slice_equal(source_line(file, 1), "første linje");
    test_end(&t);
}

static void test_bom_and_crlf(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    const char *text = "\xEF\xBB\xBF---\r\nbody: ssu\r\n";
    SourceFile *file = source_from_memory(&t.arena, &t.diagnostics, "f.md", text, strlen(text));
    assert_non_null(file);
    assert_slice_equal(source_line(file, 1), "---"); /* BOM skipped, CR stripped */
    assert_int_equal(file->line_count, 2);
    test_end(&t);
}

static void test_invalid_utf8_position(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    const char *text = "ok\nab\xF8x\xC0\xAF\n";
    SourceFile *file = source_from_memory(&t.arena, &t.diagnostics, "f.md", text, strlen(text));
    assert_null(file);
    assert_int_equal(t.diagnostics.count, 2); /* 0xF8, and the overlong pair as one */
    assert_int_equal(t.diagnostics.items[0]->code, DIAG_E_UTF8);
    assert_int_equal(t.diagnostics.items[0]->span.line, 2);
    assert_int_equal(t.diagnostics.items[0]->span.column, 3);
    assert_int_equal(t.diagnostics.items[1]->span.column, 5);
    test_end(&t);
}

static void test_nul_byte(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    const char text[] = "a\nb\0c\n";
    SourceFile *file = source_from_memory(&t.arena, &t.diagnostics, "f.md", text, sizeof text - 1);
    assert_null(file);
    assert_single_diagnostic(&t, DIAG_E_NUL, 2);
    test_end(&t);
}

static void test_utf8_sequences(void **state) {
    (void)state;
    assert_int_equal(utf8_sequence_length((const unsigned char *)"\xC3\xB8", 2), 2);
    assert_int_equal(utf8_sequence_length((const unsigned char *)"\xE2\x82\xAC", 3), 3);     /* € */
    assert_int_equal(utf8_sequence_length((const unsigned char *)"\xF0\x9F\x98\x80", 4), 4); /* emoji */
    assert_int_equal(utf8_sequence_length((const unsigned char *)"\xED\xA0\x80", 3), 0);     /* surrogate */
    assert_int_equal(utf8_sequence_length((const unsigned char *)"\xE0\x80\xAF", 3), 0);     /* overlong */
    assert_int_equal(utf8_sequence_length((const unsigned char *)"\xF4\x90\x80\x80", 4), 0); /* > U+10FFFF */
    assert_int_equal(utf8_sequence_length((const unsigned char *)"\xC3", 1), 0);             /* truncated */
}

/* Found by fuzz_check: an empty slice ({NULL, 0}, a person without 'for:')
 * compared with a name was NULL + 0, undefined behaviour. */
static void test_equal_fold_empty(void **state) {
    (void)state;
    Slice empty = {NULL, 0};
    assert_false(slice_equal_fold(empty, slice_from_cstring("Kari Nordmann")));
    assert_false(slice_equal_fold(slice_from_cstring("Kari Nordmann"), empty));
    assert_true(slice_equal_fold(empty, empty));
    assert_true(slice_equal_fold(slice_from_cstring("ØSTRE ÅS"), slice_from_cstring("østre ås")));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_positions_count_code_points), cmocka_unit_test(test_bom_and_crlf),
        cmocka_unit_test(test_invalid_utf8_position), cmocka_unit_test(test_nul_byte),
        cmocka_unit_test(test_utf8_sequences), cmocka_unit_test(test_equal_fold_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
