/* Unit tests for yaml_tree.c: spans from libyaml marks, aliases, depth. */
#include "test_support.h"
#include "yaml_tree.h"

static YamlTreeNode *load(TestCompilation *t, const char *text, uint32_t first_line) {
    SourceFile *file = source_from_memory(&t->arena, &t->diagnostics, "f.md", text, strlen(text));
    assert_non_null(file);
    return yaml_tree_load(&t->arena, &t->diagnostics, file, file->text, file->length, first_line, DIAG_E_FRONT_MATTER);
}

static void test_spans_are_file_positions(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    YamlTreeNode *root = load(&t, "body: ssu\nplace: Tromsø\nchair: Kari\n", 2);
    assert_non_null(root);
    assert_int_equal(root->kind, YAML_TREE_MAPPING);
    assert_int_equal(yaml_tree_pair_count(root), 3);
    YamlTreeNode *chair = yaml_tree_value(root, 2);
    assert_slice_equal(chair->scalar, "Kari");
    /* first_line 2: the YAML's third line is the file's line 4. */
    assert_int_equal(chair->span.line, 4);
    assert_int_equal(chair->span.column, 8);
    assert_int_equal(chair->span.end_column, 12);
    assert_int_equal(t.diagnostics.count, 0);
    test_end(&t);
}

static void test_quoted_and_plain(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    YamlTreeNode *root = load(&t, "a: \"12:00\"\nb: 12:00\n", 1);
    assert_true(yaml_tree_value(root, 0)->quoted);
    assert_false(yaml_tree_value(root, 1)->quoted);
    assert_slice_equal(yaml_tree_value(root, 1)->scalar, "12:00"); /* no YAML 1.1 sexagesimal */
    test_end(&t);
}

static void test_alias_refused(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    assert_null(load(&t, "a: &x [1]\nb: *x\n", 2));
    assert_int_equal(diag_count_code(&t.diagnostics, DIAG_E_YAML_ALIAS), 1);
    assert_int_equal(t.diagnostics.items[0]->span.line, 2);
    test_end(&t);
}

static void test_depth_limit(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    char text[256] = "x: ";
    for (int i = 0; i < 40; i++)
        strcat(text, "[");
    assert_null(load(&t, text, 2));
    assert_single_diagnostic(&t, DIAG_E_LIMIT, 2);
    test_end(&t);
}

static void test_syntax_error_position(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    assert_null(load(&t, "body: ssu\ndate: [2025\n", 2));
    assert_single_diagnostic(&t, DIAG_E_FRONT_MATTER, 0);
    assert_true(t.diagnostics.items[0]->span.line >= 3);
    test_end(&t);
}

static void test_duplicate_key(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    assert_non_null(load(&t, "date: 2025-01-01\ndate: 2025-01-02\n", 2));
    assert_single_diagnostic(&t, DIAG_E_FRONT_MATTER, 3);
    assert_non_null(t.diagnostics.items[0]->notes);
    assert_int_equal(t.diagnostics.items[0]->notes->span.line, 2);
    test_end(&t);
}

static void test_empty_document(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    YamlTreeNode *root = load(&t, "", 2);
    assert_non_null(root);
    assert_int_equal(root->kind, YAML_TREE_MAPPING);
    assert_int_equal(root->item_count, 0);
    test_end(&t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spans_are_file_positions), cmocka_unit_test(test_quoted_and_plain),
        cmocka_unit_test(test_alias_refused),           cmocka_unit_test(test_depth_limit),
        cmocka_unit_test(test_syntax_error_position),   cmocka_unit_test(test_duplicate_key),
        cmocka_unit_test(test_empty_document),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
