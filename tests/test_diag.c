/* Unit tests for diag.c: accumulation, sorting, severities from the code
 * table, and the four output formats (with the path prefix the command
 * line gives). */
#include <stdio.h>
#include <stdlib.h>

#include "test_support.h"

static char *render(const Diagnostics *diagnostics, DiagFormat format, const char *prefix) {
    char *text = NULL;
    size_t length = 0;
    FILE *stream = open_memstream(&text, &length);
    assert_non_null(stream);
    DiagRenderOptions options = {format, false, prefix};
    diag_render(diagnostics, stream, options);
    fclose(stream);
    return text;
}

static void test_severity_and_counts(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    SourceFile *file = source_from_memory(&t.arena, &t.diagnostics, "m.md", "ab\ncd\n", 6);
    diag_report(&t.diagnostics, DIAG_W_REF, source_span(file, 3, 5), "a warning");
    diag_report(&t.diagnostics, DIAG_E_NUM_DUP, source_span(file, 0, 1), "an error");
    assert_int_equal(t.diagnostics.error_count, 1);
    assert_int_equal(t.diagnostics.warning_count, 1);
    assert_false(t.diagnostics.io_error);
    assert_int_equal(diag_count_code(&t.diagnostics, DIAG_E_NUM_DUP), 1);
    assert_string_equal(diag_code_name(DIAG_E_NUM_DUP), "E-NUM-DUP");
    diag_report_io(&t.diagnostics, DIAG_E_FILE, source_span(file, 0, 0), "unreadable");
    assert_true(t.diagnostics.io_error);
    test_end(&t);
}

static void test_sorted_by_position_then_order(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    SourceFile *file = source_from_memory(&t.arena, &t.diagnostics, "m.md", "ab\ncd\n", 6);
    diag_report(&t.diagnostics, DIAG_E_NUM_DUP, source_span(file, 3, 4), "second line");
    diag_report(&t.diagnostics, DIAG_E_NUM_GAP, source_span(file, 0, 1), "first line, first");
    diag_report(&t.diagnostics, DIAG_E_NUM_ORDER, source_span(file, 0, 1), "first line, second");
    diag_sort(&t.diagnostics);
    assert_string_equal(t.diagnostics.items[0]->message, "first line, first");
    assert_string_equal(t.diagnostics.items[1]->message, "first line, second");
    assert_string_equal(t.diagnostics.items[2]->message, "second line");
    test_end(&t);
}

static void test_formats(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    SourceFile *file = source_from_memory(&t.arena, &t.diagnostics, "meetings/m.md", "## Sak 02/25 X\n", 15);
    Diagnostic *d = diag_report(&t.diagnostics, DIAG_E_NUM_DUP, source_span(file, 7, 12), "case number %s is used twice",
                                "02/25");
    diag_note(&t.diagnostics, d, source_span(file, 0, 2), "first used here");
    diag_suggest(&t.diagnostics, d, "03/25");
    char *gcc = render(&t.diagnostics, DIAG_FORMAT_GCC, "sub/");
    assert_non_null(strstr(gcc, "sub/meetings/m.md:1:8: error[E-NUM-DUP]: case number 02/25 is used twice"));
    assert_null(strstr(gcc, "note:")); /* one line each */
    char *human = render(&t.diagnostics, DIAG_FORMAT_HUMAN, NULL);
    assert_non_null(strstr(human, "meetings/m.md:1:8: error[E-NUM-DUP]"));
    assert_non_null(strstr(human, "  1 | ## Sak 02/25 X"));
    assert_non_null(strstr(human, "^~~~~"));
    assert_non_null(strstr(human, "03/25"));
    char *json = render(&t.diagnostics, DIAG_FORMAT_JSON, NULL);
    assert_non_null(strstr(json, "\"file\": \"meetings/m.md\", \"line\": 1, \"column\": 8"));
    assert_non_null(strstr(json, "\"suggestion\": \"03/25\""));
    char *github = render(&t.diagnostics, DIAG_FORMAT_GITHUB, "sub/");
    assert_non_null(strstr(github, "::error file=sub/meetings/m.md,line=1,col=8,endLine=1,endColumn=13,title=E-NUM-DUP::"));
    free(gcc);
    free(human);
    free(json);
    free(github);
    test_end(&t);
}

static void test_format_names(void **state) {
    (void)state;
    DiagFormat format;
    assert_true(diag_format_parse("github", &format));
    assert_int_equal(format, DIAG_FORMAT_GITHUB);
    assert_false(diag_format_parse("xml", &format));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_severity_and_counts), cmocka_unit_test(test_sorted_by_position_then_order),
        cmocka_unit_test(test_formats), cmocka_unit_test(test_format_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
