/* Unit tests for refs.c: case references in running text and in field
 * values, with their spans (columns in code points). */
#include "refs.h"
#include "test_support.h"

static CaseRef *scan(TestCompilation *t, const char *text) {
    SourceFile *file = source_from_memory(&t->arena, &t->diagnostics, "m.md", text, strlen(text));
    CaseRef *head = NULL, **tail = &head;
    refs_scan_line(&t->arena, file, 0, strlen(text), LANGUAGE_NB, 2025, &tail);
    return head;
}

static CaseRef *scan_in(TestCompilation *t, const char *text, int meeting_year) {
    SourceFile *file = source_from_memory(&t->arena, &t->diagnostics, "m.md", text, strlen(text));
    CaseRef *head = NULL, **tail = &head;
    refs_scan_line(&t->arena, file, 0, strlen(text), LANGUAGE_NB, meeting_year, &tail);
    return head;
}

/* A two-digit year in a reference is the latest year with those digits up
 * to the year after the meeting's, across a century boundary too: the
 * generator's 8,000 meetings run past 2100 and refer back to 2099. */
static void test_century_boundaries(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    static const struct {
        const char *text;
        int meeting_year, year;
    } cases[] = {
        {"Jf. sak 79/99.", 2100, 2099}, {"Jf. sak 79/99.", 2099, 2099}, {"Jf. sak 01/00.", 2100, 2100},
        {"Jf. sak 01/00.", 2099, 2100}, {"Jf. sak 01/01.", 2100, 2101}, {"Jf. sak 05/02.", 2100, 2002},
        {"Jf. sak 79/99.", 2000, 1999}, {"Jf. sak 12/00.", 2000, 2000}, {"Jf. sak 12/50.", 2000, 1950},
        {"Jf. sak 12/2199.", 2100, 2199}, {"Jf. sak 79/99.", 2200, 2199},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CaseRef *r = scan_in(&t, cases[i].text, cases[i].meeting_year);
        assert_non_null(r);
        if (r->number.year != cases[i].year)
            fail_msg("'%s' in %d: %d, not %d", cases[i].text, cases[i].meeting_year, r->number.year, cases[i].year);
    }
    /* Field values (Oppfølging av, approved_in) read years the same way. */
    SourceFile *file = source_from_memory(&t.arena, &t.diagnostics, "m.md", "SSU 79/99", 9);
    CaseRef *r = refs_parse_value(&t.arena, file, slice_from_cstring("SSU 79/99"), 0, LANGUAGE_NB, 2100);
    assert_non_null(r);
    assert_int_equal(r->number.year, 2099);
    r = refs_parse_value(&t.arena, file, slice_from_cstring("SSU 01/00"), 0, LANGUAGE_NB, 2099);
    assert_non_null(r);
    assert_int_equal(r->number.year, 2100);
    test_end(&t);
}

static void test_running_text(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    CaseRef *r = scan(&t, "Både sak 01/25 og SSU-sak 26/2024, jf. Sak 3/25.");
    assert_non_null(r);
    assert_int_equal(r->number.number, 1);
    assert_int_equal(r->number.year, 2025);
    /* The word before may name a body: it is in the span until the checks
     * find it does not ("Både" is five code points with its space). */
    assert_slice_equal(r->body_prefix, "Både");
    assert_int_equal(r->span.column, 1);
    assert_int_equal(r->number.span.column, 10);
    r = r->next;
    assert_non_null(r);
    assert_slice_equal(r->body_prefix, "SSU");
    assert_int_equal(r->number.number, 26);
    assert_int_equal(r->number.year, 2024);
    r = r->next;
    assert_non_null(r);
    assert_int_equal(r->number.number, 3);
    assert_null(r->next);
    test_end(&t);
}

static void test_not_references(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    assert_null(scan(&t, "saksbehandler 01/25, sak uten nummer, sak01/25"));
    test_end(&t);
}

static void test_many_on_one_line(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    enum { COUNT = 2000 };
    const char unit[] = "æ sak 01/25 ";
    size_t unit_length = strlen(unit);
    char *text = arena_alloc(&t.arena, COUNT * unit_length + 1);
    for (size_t i = 0; i < COUNT; i++)
        memcpy(text + i * unit_length, unit, unit_length);
    size_t n = 0;
    for (CaseRef *r = scan(&t, text); r; r = r->next, n++)
        assert_int_equal(r->number.span.column, n * 12 + 7); /* twelve code points a unit: "æ" is one */
    assert_int_equal(n, COUNT);
    test_end(&t);
}

static void test_value(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    const char text[] = "Oppfølging av: SSU-sak 72/24";
    SourceFile *file = source_from_memory(&t.arena, &t.diagnostics, "m.md", text, strlen(text));
    Slice value = slice_make(text + 16, strlen(text) - 16);
    CaseRef *r = refs_parse_value(&t.arena, file, value, 16, LANGUAGE_NB, 2025);
    assert_non_null(r);
    assert_slice_equal(r->body_prefix, "SSU");
    assert_int_equal(r->number.number, 72);
    assert_int_equal(r->number.year, 2024);
    assert_null(refs_parse_value(&t.arena, file, slice_from_cstring("ikke en sak"), 16, LANGUAGE_NB, 2025));
    test_end(&t);
}

/* The scanner passes over lines without a digit eight bytes at a time: a
 * reference is found wherever its digits fall in those eight-byte steps,
 * after ASCII or Norwegian letters, and a line of letters alone (any
 * length, any byte above 0x7F) holds none. */
static void test_every_alignment(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    const char *const fillers[] = {"x", "æ", "ø ", ":", "å-"};
    for (size_t f = 0; f < sizeof fillers / sizeof fillers[0]; f++) {
        for (size_t before = 0; before < 20; before++) {
            char text[256] = "";
            size_t columns = 0;
            for (size_t k = 0; k < before; k++) {
                strcat(text, fillers[f]);
                columns += utf8_length(fillers[f], strlen(fillers[f]));
            }
            strcat(text, " sak 7/25 ");
            for (size_t k = 0; k < 19 - before; k++)
                strcat(text, fillers[f]);
            CaseRef *r = scan(&t, text);
            if (!r)
                fail_msg("no reference in '%s'", text);
            assert_int_equal(r->number.number, 7);
            assert_int_equal(r->number.span.column, columns + 6);
            assert_null(r->next);
            /* The same line with the digits taken out: nothing. */
            char *digits = strstr(text, "7/25");
            memcpy(digits, "x/yz", 4);
            assert_null(scan(&t, text));
        }
    }
    test_end(&t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_running_text), cmocka_unit_test(test_century_boundaries), cmocka_unit_test(test_not_references),
        cmocka_unit_test(test_many_on_one_line), cmocka_unit_test(test_value), cmocka_unit_test(test_every_alignment),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
