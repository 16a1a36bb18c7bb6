/* Unit tests for names.c: the slips minutes really make, and no guess for a
 * name far from everything. */
#include "test_support.h"
#include "names.h"

#define NAME(text) {text, sizeof text - 1}

static const Slice roster[] = {
    NAME("Heidi Eriksen Laksaa"), NAME("Bernhard Holthe"),   NAME("Lisa Friberg"),
    NAME("Stine J. Strømsø"),     NAME("Anne Grethe Olsen"), NAME("Merethe Saga Lønnum"),
    NAME("Per Rønning"),          NAME("Eirik Stellander"),  NAME("Gry Andersen"),
    NAME("Helena Andersen"),
};
enum { ROSTER = sizeof roster / sizeof roster[0] };

static const char *suggestion(const char *written) {
    long index = name_suggest(slice_from_cstring(written), roster, ROSTER);
    return index < 0 ? NULL : roster[index].data;
}

static void test_one_letter_slips(void **state) {
    (void)state;
    assert_string_equal(suggestion("Heidi Eriksen Laksaas"), "Heidi Eriksen Laksaa");
    assert_string_equal(suggestion("Bernhard Holte"), "Bernhard Holthe");
    assert_string_equal(suggestion("Lisa Friborg"), "Lisa Friberg");
}

static void test_middle_names_and_initials(void **state) {
    (void)state;
    assert_string_equal(suggestion("Stine Strømsø"), "Stine J. Strømsø");
    assert_string_equal(suggestion("Stine Johanne Strømsø"), "Stine J. Strømsø");
    assert_string_equal(suggestion("Anne G. Olsen"), "Anne Grethe Olsen");
    assert_string_equal(suggestion("Anne Olsen"), "Anne Grethe Olsen");
}

static void test_norwegian_letters(void **state) {
    (void)state;
    assert_string_equal(suggestion("Merethe Saga Lonnum"), "Merethe Saga Lønnum"); /* ø typed as o */
    assert_string_equal(suggestion("Merethe Saga Lgnnum"), "Merethe Saga Lønnum"); /* ø lost in OCR */
    assert_string_equal(suggestion("Per Ronning"), "Per Rønning");
    assert_string_equal(suggestion("Stine J. Stromso"), "Stine J. Strømsø");
    assert_string_equal(suggestion("STINE J. STRØMSØ"), "Stine J. Strømsø");
}

static void test_no_guess(void **state) {
    (void)state;
    assert_null(suggestion("Ukjent Person"));     /* far from everything */
    assert_null(suggestion("Knut Hamsun"));
    assert_null(suggestion("Lisa Friberg"));      /* exact: nothing to suggest */
    assert_null(suggestion("Andersen"));
}

static void test_distance(void **state) {
    (void)state;
    assert_int_equal(name_distance(slice_from_cstring("Tromsø"), slice_from_cstring("Tromso")), 0);
    assert_int_equal(name_distance(slice_from_cstring("Tromsg"), slice_from_cstring("Tromsø")), 1);
    assert_int_equal(name_distance(slice_from_cstring("Hærland"), slice_from_cstring("Haerland")), 0);
    assert_int_equal(name_distance(slice_from_cstring("Åse"), slice_from_cstring("Ase")), 0);
    assert_int_equal(name_distance(slice_from_cstring("Anne G. Olsen"), slice_from_cstring("Anne Grethe Olsen")), 1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_letter_slips), cmocka_unit_test(test_middle_names_and_initials),
        cmocka_unit_test(test_norwegian_letters), cmocka_unit_test(test_no_guess), cmocka_unit_test(test_distance),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
