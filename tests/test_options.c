/* Unit tests for options.c: the one command-line parser every command
 * uses, and the values several commands share. */
#include "build.h"
#include "options.h"
#include "test_support.h"

enum { OUTPUT, FORCE, JOBS };
static const OptionSpec spec_options[] = {
    {"output", 'o', "OUT", "where"},
    {"force", 0, NULL, "replace"},
    {"jobs", 'j', "N", "threads"},
    {0},
};
static const Command command = {"build", "build [DIR]", "s", "d", spec_options, 0, 1, NULL};

static int parse(Arguments *arguments, int argc, const char **argv) {
    return options_parse(&command, argc, (char **)argv, arguments);
}

static void test_forms_of_values(void **state) {
    (void)state;
    Arguments a;
    const char *long_space[] = {"--output", "x", "dir"};
    assert_int_equal(parse(&a, 3, long_space), 0);
    assert_string_equal(a.values[OUTPUT], "x");
    assert_int_equal(a.operand_count, 1);
    assert_string_equal(a.operands[0], "dir");
    const char *long_equals[] = {"--output=y", "--force"};
    assert_int_equal(parse(&a, 2, long_equals), 0);
    assert_string_equal(a.values[OUTPUT], "y");
    assert_string_equal(a.values[FORCE], "");
    assert_null(a.values[JOBS]);
    const char *short_joined[] = {"-oz", "-j", "4"};
    assert_int_equal(parse(&a, 3, short_joined), 0);
    assert_string_equal(a.values[OUTPUT], "z");
    assert_string_equal(a.values[JOBS], "4");
    const char *dashes[] = {"--", "-odd-folder"};
    assert_int_equal(parse(&a, 2, dashes), 0);
    assert_null(a.values[OUTPUT]);
    assert_string_equal(a.operands[0], "-odd-folder");
}

static void test_usage_errors(void **state) {
    (void)state;
    Arguments a;
    const char *unknown[] = {"--bogus"};
    assert_int_equal(parse(&a, 1, unknown), 2);
    const char *missing[] = {"-o"};
    assert_int_equal(parse(&a, 1, missing), 2);
    const char *flag_with_value[] = {"--force=yes"};
    assert_int_equal(parse(&a, 1, flag_with_value), 2);
    const char *two_folders[] = {"a", "b"};
    assert_int_equal(parse(&a, 2, two_folders), 2);
}

static void test_shared_values(void **state) {
    (void)state;
    assert_int_equal(options_jobs(&command, "8"), 8);
    assert_int_equal(options_jobs(&command, "0"), 0);
    assert_int_equal(options_jobs(&command, "65"), 0);
    assert_int_equal(options_jobs(&command, "3x"), 0);
    assert_true(options_jobs(&command, NULL) >= 1);
    DiagFormat format;
    assert_true(options_format(&command, "gcc", &format));
    assert_int_equal(format, DIAG_FORMAT_GCC);
    assert_false(options_format(&command, "xml", &format));
    unsigned outputs = BUILD_ALL;
    assert_true(options_outputs(&command, "pdf,json", &outputs));
    assert_int_equal(outputs, BUILD_PDF | BUILD_JSON);
    assert_false(options_outputs(&command, "pdf,epub", &outputs));
    assert_false(options_outputs(&command, ",", &outputs));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forms_of_values), cmocka_unit_test(test_usage_errors),
        cmocka_unit_test(test_shared_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
