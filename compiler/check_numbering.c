/* check_numbering: case numbers per body and numbering year, over the whole
 * project, with meetings in date order (spec §3, Numbering). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memory.h"
#include "check.h"
#include "limits.h"
#include "project_index.h"
#include "values.h"

typedef struct {
    const Body *body;
    int year;
    const Case *first_use[LIMIT_CASES_PER_MEETING + 1];
    int highest;                  /* highest number of the meetings before */
    const Case *highest_case;
    const Meeting *last_meeting;
} YearState;

typedef struct {
    YearState **items;
    size_t count, capacity;
} YearStates;

static YearState *year_state(YearStates *states, const Body *body, int year) {
    for (size_t i = 0; i < states->count; i++) {
        if (states->items[i]->body == body && states->items[i]->year == year)
            return states->items[i];
    }
    if (states->count == states->capacity) {
        states->capacity = states->capacity ? states->capacity * 2 : 16;
        states->items = xrealloc(states->items, states->capacity * sizeof *states->items);
    }
    YearState *state = xcalloc(1, sizeof *state);
    state->body = body;
    state->year = year;
    states->items[states->count++] = state;
    return state;
}

static void format_number(const Case *c, char *out, size_t capacity) {
    case_number_format(c->number, c->meeting->body ? c->meeting->body->numbering : c->number.form, out, capacity);
}

static void format_plain(const Body *body, int number, int year, char *out, size_t capacity) {
    CaseNumber n;
    memset(&n, 0, sizeof n);
    n.number = number;
    n.year = year;
    case_number_format(n, body->numbering, out, capacity);
}

static void format_date(Date date, char *out, size_t capacity) {
    snprintf(out, capacity, "%02d.%02d.%04d", date.day, date.month, date.year);
}

static bool archive_starts_at(const Body *body, int year, int number) {
    return body->archive_from.valid && body->archive_from.year == year && number <= body->archive_from.number;
}

/* The numbers of one meeting, in document order. A case whose number is
 * wrong (duplicate, out of order, wrong year) still stands in for the number
 * it should have had, the one after the case before it, so that one slip is
 * one diagnostic and not a cascade of gaps after it. */
