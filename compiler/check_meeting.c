/* check_meeting: checks that need one meeting (and, for duplicates, its
 * body's other meetings), and check_project, which runs every check: the
 * per-meeting ones on the worker threads, the cross-meeting ones on the
 * calling thread. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "memory.h"
#include "project_index.h"
#include "values.h"
#include "workers.h"

static void check_case_date(Diagnostics *diagnostics, const Meeting *meeting, const Case *c) {
    for (const CaseField *field = c->fields; field; field = field->next) {
        if (field->concept != KEYWORD_FIELD_MEETING_DATE)
            continue;
        Date date;
        int year = meeting->date.year ? meeting->date.year : CASE_NUMBER_YEARS_IN_2000S;
        ValueStatus status = date_parse_any(field->value, year, &date);
        if (status != VALUE_OK) {
            diag_report(diagnostics, DIAG_E_DATE, field->value_span, "'%.*s' is %s (write DD.MM.YYYY)",
                        (int)field->value.length, field->value.data,
                        status == VALUE_MALFORMED ? "not a date" : "not a date in the calendar");
            continue;
        }
        if (date_valid(meeting->date) && date_compare(date, meeting->date) != 0) {
            Diagnostic *d = diag_report(diagnostics, DIAG_E_CASE_DATE, field->value_span,
                                        "the case's meeting date %02d.%02d.%04d is not the meeting's date %02d.%02d.%04d",
                                        date.day, date.month, date.year, meeting->date.day, meeting->date.month,
                                        meeting->date.year);
            diag_note(diagnostics, d, meeting->date_span, "the meeting's date is given here");
            char suggestion[16];
            snprintf(suggestion, sizeof suggestion, "%02d.%02d.%04d", meeting->date.day, meeting->date.month,
                     meeting->date.year);
            diag_suggest(diagnostics, d, suggestion);
        }
    }
}

static const char *case_type_letter(CaseType type) {
    switch (type) {
    case CASE_TYPE_B: return " (B)";
    case CASE_TYPE_O: return " (O)";
    case CASE_TYPE_R: return " (R)";
    default: return "";
    }
}

static void check_parts(Diagnostics *diagnostics, const Meeting *meeting, const Case *c) {
    /* Formatted only for a diagnostic: this runs for every case at every check. */
    char number[32];
    if (meeting->kind == MEETING_NOTICE) {
        if (c->decision) {
            case_number_format(c->number, c->number.form, number, sizeof number);
            Diagnostic *d = diag_report(diagnostics, DIAG_E_NOTICE_DECISION, c->decision->heading_span,
                                        "a notice (kind: notice) has no decisions; case %s has one", number);
            diag_note(diagnostics, d, c->span, "in this case; write the draft decision as a proposal");
        }
        return;
    }
    if (c->decision)
        return;
    case_number_format(c->number, c->number.form, number, sizeof number);
    if (c->type == CASE_TYPE_B)
        diag_report(diagnostics, DIAG_E_DECISION_MISSING, c->span, "case %s%s is a decision case but has no decision",
                    number, case_type_letter(c->type));
    else
        diag_report(diagnostics, DIAG_W_DECISION_MISSING, c->span, "case %s%s has no decision", number,
                    case_type_letter(c->type));
}

/* A notice kept beside the minutes of the same meeting is superseded by
 * them (project_index.c marks it): it leaves numbering, references and the
 * site, and is compared with the minutes (W-NOTICE-MISMATCH: a case
 * dropped, or its title changed). */
static void compare_superseded_notices(Diagnostics *diagnostics, const Project *project) {
    for (size_t i = 0; i < project->meeting_count; i++) {
        const Meeting *notice = project->meetings[i], *minutes = notice->superseded_by;
        if (!minutes)
            continue;
        for (size_t n = 0; n < notice->case_count; n++) {
            const Case *proposed = notice->cases[n];
            if (!proposed->number.valid)
                continue;
            const Case *held = NULL;
            for (size_t m = 0; m < minutes->case_count; m++)
                if (minutes->cases[m]->number.valid && minutes->cases[m]->number.number == proposed->number.number &&
                    minutes->cases[m]->number.year == proposed->number.year)
                    held = minutes->cases[m];
            char number[32];
            case_number_format(proposed->number, notice->body->numbering, number, sizeof number);
            if (!held) {
                Diagnostic *d = diag_report(diagnostics, DIAG_W_NOTICE_MISMATCH, proposed->span,
                                            "case %s of the notice is not in the minutes", number);
                diag_note(diagnostics, d, minutes->date_span, "the minutes of the meeting are %s", minutes->file->path);
            } else if (!slice_equal(held->title, proposed->title)) {
                Diagnostic *d = diag_report(diagnostics, DIAG_W_NOTICE_MISMATCH, held->title_span,
                                            "case %s is titled differently in the minutes than in the notice", number);
                diag_note(diagnostics, d, proposed->title_span, "the notice's title: %.*s", (int)proposed->title.length,
                          proposed->title.data);
            }
        }
    }
}

