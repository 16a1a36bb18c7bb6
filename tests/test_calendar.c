/* Unit tests for emit_calendar.c: RFC 5545 line ends, folding at 75 octets
 * without splitting UTF-8, TEXT escaping, timed and all-day events. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "emit_calendar.h"

/* Undoes the folding (CRLF followed by one space), as a client reads it. */
static char *unfold(const StringBuffer *out) {
    char *text = malloc(out->length + 1);
    assert_non_null(text);
    size_t length = 0;
    for (size_t i = 0; i < out->length; i++) {
        if (out->data[i] == '\r' && i + 2 < out->length && out->data[i + 1] == '\n' && out->data[i + 2] == ' ') {
            i += 2;
            continue;
        }
        text[length++] = out->data[i];
    }
    text[length] = '\0';
    return text;
}

static const CalendarEvent meeting = {
    .uid = "ssu-2025-01-22@example.org",
    .date = {2025, 1, 22},
    .time = {.start_minute = 9 * 60 + 30, .end_minute = 14 * 60, .present = true},
    .stamp = {2025, 2, 26},
    .summary = "SSU-møte",
    .location = "UNN Tromsø, rom 1; 2. etg.",
    .url = "https://example.org/ssu/2025-01-22.html",
    .description = "01/25 Godkjenning av innkalling og dagsorden (B)\n"
                   "02/25 Økonomisk langtidsplan for helsefellesskapet, med høring i kommunene, "
                   "fastlegeordningen og «samhandling» – ærlig talt ÆØÅ æøå € § (O)\n"
                   "03/25 Back\\slash",
};

static void test_lines_end_in_crlf_and_fold_at_75_octets(void **state) {
    (void)state;
    StringBuffer out = {0};
    calendar_write(&out, "SSU – møter", &meeting, 1);
    size_t line_start = 0;
    for (size_t i = 0; i < out.length; i++) {
        if (out.data[i] == '\n') {
            assert_true(i > 0 && out.data[i - 1] == '\r'); /* no bare LF */
            size_t octets = i - 1 - line_start;
            assert_true(octets <= 75);
            /* A fold never leaves a line ending inside a UTF-8 sequence:
             * the next line's first byte after the space is no continuation. */
            if (i + 2 < out.length && out.data[i + 1] == ' ')
                assert_true(((unsigned char)out.data[i + 2] & 0xC0) != 0x80);
            line_start = i + 1;
        }
    }
    assert_int_equal(line_start, out.length); /* ends with CRLF */
    buffer_free(&out);
}

static void test_text_is_escaped_and_survives_folding(void **state) {
    (void)state;
    StringBuffer out = {0};
    calendar_write(&out, "SSU", &meeting, 1);
    char *text = unfold(&out);
    assert_non_null(strstr(text, "\r\nLOCATION:UNN Tromsø\\, rom 1\\; 2. etg.\r\n"));
    assert_non_null(strstr(text, "\r\nDESCRIPTION:01/25 Godkjenning av innkalling og dagsorden (B)\\n02/25 "
                                 "Økonomisk langtidsplan for helsefellesskapet\\, med høring i kommunene\\, "
                                 "fastlegeordningen og «samhandling» – ærlig talt ÆØÅ æøå € § (O)\\n"
                                 "03/25 Back\\\\slash\r\n"));
    assert_non_null(strstr(text, "\r\nURL:https://example.org/ssu/2025-01-22.html\r\n"));
    assert_non_null(strstr(text, "\r\nSUMMARY:SSU-møte\r\n"));
    free(text);
    buffer_free(&out);
}

static void test_timed_event_in_oslo_time(void **state) {
    (void)state;
    StringBuffer out = {0};
    calendar_write(&out, "SSU", &meeting, 1);
    char *text = unfold(&out);
    assert_non_null(strstr(text, "\r\nDTSTART;TZID=Europe/Oslo:20250122T093000\r\n"));
    assert_non_null(strstr(text, "\r\nDTEND;TZID=Europe/Oslo:20250122T140000\r\n"));
    assert_non_null(strstr(text, "\r\nDTSTAMP:20250226T000000Z\r\n"));
    assert_non_null(strstr(text, "BEGIN:VTIMEZONE\r\nTZID:Europe/Oslo\r\n"));
    assert_non_null(strstr(text, "\r\nUID:ssu-2025-01-22@example.org\r\n"));
    assert_true(strncmp(text, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 30) == 0);
    assert_non_null(strstr(text, "END:VEVENT\r\nEND:VCALENDAR\r\n"));
    free(text);
    buffer_free(&out);
}

static void test_all_day_event_and_missing_parts(void **state) {
    (void)state;
    CalendarEvent event = {
        .uid = "flr-2024-05-29@referat", .date = {2024, 5, 29}, .time = {.present = false},
        .stamp = {2024, 5, 29}, .summary = "FLR-møte\r\nX-INJECTED:1", .location = "", .url = NULL,
        .description = NULL,
    };
    StringBuffer out = {0};
    calendar_write(&out, "FLR", &event, 1);
    char *text = unfold(&out);
    assert_non_null(strstr(text, "\r\nDTSTART;VALUE=DATE:20240529\r\n"));
    assert_null(strstr(text, "DTEND"));
    assert_null(strstr(text, "LOCATION"));
    assert_null(strstr(text, "URL:"));
    assert_null(strstr(text, "DESCRIPTION"));
    /* A CR in a value cannot start a property of its own. */
    assert_null(strstr(text, "\r\nX-INJECTED"));
    assert_non_null(strstr(text, "\r\nSUMMARY:FLR-møte\\nX-INJECTED:1\r\n"));
    free(text);
    buffer_free(&out);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lines_end_in_crlf_and_fold_at_75_octets),
        cmocka_unit_test(test_text_is_escaped_and_survives_folding),
        cmocka_unit_test(test_timed_event_in_oslo_time),
        cmocka_unit_test(test_all_day_event_and_missing_parts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
