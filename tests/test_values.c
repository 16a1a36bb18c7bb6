/* Unit tests for values.c: dates, times and case numbers. */
#include "test_support.h"
#include "values.h"

static void test_date_iso(void **state) {
    (void)state;
    Date date;
    assert_int_equal(date_parse_iso(slice_from_cstring("2025-12-10"), &date), VALUE_OK);
    assert_int_equal(date.year, 2025);
    assert_int_equal(date.month, 12);
    assert_int_equal(date.day, 10);
    assert_int_equal(date_parse_iso(slice_from_cstring("2024-02-29"), &date), VALUE_OK);
    assert_int_equal(date_parse_iso(slice_from_cstring("2025-02-29"), &date), VALUE_IMPOSSIBLE);
    assert_int_equal(date_parse_iso(slice_from_cstring("1900-02-29"), &date), VALUE_IMPOSSIBLE);
    assert_int_equal(date_parse_iso(slice_from_cstring("2000-02-29"), &date), VALUE_OK);
    assert_int_equal(date_parse_iso(slice_from_cstring("0000-00-00"), &date), VALUE_IMPOSSIBLE);
    assert_int_equal(date_parse_iso(slice_from_cstring("2025-1-10"), &date), VALUE_MALFORMED);
    assert_int_equal(date_parse_iso(slice_from_cstring("10.12.2025"), &date), VALUE_MALFORMED);
    assert_int_equal(date_parse_iso(slice_from_cstring(""), &date), VALUE_MALFORMED);
}

static void test_date_norwegian(void **state) {
    (void)state;
    Date date;
    assert_int_equal(date_parse_any(slice_from_cstring("22.01.2025"), 2025, &date), VALUE_OK);
    assert_int_equal(date.day, 22);
    assert_int_equal(date_parse_any(slice_from_cstring("12.05.23"), 2023, &date), VALUE_OK);
    assert_int_equal(date.year, 2023);
    assert_int_equal(date_parse_any(slice_from_cstring("2025-01-22"), 2025, &date), VALUE_OK);
    assert_int_equal(date_parse_any(slice_from_cstring("31.04.2025"), 2025, &date), VALUE_IMPOSSIBLE);
    assert_int_equal(date_parse_any(slice_from_cstring("22/01/2025"), 2025, &date), VALUE_MALFORMED);
    assert_int_equal(date_parse_any(slice_from_cstring("22.01.202"), 2025, &date), VALUE_MALFORMED);
    /* Two-digit years as in case numbers: back across a century, or the
     * year after the meeting's. */
    assert_int_equal(date_parse_any(slice_from_cstring("31.12.99"), 2100, &date), VALUE_OK);
    assert_int_equal(date.year, 2099);
    assert_int_equal(date_parse_any(slice_from_cstring("05.01.00"), 2099, &date), VALUE_OK);
    assert_int_equal(date.year, 2100);
    assert_int_equal(date_parse_any(slice_from_cstring("05.01.50"), 2000, &date), VALUE_OK);
    assert_int_equal(date.year, 1950);
    assert_int_equal(date_parse_any(slice_from_cstring("12.05.23"), CASE_NUMBER_YEARS_IN_2000S, &date), VALUE_OK);
    assert_int_equal(date.year, 2023);
}

static void test_time(void **state) {
    (void)state;
    TimeRange range;
    assert_int_equal(time_parse(slice_from_cstring("12:00-15:30"), &range), VALUE_OK);
    assert_int_equal(range.start_minute, 720);
    assert_int_equal(range.end_minute, 930);
    assert_int_equal(time_parse(slice_from_cstring("09:15"), &range), VALUE_OK);
    assert_int_equal(range.end_minute, -1);
    assert_int_equal(time_parse(slice_from_cstring("25:00"), &range), VALUE_IMPOSSIBLE);
    assert_int_equal(time_parse(slice_from_cstring("12:60"), &range), VALUE_IMPOSSIBLE);
    assert_int_equal(time_parse(slice_from_cstring("15:00-13:00"), &range), VALUE_IMPOSSIBLE);
    assert_int_equal(time_parse(slice_from_cstring("12.00-14.00"), &range), VALUE_MALFORMED);
    assert_int_equal(time_parse(slice_from_cstring("12:00-"), &range), VALUE_MALFORMED);
}