void check_duplicate_meetings(Diagnostics *diagnostics, const Project *project) {
    Meeting *const *sorted = project->index->meetings;
    for (size_t i = 1; i < project->index->meeting_count; i++) {
        const Meeting *previous = sorted[i - 1], *meeting = sorted[i];
        if (meeting->body == previous->body && date_compare(meeting->date, previous->date) == 0) {
            Diagnostic *d = diag_report(diagnostics, DIAG_E_MEETING_DUP, meeting->date_span,
                                        "a second meeting of %s on %02d.%02d.%04d", meeting->body->short_name.data,
                                        meeting->date.day, meeting->date.month, meeting->date.year);
            diag_note(diagnostics, d, previous->date_span, "the first meeting of that date is %s",
                      previous->file->path);
        }
    }
}

void check_meeting(Diagnostics *diagnostics, const Meeting *meeting) {
    for (size_t i = 0; i < meeting->case_count; i++) {
        const Case *c = meeting->cases[i];
        check_case_date(diagnostics, meeting, c);
        /* Whether a decision is required depends on the kind: unknown
         * when the front matter could not be read. */
        if (c->heading_valid && meeting->front_matter_read)
            check_parts(diagnostics, meeting, c);
    }
}

static void forget_references(CaseRef *reference) {
    for (; reference; reference = reference->next) {
        reference->body = NULL;
        reference->target = NULL;
    }
}

void check_forget(Project *project) {
    for (size_t k = 0; k < project->meeting_count; k++) {
        Meeting *m = project->meetings[k];
        forget_references(m->references);
        forget_references(m->approved_in);
        for (size_t i = 0; i < m->guests.count; i++)
            forget_references(m->guests.items[i].cases);
        for (size_t i = 0; i < m->case_count; i++) {
            Case *c = m->cases[i];
            forget_references(c->follows_up);
            c->followed_up_by = NULL;
            c->approves = NULL;
            c->attendance_unsure = false;
            memset(&c->quorum, 0, sizeof c->quorum);
            for (StandIn *s = c->stand_ins; s; s = s->next) {
                s->counted = false;
                s->party = slice_make("", 0);
            }
        }
        for (size_t i = 0; i < m->present.count; i++) {
            Person *p = &m->present.items[i];
            p->voting = false;
            p->counted_party = slice_make("", 0);
            p->arrived_at = p->left_at = 0;
        }
    }
}

/* The per-meeting checks read their own meeting, the rosters and the
 * configuration, and write only their own meeting's AST: meetings are
 * shared out to the workers. Each meeting's diagnostics of each check are
 * listed apart and joined afterwards in the order one thread reported them
 * (check by check, meetings in path order), so that the report sequence,
 * diag_sort's last key, and so the output, do not depend on -j. */
enum { CHECK_MEETING, CHECK_ATTENDANCE, CHECK_VOTES, PER_MEETING_CHECKS };

typedef struct {
    const Project *project;
    NameSet *const *rosters;
    Diagnostics *lists; /* PER_MEETING_CHECKS per meeting */
} MeetingChecks;

static void check_one_meeting(Worker *worker, size_t index, void *shared) {
    MeetingChecks *checks = shared;
    Meeting *meeting = checks->project->meetings[index];
    Diagnostics *lists = &checks->lists[index * PER_MEETING_CHECKS];
    for (int k = 0; k < PER_MEETING_CHECKS; k++)
        diag_init(&lists[k], &worker->arena);
    check_meeting(&lists[CHECK_MEETING], meeting);
    /* Votes are counted against the attendance this resolved. */
    check_attendance(&lists[CHECK_ATTENDANCE], &worker->scratch, checks->project, checks->rosters, meeting);
    check_votes(&lists[CHECK_VOTES], &worker->scratch, meeting, checks->project->language);
}

void check_project(Arena *arena, Diagnostics *diagnostics, Project *project, unsigned jobs) {
    project_index_build(arena, project);
    compare_superseded_notices(diagnostics, project);
    /* Reported after every meeting's own checks, before attendance. */
    Diagnostics across;
    diag_init(&across, arena);
    check_duplicate_meetings(&across, project);
    check_numbering(&across, project);
    check_references(&across, project);

    size_t count = project->meeting_count;
    MeetingChecks checks = {project, attendance_rosters(arena, project),
                            xcalloc(count * PER_MEETING_CHECKS + 1, sizeof *checks.lists)};
    WorkerJob job = {NULL, check_one_meeting, &checks};
    workers_run(arena, diagnostics, jobs, count, &job);
    for (size_t m = 0; m < count; m++)
        diag_adopt(diagnostics, &checks.lists[m * PER_MEETING_CHECKS + CHECK_MEETING]);
    diag_adopt(diagnostics, &across);
    for (int k = CHECK_ATTENDANCE; k < PER_MEETING_CHECKS; k++)
        for (size_t m = 0; m < count; m++)
            diag_adopt(diagnostics, &checks.lists[m * PER_MEETING_CHECKS + k]);
    free(checks.lists);
}
