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

/* Validation reads eight bytes at a time and jumps to the first non-ASCII
 * byte of a word: a bad byte is found at every place in those steps, after
 * ASCII and after Norwegian letters, and good text is good wherever its
 * letters fall. */
static void test_invalid_byte_at_every_alignment(void **state) {
    (void)state;
    const char *const fillers[] = {"a", "æ", "xø"};
    for (size_t f = 0; f < sizeof fillers / sizeof fillers[0]; f++) {
        for (size_t before = 0; before < 24; before++) {
            TestCompilation t;
            test_begin(&t, test_config);
            char text[128] = "", good[128] = "";
            size_t column = 1;
            for (size_t k = 0; k < before; k++) {
                strcat(text, fillers[f]);
                column += utf8_length(fillers[f], strlen(fillers[f]));
            }
            strcpy(good, text);
            size_t offset = strlen(text);
            strcat(text, "\xFF tekst \xC3\xA6\xC3\xB8\xC3\xA5 etter\n");
            strcat(good, "\xC3\x85 tekst \xC3\xA6\xC3\xB8\xC3\xA5 etter\n");
            assert_non_null(source_from_memory(&t.arena, &t.diagnostics, "g.md", good, strlen(good)));
            assert_int_equal(t.diagnostics.count, 0);
            assert_null(source_from_memory(&t.arena, &t.diagnostics, "b.md", text, strlen(text)));
            assert_int_equal(t.diagnostics.count, 1);
            assert_int_equal(t.diagnostics.items[0]->code, DIAG_E_UTF8);
            assert_int_equal(t.diagnostics.items[0]->span.column, column);
            char expected[64];
            snprintf(expected, sizeof expected, "(byte offset %zu)", offset);
            assert_non_null(strstr(t.diagnostics.items[0]->message, expected));
            test_end(&t);
        }
    }
}

/* The fold hash is FNV-1a over three bytes of each folded code point (the
 * ASCII ones are hashed with a shortcut): the same as that definition,
 * written out here, and the same for names equal under the folding. */
static uint64_t reference_hash(const char *folded_ascii) {
    uint64_t hash = 1469598103934665603u;
    for (const char *p = folded_ascii; *p; p++) {
        unsigned c = (unsigned char)*p;
        for (int shift = 0; shift < 24; shift += 8) {
            hash ^= (c >> shift) & 0xFF;
            hash *= 1099511628211u;
        }
    }
    return hash;
}

static void test_hash_fold(void **state) {
    (void)state;
    assert_true(slice_hash_fold(slice_from_cstring("Kari Nordmann")) == reference_hash("kari nordmann"));
    assert_true(slice_hash_fold(slice_from_cstring("")) == reference_hash(""));
    const char *const pairs[][2] = {{"Øystein Sørensen", "øYSTEIN SØRENSEN"}, {"ÆRE Å", "ære å"}, {"SSU-sak", "ssu-SAK"}};
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        assert_true(slice_equal_fold(slice_from_cstring(pairs[i][0]), slice_from_cstring(pairs[i][1])));
        assert_true(slice_hash_fold(slice_from_cstring(pairs[i][0])) == slice_hash_fold(slice_from_cstring(pairs[i][1])));
    }
    assert_true(slice_hash_fold(slice_from_cstring("Øystein")) != slice_hash_fold(slice_from_cstring("Oystein")));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_positions_count_code_points), cmocka_unit_test(test_bom_and_crlf),
        cmocka_unit_test(test_invalid_utf8_position), cmocka_unit_test(test_nul_byte),
        cmocka_unit_test(test_utf8_sequences), cmocka_unit_test(test_equal_fold_empty),
        cmocka_unit_test(test_invalid_byte_at_every_alignment), cmocka_unit_test(test_hash_fold),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