static void check_meeting_numbers(Diagnostics *diagnostics, YearStates *states, const Meeting *meeting) {
    const Body *body = meeting->body;
    YearState *state = year_state(states, body, meeting->date.year);
    int previous = 0, first = 0, highest = 0;
    const Case *previous_case = NULL, *first_case = NULL, *highest_case = NULL;
    /* After a wrong number the next case may take the slot the wrong one
     * should have had (it was spurious) or the one after (it was a typo). */
    bool previous_wrong = false;
    char number[32], other[32], date[16];
    for (size_t i = 0; i < meeting->case_count; i++) {
        const Case *c = meeting->cases[i];
        if (!c->number.valid)
            continue;
        int n = c->number.number;
        bool genuine = false;
        /* The number as written is formatted only for a diagnostic: this
         * loop runs over every case of the project at every check. */
        if (c->number.year != meeting->date.year) {
            format_number(c, number, sizeof number);
            Diagnostic *d = diag_report(diagnostics, DIAG_E_NUM_YEAR, c->number.span,
                                        "case %s is numbered in %d, but the meeting is in %d", number, c->number.year,
                                        meeting->date.year);
            diag_note(diagnostics, d, meeting->date_span, "the meeting's date");
            format_plain(body, n, meeting->date.year, other, sizeof other);
            diag_suggest(diagnostics, d, other);
        } else if (state->first_use[n]) {
            const Case *first_use = state->first_use[n];
            format_number(c, number, sizeof number);
            Diagnostic *d = diag_report(diagnostics, DIAG_E_NUM_DUP, c->number.span, "case number %s is used twice",
                                        number);
            format_date(first_use->meeting->date, date, sizeof date);
            diag_note(diagnostics, d, first_use->number.span, "%s first used here (%s, %.*s)", number, date,
                      (int)first_use->title.length, first_use->title.data);
        } else {
            state->first_use[n] = c;
            if (previous_case && n <= previous && !(previous_wrong && n == previous)) {
                format_number(c, number, sizeof number);
                format_plain(body, previous, meeting->date.year, other, sizeof other);
                Diagnostic *d = diag_report(diagnostics, DIAG_E_NUM_ORDER, c->number.span,
                                            "case %s comes after %s; numbers in a meeting increase", number, other);
                diag_note(diagnostics, d, previous_case->number.span, "the case before it");
            } else if (!previous_case && state->highest_case && n <= state->highest) {
                format_number(c, number, sizeof number);
                format_number(state->highest_case, other, sizeof other);
                format_date(state->highest_case->meeting->date, date, sizeof date);
                Diagnostic *d = diag_report(diagnostics, DIAG_E_NUM_ORDER, c->number.span,
                                            "case %s is not above %s, already used by the meeting of %s", number, other,
                                            date);
                diag_note(diagnostics, d, state->highest_case->number.span, "%s is here", other);
            } else {
                genuine = true;
                if (previous_case && n > previous + 1) {
                    format_number(c, number, sizeof number);
                    format_plain(body, previous, meeting->date.year, other, sizeof other);
                    char missing[32];
                    format_plain(body, previous + 1, meeting->date.year, missing, sizeof missing);
                    Diagnostic *d = diag_report(diagnostics, DIAG_E_NUM_GAP, c->number.span,
                                                n == previous + 2 ? "case %s follows %s: %s is missing"
                                                                  : "case %s follows %s: %s and later numbers are missing",
                                                number, other, missing);
                    diag_note(diagnostics, d, previous_case->number.span, "the case before it");
                    diag_suggest(diagnostics, d, missing);
                }
            }
        }
        int effective = genuine ? n
                        : previous_case ? previous + 1
                        : state->highest_case ? state->highest + 1
                                              : 1;
        if (!first_case) {
            first = effective;
            first_case = c;
        }
        previous = effective;
        previous_case = c;
        previous_wrong = !genuine;
        if (effective > highest) {
            highest = effective;
            highest_case = c;
        }
    }
    if (!first_case)
        return;
    format_number(first_case, number, sizeof number);
    if (state->last_meeting && state->highest_case && first > state->highest + 1) {
        format_number(state->highest_case, other, sizeof other);
        format_date(state->last_meeting->date, date, sizeof date);
        Diagnostic *d = diag_report(diagnostics, DIAG_W_NUM_GAP, first_case->number.span,
                                    "this meeting starts at %s, but the meeting of %s ended at %s", number, date,
                                    other);
        diag_note(diagnostics, d, state->highest_case->number.span, "%s is here", other);
    } else if (!state->last_meeting && body->archive_from.valid && body->archive_from.year == state->year &&
               first < body->archive_from.number) {
        /* archive_from says the project starts mid-year: a case below it
         * is a number used before referat took over (or archive_from is
         * wrong), which `referat new` would never have written. */
        format_plain(body, body->archive_from.number, state->year, other, sizeof other);
        Diagnostic *d = diag_report(diagnostics, DIAG_E_NUM_ORDER, first_case->number.span,
                                    "case %s is below %s, where the archive of %s starts", number, other,
                                    body->short_name.data);
        diag_note(diagnostics, d, body->archive_from.span, "archive_from is here");
        diag_suggest(diagnostics, d, other);
    } else if (!state->last_meeting && first > 1 && !archive_starts_at(body, state->year, first)) {
        format_plain(body, 1, state->year, other, sizeof other);
        Diagnostic *d = diag_report(diagnostics, DIAG_W_NUM_GAP, first_case->number.span,
                                    "the first meeting of %s in %d starts at %s, not %s", body->short_name.data,
                                    state->year, number, other);
        if (body->archive_from.valid)
            diag_note(diagnostics, d, body->archive_from.span, "the archive of %s starts here",
                      body->short_name.data);
        else if (body->span.file)
            diag_note(diagnostics, d, body->span,
                      "if earlier cases are not in the project, say where it starts with archive_from: %s", number);
    }
    if (highest > state->highest) {
        state->highest = highest;
        state->highest_case = highest_case;
    }
    state->last_meeting = meeting;
}

void check_numbering(Diagnostics *diagnostics, Project *project) {
    YearStates states = {0};
    for (size_t m = 0; m < project->index->meeting_count; m++)
        check_meeting_numbers(diagnostics, &states, project->index->meetings[m]);
    for (size_t i = 0; i < states.count; i++)
        free(states.items[i]);
    free(states.items);
}
