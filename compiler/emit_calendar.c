/* emit_calendar: the iCalendar emitter (RFC 5545). Each content line is
 * built whole, then folded: a calendar client rejects a file whose lines
 * are longer than 75 octets or whose folds cut a UTF-8 character, and
 * unescaped commas, semicolons or newlines in TEXT values split fields. */
#include "emit_calendar.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Norway's rules since 1996 (EU summer time): the last Sunday of March at
 * 02:00 to the last Sunday of October at 03:00. Every meeting referat
 * knows of is in Norway, and clients need the definition to place
 * TZID=Europe/Oslo times without a time zone database of their own. */
static const char oslo_time_zone[] =
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Europe/Oslo\r\n"
    "BEGIN:DAYLIGHT\r\n"
    "TZOFFSETFROM:+0100\r\n"
    "TZOFFSETTO:+0200\r\n"
    "TZNAME:CEST\r\n"
    "DTSTART:19700329T020000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
    "END:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\n"
    "TZOFFSETFROM:+0200\r\n"
    "TZOFFSETTO:+0100\r\n"
    "TZNAME:CET\r\n"
    "DTSTART:19701025T030000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n";

enum { CALENDAR_LINE_OCTETS = 75 };

/* Writes one content line, folded: after 75 octets a CRLF and a space,
 * never inside a UTF-8 sequence (continuation bytes are 10xxxxxx). */
static void write_folded(StringBuffer *out, const char *line, size_t length) {
    size_t start = 0;
    size_t limit = CALENDAR_LINE_OCTETS;
    while (length - start > limit) {
        size_t end = start + limit;
        while (end > start && ((unsigned char)line[end] & 0xC0) == 0x80)
            end--;
        buffer_append(out, line + start, end - start);
        buffer_append(out, "\r\n ", 3);
        start = end;
        limit = CALENDAR_LINE_OCTETS - 1; /* the leading space counts */
    }
    buffer_append(out, line + start, length - start);
    buffer_append(out, "\r\n", 2);
}

/* RFC 5545 §3.3.11: backslash, semicolon and comma escaped, a newline as
 * \n; other control characters cannot appear in a TEXT value and are
 * dropped (a stray CR would end the line). */
/* Escapes a TEXT value; runs of plain bytes are appended whole (the
 * agendas of every meeting pass through here). */
static void append_text_value(StringBuffer *line, const char *text) {
    const char *run = text;
    for (const char *c = text;; c++) {
        unsigned char byte = (unsigned char)*c;
        bool plain = byte >= 0x20 && byte != 0x7F && byte != '\\' && byte != ';' && byte != ',';
        if (plain)
            continue;
        buffer_append(line, run, (size_t)(c - run));
        run = c + 1;
        switch (byte) {
        case '\0': return;
        case '\\': buffer_append(line, "\\\\", 2); break;
        case ';': buffer_append(line, "\\;", 2); break;
        case ',': buffer_append(line, "\\,", 2); break;
        case '\n': buffer_append(line, "\\n", 2); break;
        default: break; /* other control characters are left out */
        }
    }
}

static void write_property(StringBuffer *out, StringBuffer *line, const char *name, const char *text_value) {
    line->length = 0;
    buffer_append_cstring(line, name);
    buffer_append(line, ":", 1);
    append_text_value(line, text_value);
    write_folded(out, line->data, line->length);
}

/* A value that is not TEXT (a URI, a date): written as it is, without
 * escaping, but still without control characters. */
static void write_raw_property(StringBuffer *out, StringBuffer *line, const char *name, const char *value) {
    line->length = 0;
    buffer_append_cstring(line, name);
    const char *run = value;
    for (const char *c = value;; c++) {
        unsigned char byte = (unsigned char)*c;
        if (byte >= 0x20 && byte != 0x7F)
            continue;
        buffer_append(line, run, (size_t)(c - run)); /* control characters are left out */
        run = c + 1;
        if (!byte)
            break;
    }
    write_folded(out, line->data, line->length);
}

static void write_event(StringBuffer *out, StringBuffer *line, const CalendarEvent *event) {
    char value[128];
    buffer_append_cstring(out, "BEGIN:VEVENT\r\n");
    write_property(out, line, "UID", event->uid);
    snprintf(value, sizeof value, "%04d%02d%02dT000000Z", event->stamp.year, event->stamp.month,
             event->stamp.day);
    write_raw_property(out, line, "DTSTAMP:", value);
    if (event->time.present) {
        snprintf(value, sizeof value, "%04d%02d%02dT%02d%02d00", event->date.year,
                 event->date.month, event->date.day, event->time.start_minute / 60, event->time.start_minute % 60);
        write_raw_property(out, line, "DTSTART;TZID=Europe/Oslo:", value);
        if (event->time.end_minute >= 0) {
            snprintf(value, sizeof value, "%04d%02d%02dT%02d%02d00", event->date.year,
                     event->date.month, event->date.day, event->time.end_minute / 60, event->time.end_minute % 60);
            write_raw_property(out, line, "DTEND;TZID=Europe/Oslo:", value);
        }
    } else {
        snprintf(value, sizeof value, "%04d%02d%02d", event->date.year, event->date.month,
                 event->date.day);
        write_raw_property(out, line, "DTSTART;VALUE=DATE:", value);
    }
    write_property(out, line, "SUMMARY", event->summary);
    if (event->location && *event->location)
        write_property(out, line, "LOCATION", event->location);
    if (event->url && *event->url)
        write_raw_property(out, line, "URL:", event->url);
    if (event->description && *event->description)
        write_property(out, line, "DESCRIPTION", event->description);
    buffer_append_cstring(out, "END:VEVENT\r\n");
}

void calendar_write(StringBuffer *out, const char *calendar_name, const CalendarEvent *events, size_t count) {
    StringBuffer line = {0};
    buffer_append_cstring(out, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//referat//referat//NB\r\n"
                               "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n");
    write_property(out, &line, "X-WR-CALNAME", calendar_name);
    write_raw_property(out, &line, "X-WR-TIMEZONE:", "Europe/Oslo");
    buffer_append_cstring(out, oslo_time_zone);
    for (size_t i = 0; i < count; i++)
        write_event(out, &line, &events[i]);
    buffer_append_cstring(out, "END:VCALENDAR\r\n");
    buffer_free(&line);
}
