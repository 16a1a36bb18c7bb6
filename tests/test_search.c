/* Unit tests for emit_search.c's word splitter and folding — the rule
 * templates/search.js repeats for queries (tests/search_test.py runs the
 * two side by side): case, æ/ø/å and "aa", accents, combining marks,
 * separators, malformed UTF-8, words too long to index. */
#include "emit_search.h"
#include "test_support.h"

static char *folded(const char *text, size_t length) {
    static StringBuffer out;
    buffer_free(&out);
    search_fold_text(text, length, &out);
    return out.data ? out.data : "";
}

#define FOLD(text) folded(text, sizeof(text) - 1)

static void test_norwegian_letters(void **state) {
    (void)state;
    assert_string_equal(FOLD("Tromsø TROMSØ Tromso"), "tromso tromso tromso");
    assert_string_equal(FOLD("Saaksbehandling saksbehandling Ålesund Aalesund"),
                        "saksbehandling saksbehandling alesund alesund");
    assert_string_equal(FOLD("Ærlig ÆRLIG aerlig"), "aerlig aerlig aerlig");
    /* any run of a's is one: "aaa" and "a" meet as "aa" and "å" do */
    assert_string_equal(FOLD("Laksaa Laksaas aaa"), "laksa laksas a");
}

static void test_accents_and_marks(void **state) {
    (void)state;
    assert_string_equal(FOLD("Ödegård Müller Straße café"), "odegard muller strasse cafe");
    /* å and é written as a letter and a combining mark fold like the precomposed ones */
    assert_string_equal(FOLD("a\xcc\x8apen e\xcc\x81n"), "apen en");
    assert_string_equal(FOLD("Łódź Škoda"), "lodz skoda");
    assert_string_equal(FOLD("ΑΘΉΝΑ Москва"), "αθ\xce\x89να москва");
}

static void test_separators(void **state) {
    (void)state;
    assert_string_equal(FOLD("Tromsø-regionen, sak 12/25 (§ 13) – «ja»…"), "tromso regionen sak 12 25 13 ja");
    assert_string_equal(FOLD("2×3 ÷ 4"), "2 3 4");
    /* astral characters (emoji) separate words */
    assert_string_equal(FOLD("møte\xf0\x9f\x98\x80referat"), "mote referat");
    assert_string_equal(FOLD(""), "");
    assert_string_equal(FOLD(" \n\t– "), "");
}

static void test_malformed_and_long(void **state) {
    (void)state;
    /* a stray continuation byte, a cut sequence, an overlong NUL: separators */
    assert_string_equal(FOLD("sak\x80vedtak m\xc3"), "sak vedtak m");
    assert_string_equal(FOLD("a\xc0\x80" "b"), "a b");
    char text[200];
    memset(text, 'x', 65);
    strcpy(text + 65, " ord ");
    memset(text + 70, 'y', 64);
    text[134] = '\0';
    char *words = folded(text, strlen(text));
    /* 65 letters are too long to index, 64 are not */
    assert_int_equal(strncmp(words, "ord yyyy", 8), 0);
    assert_int_equal(strlen(words), 4 + 64);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_norwegian_letters),
        cmocka_unit_test(test_accents_and_marks),
        cmocka_unit_test(test_separators),
        cmocka_unit_test(test_malformed_and_long),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
