/* Unit tests for config.c: referat.yaml into bodies, numbering, quorum,
 * seats and rosters, and its diagnostics. */
#include "test_support.h"

static const char full_config[] =
    "site:\n  title: Prosjekt\n  language: nn\n  base_url: https://example.org/r/\n"
    "bodies:\n"
    "  ssu:\n    name: Strategisk samarbeidsutval\n    short: SSU\n    numbering: NN/YYYY\n"
    "    quorum:\n      present: 2/3\n      per_party:\n        kommunane: 1\n"
    "    archive_from: 60/2025\n"
    "    members:\n      - name: Kari Nordmann\n        party: kommunane\n      - name: Ola Hansen\n        vote: false\n"
    "  fsu:\n    name: Fagleg samarbeidsutval\n    seats: 7\n";

static void test_bodies(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, full_config);
    assert_int_equal(t.diagnostics.count, 0);
    assert_int_equal(t.project.language, LANGUAGE_NN);
    assert_slice_equal(t.project.site_title, "Prosjekt");
    assert_int_equal(t.project.body_count, 2);
    const Body *ssu = project_find_body(&t.project, slice_from_cstring("ssu"));
    assert_non_null(ssu);
    assert_int_equal(ssu->numbering, NUMBERING_SLASH_YYYY);
    assert_int_equal(ssu->quorum_numerator, 2);
    assert_int_equal(ssu->quorum_denominator, 3);
    assert_int_equal(ssu->per_party_count, 1);
    assert_true(ssu->archive_from.valid);
    assert_int_equal(ssu->archive_from.number, 60);
    assert_int_equal(ssu->archive_from.year, 2025);
    assert_int_equal(ssu->member_count, 2);
    assert_true(ssu->members[0].vote);
    assert_false(ssu->members[1].vote);
    const Body *fsu = project_find_body(&t.project, slice_from_cstring("fsu"));
    assert_int_equal(fsu->seats, 7);
    assert_slice_equal(fsu->short_name, "fsu"); /* short defaults to the id */
    test_end(&t);
}

static void test_unknown_key_suggests(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, "site:\n  title: T\nbodies:\n  ssu:\n    name: S\n    seets: 9\n");
    int found = 0;
    for (size_t i = 0; i < t.diagnostics.count; i++)
        if (t.diagnostics.items[i]->code == DIAG_W_CONFIG_KEY) {
            found++;
            assert_string_equal(t.diagnostics.items[i]->suggestion, "seats");
        }
    assert_int_equal(found, 1);
    test_end(&t);
}

static void test_no_bodies(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, "site:\n  title: T\n");
    assert_int_equal(diag_count_code(&t.diagnostics, DIAG_E_CONFIG), 1);
    test_end(&t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bodies), cmocka_unit_test(test_unknown_key_suggests), cmocka_unit_test(test_no_bodies),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
