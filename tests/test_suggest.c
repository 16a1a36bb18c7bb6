/* Unit tests for suggest.c: edit distance and did-you-mean. */
#include "test_support.h"
#include "suggest.h"

static size_t distance(const char *a, const char *b) {
    return edit_distance(slice_from_cstring(a), slice_from_cstring(b));
}

static void test_edit_distance(void **state) {
    (void)state;
    assert_int_equal(distance("place", "place"), 0);
    assert_int_equal(distance("plase", "place"), 1);
    assert_int_equal(distance("Saksbehanlder", "Saksbehandler"), 1); /* a swap is one edit */
    assert_int_equal(distance("Laksaas", "Laksaa"), 1);
    assert_int_equal(distance("Frå", "Fra"), 1);                     /* å is one code point */
    assert_int_equal(distance("FRA", "fra"), 0);                     /* case is ignored */
    assert_int_equal(distance("MØTEDATO", "møtedato"), 0);
    assert_int_equal(distance("", "abc"), 3);
    assert_int_equal(distance("To", "Til"), 2);
}

static void test_suggest_nearest(void **state) {
    (void)state;
    const char *keys[] = {"body", "date", "time", "place", "chair", "title"};
    assert_string_equal(suggest_nearest(slice_from_cstring("plase"), keys, 6, 2), "place");
    assert_string_equal(suggest_nearest(slice_from_cstring("titel"), keys, 6, 2), "title");
    /* Far from everything: no suggestion. */
    assert_null(suggest_nearest(slice_from_cstring("agenda"), keys, 6, 2));
    /* Two equally near candidates: no guess. */
    const char *tied[] = {"date", "data"};
    assert_null(suggest_nearest(slice_from_cstring("datx"), tied, 2, 2));
    /* An exact match is not a suggestion. */
    assert_null(suggest_nearest(slice_from_cstring("body"), keys, 6, 2));
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_edit_distance), cmocka_unit_test(test_suggest_nearest)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
