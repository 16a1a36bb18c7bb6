/* emit_calendar: meetings as an iCalendar file (RFC 5545), for a body's
 * moter.ics and the site's. A serializer only: the events it is handed are
 * already the public view (the build driver fills them from the
 * presentation layer), so nothing here decides what is published. */
#ifndef REFERAT_EMIT_CALENDAR_H
#define REFERAT_EMIT_CALENDAR_H

#include "ast.h"
#include "buffer.h"

typedef struct {
    const char *uid;         /* stable across builds, e.g. "ssu-2025-01-22@example.org" */
    Date date;
    TimeRange time;          /* not present: an all-day event */
    Date stamp;              /* DTSTAMP: from the meeting's data, never the clock */
    const char *summary;     /* "SSU-møte" */
    const char *location;    /* NULL or "" = none */
    const char *url;         /* NULL or "" = none (no site.base_url) */
    const char *description; /* plain text, lines separated by '\n' */
} CalendarEvent;

/* Appends one VCALENDAR holding the events, with the Europe/Oslo time zone
 * they are written in; CRLF line ends, lines folded at 75 octets without
 * splitting a UTF-8 character. */
void calendar_write(StringBuffer *out, const char *calendar_name, const CalendarEvent *events, size_t count);

#endif