static void test_case_number(void **state) {
    (void)state;
    CaseNumber number;
    size_t consumed;
    assert_int_equal(case_number_parse(slice_from_cstring("08/25 Tittel"), 2025, &number, &consumed), CASE_NUMBER_OK);
    assert_int_equal(number.number, 8);
    assert_int_equal(number.year, 2025);
    assert_int_equal(number.form, NUMBERING_SLASH_YY);
    assert_int_equal(consumed, 5);
    assert_int_equal(case_number_parse(slice_from_cstring("26/2024"), 2024, &number, &consumed), CASE_NUMBER_OK);
    assert_int_equal(number.form, NUMBERING_SLASH_YYYY);
    assert_int_equal(case_number_parse(slice_from_cstring("03-2023"), 2024, &number, &consumed), CASE_NUMBER_OK);
    assert_int_equal(number.form, NUMBERING_DASH_YYYY);
    assert_int_equal(number.year, 2023);
    assert_int_equal(case_number_parse(slice_from_cstring("1-25"), 2025, &number, &consumed), CASE_NUMBER_OK);
    assert_int_equal(number.form, NUMBERING_DASH_YY);
    assert_int_equal(case_number_parse(slice_from_cstring("1234/25"), 2025, &number, &consumed),
                     CASE_NUMBER_TOO_MANY_DIGITS);
    assert_int_equal(case_number_parse(slice_from_cstring("99999999999999999999/25"), 2025, &number, &consumed),
                     CASE_NUMBER_TOO_MANY_DIGITS);
    assert_int_equal(case_number_parse(slice_from_cstring("12/2"), 2025, &number, &consumed), CASE_NUMBER_BAD_YEAR);
    assert_int_equal(case_number_parse(slice_from_cstring("12/202"), 2025, &number, &consumed), CASE_NUMBER_BAD_YEAR);
    assert_int_equal(case_number_parse(slice_from_cstring("12/20255"), 2025, &number, &consumed), CASE_NUMBER_BAD_YEAR);
    assert_int_equal(case_number_parse(slice_from_cstring("12"), 2025, &number, &consumed), CASE_NUMBER_BAD_YEAR);
    assert_int_equal(case_number_parse(slice_from_cstring("0/25"), 2025, &number, &consumed), CASE_NUMBER_ZERO);
    assert_int_equal(case_number_parse(slice_from_cstring("tre"), 2025, &number, &consumed), CASE_NUMBER_NOT_A_NUMBER);
    /* Two-digit years: references point back across a century, and a
     * heading numbered in the next year still reads as that year. */
    assert_int_equal(case_number_parse(slice_from_cstring("79/99"), 2100, &number, &consumed), CASE_NUMBER_OK);
    assert_int_equal(number.year, 2099);
    assert_int_equal(case_number_parse(slice_from_cstring("45/80"), 2030, &number, &consumed), CASE_NUMBER_OK);
    assert_int_equal(number.year, 1980);
    assert_int_equal(case_number_parse(slice_from_cstring("01/26"), 2025, &number, &consumed), CASE_NUMBER_OK);
    assert_int_equal(number.year, 2026);
    assert_int_equal(case_number_parse(slice_from_cstring("01/00"), 2099, &number, &consumed), CASE_NUMBER_OK);
    assert_int_equal(number.year, 2100);
    assert_int_equal(case_number_parse(slice_from_cstring("19/24"), CASE_NUMBER_YEARS_IN_2000S, &number, &consumed),
                     CASE_NUMBER_OK);
    assert_int_equal(number.year, 2024);
}

static void test_case_number_format(void **state) {
    (void)state;
    CaseNumber number = {8, 2025, NUMBERING_SLASH_YYYY, true, {0}};
    char out[32];
    case_number_format(number, NUMBERING_SLASH_YY, out, sizeof out);
    assert_string_equal(out, "08/25");
    case_number_format(number, NUMBERING_DASH_YYYY, out, sizeof out);
    assert_string_equal(out, "08-2025");
    number.number = 123;
    case_number_format(number, NUMBERING_SLASH_YYYY, out, sizeof out);
    assert_string_equal(out, "123/2025");
}

/* The formatting without printf writes what printf writes, for every
 * width and for numbers no valid date has (negative, wide, the extremes),
 * since an AST's numbers come from input. */
static void test_formats_match_printf(void **state) {
    (void)state;
    const long values[] = {0, 1, 5, 9, 10, 99, 100, 999, 1000, 2025, 9999, 10000, 123456789, -1, -5, -10, -999,
                           2147483647L, -2147483647L - 1};
    char ours[96], theirs[96];
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)
        for (int width = 0; width <= 12; width++) {
            size_t length = decimal_format(ours, values[i], width);
            ours[length] = '\0';
            snprintf(theirs, sizeof theirs, "%0*ld", width, values[i]);
            assert_string_equal(ours, theirs);
        }
    const int numbers[] = {0, 1, 7, 12, 31, 99, 123, 2025, -3, 2147483647, -2147483647 - 1};
    for (size_t a = 0; a < sizeof numbers / sizeof numbers[0]; a++)
        for (size_t b = 0; b < sizeof numbers / sizeof numbers[0]; b++) {
            Date date = {numbers[a], numbers[b], numbers[(a + b) % (sizeof numbers / sizeof numbers[0])]};
            char text[DATE_TEXT_SIZE];
            date_format_dotted(date, text);
            snprintf(theirs, sizeof theirs, "%02d.%02d.%04d", date.day, date.month, date.year);
            assert_string_equal(text, theirs);
            date_format_iso(date, text);
            snprintf(theirs, sizeof theirs, "%04d-%02d-%02d", date.year, date.month, date.day);
            assert_string_equal(text, theirs);
            CaseNumber number = {numbers[a], numbers[b], NUMBERING_SLASH_YYYY, true, {0}};
            const NumberingForm forms[] = {NUMBERING_SLASH_YY, NUMBERING_SLASH_YYYY, NUMBERING_DASH_YY,
                                           NUMBERING_DASH_YYYY};
            for (size_t f = 0; f < 4; f++) {
                NumberingForm form = forms[f];
                char separator = (form == NUMBERING_DASH_YY || form == NUMBERING_DASH_YYYY) ? '-' : '/';
                if (form == NUMBERING_SLASH_YY || form == NUMBERING_DASH_YY)
                    snprintf(theirs, sizeof theirs, "%02d%c%02d", number.number, separator, number.year % 100);
                else
                    snprintf(theirs, sizeof theirs, "%02d%c%04d", number.number, separator, number.year);
                case_number_format(number, form, ours, sizeof ours);
                assert_string_equal(ours, theirs);
                case_number_format(number, form, ours, 4); /* cut as snprintf cuts */
                theirs[3] = '\0';
                assert_string_equal(ours, theirs);
            }
        }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_formats_match_printf),
        cmocka_unit_test(test_date_iso),   cmocka_unit_test(test_date_norwegian), cmocka_unit_test(test_time),
        cmocka_unit_test(test_case_number), cmocka_unit_test(test_case_number_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
