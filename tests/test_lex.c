/* Unit tests for lex.c: which lines are structure. */
#include "test_support.h"
#include "lex.h"

static TokenList lex(TestCompilation *t, const char *text) {
    SourceFile *file = source_from_memory(&t->arena, &t->diagnostics, "f.md", text, strlen(text));
    assert_non_null(file);
    return lex_body(&t->arena, file, 0);
}

static void test_atx_headings(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    TokenList list = lex(&t, "## Sak 1/25 Tittel ##\n   ### Vedtak\n    ## indented code\n#hashtag\n####### seven\n##\n");
    assert_int_equal(list.count, 7); /* six lines and EOF */
    assert_int_equal(list.items[0].kind, TOKEN_HEADING);
    assert_int_equal(list.items[0].heading_level, 2);
    const char *text = "## Sak 1/25 Tittel ##";
    (void)text;
    assert_int_equal(list.items[0].content_end - list.items[0].content_start, strlen("Sak 1/25 Tittel"));
    assert_int_equal(list.items[1].kind, TOKEN_HEADING);
    assert_int_equal(list.items[1].heading_level, 3);
    assert_int_equal(list.items[2].kind, TOKEN_TEXT); /* 4 spaces: indented code */
    assert_int_equal(list.items[3].kind, TOKEN_TEXT); /* no space after # */
    assert_int_equal(list.items[4].kind, TOKEN_TEXT); /* more than 6 */
    assert_int_equal(list.items[5].kind, TOKEN_HEADING);
    assert_int_equal(list.items[5].content_end, list.items[5].content_start); /* empty heading */
    assert_int_equal(list.items[6].kind, TOKEN_EOF);
    test_end(&t);
}

static void test_fenced_code_is_verbatim(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    TokenList list = lex(&t, "```markdown\n## Sak 1/25 X\n``\n````\n## Sak 2/25 Y\n~~~\n## Sak 3/25 Z\n");
    assert_int_equal(list.items[1].kind, TOKEN_VERBATIM);
    assert_int_equal(list.items[2].kind, TOKEN_VERBATIM); /* shorter fence does not close */
    assert_int_equal(list.items[3].kind, TOKEN_VERBATIM); /* closes */
    assert_int_equal(list.items[4].kind, TOKEN_HEADING);
    assert_int_equal(list.items[5].kind, TOKEN_VERBATIM); /* unclosed: to the end */
    assert_int_equal(list.items[6].kind, TOKEN_VERBATIM);
    test_end(&t);
}

static void test_html_blocks_are_verbatim(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    TokenList list = lex(&t, "<div>\n## Sak 1/25 X\n\n## Sak 2/25 Y\n<!-- a\n## Sak 3/25 Z\n-->\n## Sak 4/25 W\n");
    assert_int_equal(list.items[0].kind, TOKEN_VERBATIM);
    assert_int_equal(list.items[1].kind, TOKEN_VERBATIM); /* inside <div> until the blank line */
    assert_int_equal(list.items[2].kind, TOKEN_BLANK);
    assert_int_equal(list.items[3].kind, TOKEN_HEADING);
    assert_int_equal(list.items[5].kind, TOKEN_VERBATIM); /* inside the comment */
    assert_int_equal(list.items[6].kind, TOKEN_VERBATIM);
    assert_int_equal(list.items[7].kind, TOKEN_HEADING);
    test_end(&t);
}

static void test_inline_html_is_text(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    TokenList list = lex(&t, "Tekst\n<span>x</span>\n## Sak 1/25 X\n<!-- en -->\n## Sak 2/25 Y\n");
    assert_int_equal(list.items[1].kind, TOKEN_TEXT); /* kind 7 cannot interrupt a paragraph */
    assert_int_equal(list.items[2].kind, TOKEN_HEADING);
    assert_int_equal(list.items[3].kind, TOKEN_VERBATIM); /* comment closed on its own line */
    assert_int_equal(list.items[4].kind, TOKEN_HEADING);
    test_end(&t);
}

/* Text lines count their '|' (the table-width limit reads it) and the
 * block quotes and list items they open, whatever is around them. */
static void test_pipes_and_nesting(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    TokenList list = lex(&t, "| a | b |\nIngen her.\n> - æ|ø|å\n|\n1. x || y\n");
    assert_int_equal(list.count, 6);
    const unsigned pipes[] = {3, 0, 2, 1, 2}, nesting[] = {0, 0, 2, 0, 1};
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(list.items[i].kind, TOKEN_TEXT);
        assert_int_equal(list.items[i].pipes, pipes[i]);
        assert_int_equal(list.items[i].nesting, nesting[i]);
    }
    test_end(&t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_atx_headings), cmocka_unit_test(test_fenced_code_is_verbatim),
        cmocka_unit_test(test_html_blocks_are_verbatim), cmocka_unit_test(test_inline_html_is_text),
        cmocka_unit_test(test_pipes_and_nesting),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
