/* check_attendance: who was there, who stood in for whom, and whether the
 * body could decide when it decided (spec §3, Attendance and quorum). The
 * quorum at every case is stored on the case for the emitters. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memory.h"
#include "check.h"
#include "limits.h"
#include "names.h"
#include "values.h"

/* One meeting's attendance check. Every lookup by name goes through a
 * NameSet (names.c): with rosters and lists of thousands, comparing each
 * name with each was the slowest part of check. */
typedef struct {
    Diagnostics *diagnostics;
    Arena *scratch;         /* what lives only while the meeting is checked: sets, lists */
    Meeting *meeting;
    Language language;
    const Body *body;
    const NameSet *members; /* the roster: name → index in body->members */
    Slice *active_names;    /* roster members whose period covers the date */
    size_t active_count;
    NameSet *selves;        /* present and advisory entries as themselves → index in present, then advisory */
    NameSet *present;       /* present entries' names → index in present */
    NameSet *accounted;     /* names and deputies' members in present, advisory, absent */
    size_t suggestions;     /* did-you-mean searches made, at most LIMIT_SUGGESTIONS_PER_MEETING */
    NameSet *others;        /* observers and guests → index in observers, then guests */
    NameSet *case_recusals; /* the case being counted: its disqualified → index in recusal_list */
    const Recusal **recusal_list;
} AttendanceCheck;

static bool member_active(const Member *member, Date date) {
    if (member->from.year && date_compare(date, member->from) < 0)
        return false;
    if (member->to.year && date_compare(date, member->to) > 0)
        return false;
    return true;
}

static const Member *member_named(const AttendanceCheck *check, Slice name) {
    long index = name_set_find(check->members, name);
    return index >= 0 ? &check->body->members[index] : NULL;
}

/* Did-you-mean costs a comparison with every candidate: it is searched for
 * a bounded number of names per meeting, so that a list of unknown names
 * stays linear to check (each is still reported). */
static long bounded_suggest(AttendanceCheck *check, Slice name, const Slice *candidates, size_t count) {
    if (check->suggestions >= LIMIT_SUGGESTIONS_PER_MEETING)
        return -1;
    check->suggestions++;
    return name_suggest(name, candidates, count);
}

static void suggest_name(AttendanceCheck *check, Diagnostic *d, Slice name, const Slice *candidates, size_t count) {
    long index = bounded_suggest(check, name, candidates, count);
    if (index >= 0) {
        char *text = arena_strndup(check->scratch, candidates[index].data, candidates[index].length);
        diag_suggest(check->diagnostics, d, text);
    }
}

static void format_date(Date date, char *out, size_t capacity) {
    snprintf(out, capacity, "%02d.%02d.%04d", date.day, date.month, date.year);
}

/* A name that must be a member on the meeting date (E-PERSON-UNKNOWN). */
static const Member *require_member(AttendanceCheck *check, Slice name, Span span, const char *what) {
    const Member *member = member_named(check, name);
    char date[16];
    format_date(check->meeting->date, date, sizeof date);
    if (member && member_active(member, check->meeting->date))
        return member;
    if (member) {
        Diagnostic *d = diag_report(check->diagnostics, DIAG_E_PERSON_UNKNOWN, span,
                                    "%s%.*s was not a member of %s on %s", what, (int)name.length, name.data,
                                    check->body->short_name.data, date);
        diag_note(check->diagnostics, d, member->span, "the membership period is given here");
        return NULL;
    }
    Diagnostic *d = diag_report(check->diagnostics, DIAG_E_PERSON_UNKNOWN, span, "%s%.*s is not in the roster of %s",
                                what, (int)name.length, name.data, check->body->short_name.data);
    suggest_name(check, d, name, check->active_names, check->active_count);
    return NULL;
}

typedef struct {
    const Person *person;
    const char *list;
} ListedPerson;

static size_t collect_people(const Meeting *m, ListedPerson *out) {
    const struct {
        const PersonList *list;
        const char *name;
    } lists[] = {{&m->present, "present"},     {&m->advisory, "advisory"}, {&m->secretariat, "secretariat"},
                 {&m->observers, "observers"}, {&m->guests, "guests"},     {&m->absent, "absent"}};
    size_t n = 0;
    for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++) {
        for (size_t i = 0; i < lists[l].list->count; i++) {
            out[n].person = &lists[l].list->items[i];
            out[n].list = lists[l].name;
            n++;
        }
    }
    return n;
}

static void check_duplicates(AttendanceCheck *check) {
    const Meeting *m = check->meeting;
    size_t total = m->present.count + m->advisory.count + m->secretariat.count + m->observers.count +
                   m->guests.count + m->absent.count;
    ListedPerson *people = xmalloc((total + 1) * sizeof *people);
    size_t n = collect_people(m, people);
    NameSet *seen = name_set_new(check->scratch, n);
    for (size_t i = 0; i < n; i++) {
        long j = name_set_add(seen, people[i].person->name, (long)i);
        if (j < 0)
            continue;
        Slice name = people[i].person->name;
        Diagnostic *d = diag_report(check->diagnostics, DIAG_E_PERSON_DUP, people[i].person->span,
                                    "%.*s is listed twice (in %s and in %s)", (int)name.length, name.data, people[j].list,
                                    people[i].list);
        diag_note(check->diagnostics, d, people[j].person->span, "first listed here");
    }
    free(people);
}

/* A name listed in present or advisory (as themselves or as a deputy). */
static const Person *attending_as_self(const AttendanceCheck *check, Slice name) {
    const Meeting *m = check->meeting;
    long index = name_set_find(check->selves, name);
    if (index < 0)
        return NULL;
    return (size_t)index < m->present.count ? &m->present.items[index]
                                            : &m->advisory.items[(size_t)index - m->present.count];
}

static void check_roster(AttendanceCheck *check) {
    Meeting *m = check->meeting;
    const PersonList *required[] = {&m->present, &m->advisory, &m->absent};
    for (size_t l = 0; l < 3; l++) {
        for (size_t i = 0; i < required[l]->count; i++) {
            const Person *p = &required[l]->items[i];
            if (p->deputy_for.length == 0)
                require_member(check, p->name, p->span, "");
            else
                require_member(check, p->deputy_for, p->deputy_for_span, "the deputy's member ");
        }
    }
    if (m->chair.length)
        require_member(check, m->chair, m->chair_span, "the chair, ");
}

static void check_deputies(AttendanceCheck *check) {
    Meeting *m = check->meeting;
    const PersonList *lists[] = {&m->present, &m->advisory};
    NameSet *deputies = name_set_new(check->scratch, m->present.count + m->advisory.count);
    for (size_t l = 0; l < 2; l++) {
        for (size_t i = 0; i < lists[l]->count; i++) {
            const Person *p = &lists[l]->items[i];
            if (p->deputy_for.length == 0)
                continue;
            const Person *target = attending_as_self(check, p->deputy_for);
            if (target) {
                Diagnostic *d = diag_report(check->diagnostics, DIAG_E_DEPUTY, p->deputy_for_span,
                                            "%.*s is a deputy for %.*s, who is present", (int)p->name.length,
                                            p->name.data, (int)p->deputy_for.length, p->deputy_for.data);
                diag_note(check->diagnostics, d, target->span, "%.*s is listed here", (int)target->name.length,
                          target->name.data);
            }
            /* Two deputies for one member (in present or advisory). */
            long first = name_set_add(deputies, p->deputy_for, (long)(l * m->present.count + i));
            if (first >= 0) {
                const Person *q = (size_t)first < m->present.count
                                      ? &m->present.items[first]
                                      : &m->advisory.items[(size_t)first - m->present.count];
                Diagnostic *d = diag_report(check->diagnostics, DIAG_E_DEPUTY, p->deputy_for_span,
                                            "%.*s has two deputies, %.*s and %.*s", (int)p->deputy_for.length,
                                            p->deputy_for.data, (int)q->name.length, q->name.data, (int)p->name.length,
                                            p->name.data);
                diag_note(check->diagnostics, d, q->deputy_for_span, "the first deputy is here");
            }
            if (!check->body->has_roster)
                continue;
            const Member *member = member_named(check, p->deputy_for);
            if (!member)
                continue;
            if (l == 0 && !member->vote)
                diag_report(check->diagnostics, DIAG_E_DEPUTY, p->deputy_for_span,
                            "%.*s is in 'present' (voting) as deputy for %.*s, who has no vote; list the deputy under 'advisory'",
                            (int)p->name.length, p->name.data, (int)p->deputy_for.length, p->deputy_for.data);
            else if (l == 1 && member->vote)
                diag_report(check->diagnostics, DIAG_E_DEPUTY, p->deputy_for_span,
                            "%.*s is in 'advisory' as deputy for %.*s, a voting member; list the deputy under 'present'",
                            (int)p->name.length, p->name.data, (int)p->deputy_for.length, p->deputy_for.data);
        }
    }
}

/* The member a present entry stands for: the member acted for, or itself. */
static Slice represented(const Person *person) {
    return person->deputy_for.length ? person->deputy_for : person->name;
}

/* The active members that a listed name outside the roster clearly
 * misspells (reported as E-PERSON-UNKNOWN with the suggestion): they are
 * not unaccounted for. Marks misspelt[i] for active_names[i]. */
static void mark_misspelt(AttendanceCheck *check, bool *misspelt) {
    const Meeting *m = check->meeting;
    const PersonList *lists[] = {&m->present, &m->advisory, &m->absent};
    for (size_t l = 0; l < 3; l++) {
        for (size_t i = 0; i < lists[l]->count; i++) {
            Slice name = represented(&lists[l]->items[i]);
            if (member_named(check, name))
                continue;
            long index = bounded_suggest(check, name, check->active_names, check->active_count);
            if (index >= 0)
                misspelt[index] = true;
        }
    }
}

static void check_unaccounted(AttendanceCheck *check) {
    const Body *body = check->body;
    bool *misspelt = arena_alloc_array(check->scratch, check->active_count + 1, sizeof *misspelt);
    mark_misspelt(check, misspelt);
    size_t active = 0;
    for (size_t i = 0; i < body->member_count; i++) {
        const Member *member = &body->members[i];
        if (!member_active(member, check->meeting->date))
            continue;
        bool misspelt_here = misspelt[active++];
        if (!member->vote || name_set_find(check->accounted, member->name) >= 0 || misspelt_here)
            continue;
        Diagnostic *d = diag_report(check->diagnostics, DIAG_W_MEMBER_UNACCOUNTED, check->meeting->body_span,
                                    "voting member %.*s is neither present, represented by a deputy, nor absent",
                                    (int)member->name.length, member->name.data);
        diag_note(check->diagnostics, d, member->span, "%.*s is in the roster here", (int)member->name.length,
                  member->name.data);
    }
}

static Slice *present_names(const Meeting *m, Arena *arena, size_t *count) {
    size_t n = m->present.count + m->advisory.count;
    Slice *names = arena_alloc_array(arena, n + 1, sizeof *names);
    for (size_t i = 0; i < m->present.count; i++)
        names[i] = m->present.items[i].name;
    for (size_t i = 0; i < m->advisory.count; i++)
        names[m->present.count + i] = m->advisory.items[i].name;
    *count = n;
    return names;
}

static void check_chair(AttendanceCheck *check) {
    Meeting *m = check->meeting;
    if (m->chair.length == 0 || attending_as_self(check, m->chair))
        return;
    Diagnostic *d = diag_report(check->diagnostics, DIAG_E_CHAIR, m->chair_span,
                                "the chair, %.*s, is not listed in 'present' or 'advisory'", (int)m->chair.length,
                                m->chair.data);
    size_t count;
    Slice *names = present_names(m, check->scratch, &count);
    suggest_name(check, d, m->chair, names, count);
}

static long case_index_of(const Meeting *m, CaseNumber number) {
    for (size_t i = 0; i < m->case_count; i++) {
        const Case *c = m->cases[i];
        if (c->number.valid && c->number.number == number.number && c->number.year == number.year)
            return (long)i;
    }
    return -1;
}

static void format_case(const CaseNumber *number, char *out, size_t capacity) {
    case_number_format(*number, number->form, out, capacity);
}

/* Validates left/arrived and fills, per present entry, the case index it
 * left before (case_count = stayed) and arrived at (0 = from the start). */
static void check_movements(AttendanceCheck *check, long *left_at, long *arrived_at,
                            const Movement **left_by, const Movement **arrived_by) {
    Meeting *m = check->meeting;
    for (size_t i = 0; i < m->present.count; i++) {
        left_at[i] = (long)m->case_count;
        arrived_at[i] = 0;
        left_by[i] = arrived_by[i] = NULL;
    }
    size_t count;
    Slice *names = present_names(m, check->scratch, &count);
    count = m->present.count; /* movements are of voting members */
    for (size_t k = 0; k < m->movement_count; k++) {
        const Movement *movement = &m->movements[k];
        const char *verb = movement->kind == MOVEMENT_LEFT ? "left" : "arrived";
        char number[32];
        format_case(&movement->before, number, sizeof number);
        long at_case = case_index_of(m, movement->before);
        if (at_case < 0) {
            diag_report(check->diagnostics, DIAG_E_MOVEMENT, movement->before.span,
                        "'%s' names case %s, which is not a case of this meeting", verb, number);
            continue;
        }
        if (movement->at.present && m->time.present && m->time.end_minute >= 0 &&
            (movement->at.start_minute < m->time.start_minute || movement->at.start_minute > m->time.end_minute))
            diag_report(check->diagnostics, DIAG_E_MOVEMENT, movement->at_span,
                        "'at' %02d:%02d is outside the meeting's time %02d:%02d-%02d:%02d",
                        movement->at.start_minute / 60, movement->at.start_minute % 60, m->time.start_minute / 60,
                        m->time.start_minute % 60, m->time.end_minute / 60, m->time.end_minute % 60);
        for (size_t n = 0; n < movement->name_count; n++) {
            Slice name = movement->names[n];
            long person = name_set_find(check->present, name);
            if (person < 0) {
                Diagnostic *d = diag_report(check->diagnostics, DIAG_E_MOVEMENT, movement->name_spans[n],
                                            "%.*s %s, but is not listed in 'present'", (int)name.length, name.data,
                                            verb);
                suggest_name(check, d, name, names, count);
                continue;
            }
            const Movement **earlier = movement->kind == MOVEMENT_LEFT ? &left_by[person] : &arrived_by[person];
            if (*earlier) {
                Diagnostic *d = diag_report(check->diagnostics, DIAG_E_MOVEMENT, movement->name_spans[n],
                                            "%.*s %s twice", (int)name.length, name.data, verb);
                diag_note(check->diagnostics, d, (*earlier)->span, "the first time is here");
                continue;
            }
            *earlier = movement;
            if (movement->kind == MOVEMENT_LEFT)
                left_at[person] = at_case;
            else
                arrived_at[person] = at_case;
            if (left_by[person] && arrived_by[person] && arrived_at[person] >= left_at[person]) {
                Diagnostic *d = diag_report(check->diagnostics, DIAG_E_MOVEMENT, movement->name_spans[n],
                                            "%.*s arrives after leaving", (int)name.length, name.data);
                diag_note(check->diagnostics, d, left_by[person]->span, "left here");
                arrived_at[person] = 0;
            }
        }
    }
}

static void check_guest_cases(AttendanceCheck *check) {
    Meeting *m = check->meeting;
    for (size_t i = 0; i < m->guests.count; i++) {
        for (const CaseRef *reference = m->guests.items[i].cases; reference; reference = reference->next) {
            if (case_index_of(m, reference->number) >= 0)
                continue;
            char number[32];
            format_case(&reference->number, number, sizeof number);
            diag_report(check->diagnostics, DIAG_E_GUEST_CASE, reference->span,
                        "guest %.*s attended case %s, which is not a case of this meeting",
                        (int)m->guests.items[i].name.length, m->guests.items[i].name.data, number);
        }
    }
}

/* The party a present entry counts for: its own, or for a deputy that of the
 * member they act for, or the roster's. */
static Slice party_of(const AttendanceCheck *check, const Person *person) {
    if (person->party.length)
        return person->party;
    const Member *member = member_named(check, represented(person));
    return member ? member->party : slice_make("", 0);
}

/* Whether present entry p counts as a voting member present: the first entry
 * for the member it represents (a second is an E-DEPUTY or E-PERSON-DUP
 * already; `represented` holds the first of each), and not a roster member
 * without a vote or out of period. */
static bool counts_as_voting(const AttendanceCheck *check, NameSet *represented_set, size_t p) {
    const Meeting *m = check->meeting;
    Slice key = represented(&m->present.items[p]);
    if (name_set_add(represented_set, key, (long)p) >= 0)
        return false;
    if (!check->body->has_roster)
        return true;
    const Member *member = member_named(check, key);
    return !member || (member->vote && member_active(member, m->date));
}

static int voting_seats(const Body *body, Date date) {
    if (body->seats > 0)
        return body->seats;
    int seats = 0;
    for (size_t i = 0; i < body->member_count; i++)
        seats += body->members[i].vote && member_active(&body->members[i], date);
    return seats;
}

/* ---- recusal and stand-ins: who leaves and who takes the seat at a case -- */

/* The present entry named `name` (as themselves) attending case c as a
 * voting member, or -1. */
static long voting_entry_at(const AttendanceCheck *check, Slice name, size_t c) {
    const Meeting *m = check->meeting;
    long p = name_set_find(check->present, name);
    if (p < 0)
        return -1;
    const Person *person = &m->present.items[p];
    return person->voting && person->arrived_at <= (long)c && (long)c < person->left_at ? p : -1;
}

/* Someone listed at the meeting who can take a seat for a case: in
 * present or advisory, an observer, or a guest (of this case, if the guest
 * has `cases:`). */
static const Person *listed_attending(const AttendanceCheck *check, Slice name, const Case *c, bool *in_present) {
    const Meeting *m = check->meeting;
    const Person *person = attending_as_self(check, name);
    if (person) {
        *in_present = person >= m->present.items && person < m->present.items + m->present.count;
        return person;
    }
    long index = name_set_find(check->others, name);
    if (index < 0)
        return NULL;
    *in_present = false;
    if ((size_t)index < m->observers.count)
        return &m->observers.items[index];
    person = &m->guests.items[(size_t)index - m->observers.count];
    if (!person->cases)
        return person;
    for (const CaseRef *r = person->cases; r; r = r->next)
        if (r->number.number == c->number.number && r->number.year == c->number.year)
            return person;
    return NULL;
}

/* Whether the roster makes `deputy` a deputy of `member`: a personal deputy
 * (`deputies:`), or a party deputy (`deputy: true`) of the member's party.
 * A roster that names no deputies at all is not asked (*known = false). */
static bool roster_deputy_of(const AttendanceCheck *check, Slice deputy, const Member *member, bool *known) {
    const Body *body = check->body;
    *known = false;
    for (size_t i = 0; i < body->member_count && !*known; i++)
        *known = body->members[i].deputy || body->members[i].deputy_count > 0;
    if (!*known || !member)
        return true;
    for (size_t i = 0; i < member->deputy_count; i++)
        if (slice_equal_fold(member->deputies[i], deputy))
            return true;
    const Member *entry = member_named(check, deputy);
    return entry && entry->deputy && member->party.length && slice_equal_fold(entry->party, member->party);
}

/* The case's first recusal of `name`, through the index check_recusals_at
 * made for the case (a case may list many). */
static const Recusal *recusal_named(const AttendanceCheck *check, Slice name) {
    long index = name_set_find(check->case_recusals, name);
    return index >= 0 ? check->recusal_list[index] : NULL;
}

static void index_recusals(AttendanceCheck *check, const Case *c) {
    size_t count = 0;
    for (const Recusal *r = c->recusals; r; r = r->next)
        count++;
    Arena *arena = check->scratch;
    check->case_recusals = name_set_new(arena, count);
    check->recusal_list = arena_alloc_array(arena, count + 1, sizeof *check->recusal_list);
    count = 0;
    for (const Recusal *r = c->recusals; r; r = r->next) {
        if (name_set_add(check->case_recusals, r->name, (long)count) < 0)
            check->recusal_list[count++] = r;
    }
}

/* An E-RECUSAL leaves unclear who voted at the case: its votes are not
 * counted (check_votes), so one slip gives one diagnostic. */
static Diagnostic *recusal_error(AttendanceCheck *check, Case *c, Span span, const char *format, ...)
    __attribute__((format(printf, 4, 5)));
static Diagnostic *recusal_error(AttendanceCheck *check, Case *c, Span span, const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    char message[1024];
    vsnprintf(message, sizeof message, format, arguments);
    va_end(arguments);
    c->attendance_unsure = true;
    return diag_report(check->diagnostics, DIAG_E_RECUSAL, span, "%s", message);
}

static void check_recusals_at(AttendanceCheck *check, Case *c) {
    /* Most cases have none of these: nothing to index, format or check
     * (this runs for every case of the project at every check). */
    if (!c->recusals && !c->case_chair.length && !c->stand_ins)
        return;
    Meeting *m = check->meeting;
    char number[32];
    format_case(&c->number, number, sizeof number);
    index_recusals(check, c);
    for (const Recusal *r = c->recusals; r; r = r->next) {
        if (recusal_named(check, r->name) != r) {
            Diagnostic *d = recusal_error(check, c, r->name_span,
                                        "%.*s is disqualified twice in case %s", (int)r->name.length, r->name.data, number);
            diag_note(check->diagnostics, d, recusal_named(check, r->name)->span, "first here");
            continue;
        }
        const Person *person = attending_as_self(check, r->name);
        if (person && person >= m->present.items && person < m->present.items + m->present.count) {
            long p = person - m->present.items;
            if (voting_entry_at(check, r->name, c->index) != p && person->voting)
                person = NULL; /* left before the case, or came after it */
        }
        if (!person) {
            Diagnostic *d = recusal_error(check, c, r->name_span,
                                        "%.*s is disqualified in case %s, but is not present at it", (int)r->name.length,
                                        r->name.data, number);
            size_t count;
            Slice *names = present_names(m, check->scratch, &count);
            suggest_name(check, d, r->name, names, count);
            continue;
        }
        if (m->chair.length && slice_equal_fold(m->chair, r->name)) {
            if (c->case_chair.length == 0)
                recusal_error(check, c, r->name_span,
                            "%.*s chairs the meeting and is disqualified in case %s; say who chaired the case with '%s:'",
                            (int)r->name.length, r->name.data, number,
                            keyword_spelling(KEYWORD_GROUP_FIELD, KEYWORD_FIELD_CASE_CHAIR, check->language));
        }
    }
    if (c->case_chair.length) {
        if (recusal_named(check, c->case_chair))
            recusal_error(check, c, c->case_chair_span,
                        "%.*s chairs case %s, but is disqualified in it", (int)c->case_chair.length, c->case_chair.data,
                        number);
        else if (!attending_as_self(check, c->case_chair)) {
            Diagnostic *d = recusal_error(check, c, c->case_chair_span,
                                        "%.*s chairs case %s, but is not listed in 'present' or 'advisory'",
                                        (int)c->case_chair.length, c->case_chair.data, number);
            size_t count;
            Slice *names = present_names(m, check->scratch, &count);
            suggest_name(check, d, c->case_chair, names, count);
        }
    }
    for (StandIn *s = c->stand_ins; s; s = s->next) {
        const Recusal *recused = recusal_named(check, s->member);
        if (!recused) {
            recusal_error(check, c, s->member_span,
                        "%.*s steps in for %.*s, who is not disqualified in case %s", (int)s->deputy.length,
                        s->deputy.data, (int)s->member.length, s->member.data, number);
            continue;
        }
        bool in_present = false;
        const Person *deputy = listed_attending(check, s->deputy, c, &in_present);
        if (!deputy) {
            Diagnostic *d = recusal_error(check, c, s->deputy_span,
                                        "%.*s steps in for %.*s in case %s, but is not present (list the deputy under "
                                        "'advisory', 'observers' or 'guests')",
                                        (int)s->deputy.length, s->deputy.data, (int)s->member.length, s->member.data,
                                        number);
            size_t count;
            Slice *names = present_names(m, check->scratch, &count);
            suggest_name(check, d, s->deputy, names, count);
            continue;
        }
        if (in_present) {
            Diagnostic *d = recusal_error(check, c, s->deputy_span,
                                        "%.*s steps in for %.*s in case %s, but already votes at this meeting",
                                        (int)s->deputy.length, s->deputy.data, (int)s->member.length, s->member.data,
                                        number);
            diag_note(check->diagnostics, d, deputy->span, "listed in 'present' here");
            continue;
        }
        long member_entry = voting_entry_at(check, s->member, c->index);
        if (member_entry < 0) {
            recusal_error(check, c, s->member_span,
                        "%.*s has no vote at case %s, so no deputy steps in for them", (int)s->member.length,
                        s->member.data, number);
            continue;
        }
        const Member *member = member_named(check, represented(&m->present.items[member_entry]));
        bool known;
        if (check->body->has_roster && !roster_deputy_of(check, s->deputy, member, &known)) {
            Diagnostic *d = recusal_error(check, c, s->deputy_span,
                                        "%.*s is not a deputy of %.*s in the roster of %s", (int)s->deputy.length,
                                        s->deputy.data, (int)s->member.length, s->member.data,
                                        check->body->short_name.data);
            if (member)
                diag_note(check->diagnostics, d, member->span, "%.*s is in the roster here", (int)s->member.length,
                          s->member.data);
        }
        s->counted = true;
        s->party = m->present.items[member_entry].counted_party;
    }
}

static void compute_quorum(AttendanceCheck *check, const long *left_at, const long *arrived_at,
                           const Movement *const *left_by, const Movement *const *arrived_by) {
    Meeting *m = check->meeting;
    const Body *body = check->body;
    int seats = voting_seats(body, m->date);
    int required = body->quorum_denominator
                       ? (seats * body->quorum_numerator + body->quorum_denominator - 1) / body->quorum_denominator
                       : body->quorum_numerator;
    bool *voting = xcalloc(m->present.count + 1, sizeof *voting);
    Slice *parties = arena_alloc_array(check->scratch, m->present.count + 1, sizeof *parties);
    NameSet *represented_set = name_set_new(check->scratch, m->present.count);
    int voting_count = 0;
    const Person *over = NULL;
    for (size_t p = 0; p < m->present.count; p++) {
        parties[p] = party_of(check, &m->present.items[p]);
        voting[p] = counts_as_voting(check, represented_set, p);
        m->present.items[p].voting = voting[p];
        m->present.items[p].counted_party = parties[p];
        voting_count += voting[p];
        if (voting[p] && voting_count == seats + 1)
            over = &m->present.items[p];
    }
    if (over && seats > 0) {
        Diagnostic *d = diag_report(check->diagnostics, DIAG_E_SEATS, over->span,
                                    "%d voting members are present, but %s has %d voting seats", voting_count,
                                    body->short_name.data, seats);
        if (body->seats == 0)
            diag_note(check->diagnostics, d, body->span, "the seats are the voting members in the roster");
    }
    for (size_t c = 0; c < m->case_count; c++) {
        Case *item = m->cases[c];
        QuorumAtCase *quorum = &item->quorum;
        quorum->computed = true;
        quorum->seats = seats;
        quorum->required = required;
        check_recusals_at(check, item);
        /* A disqualified member leaves the case: mark them out for it. */
        for (const Recusal *r = item->recusals; r; r = r->next) {
            long p = voting_entry_at(check, r->name, c);
            if (p >= 0 && recusal_named(check, r->name) == r)
                voting[p] = false;
        }
        int stood_in = 0;
        for (const StandIn *s = item->stand_ins; s; s = s->next)
            stood_in += s->counted;
        quorum->present_count = stood_in;
        for (size_t p = 0; p < m->present.count; p++) {
            bool here = voting[p] && arrived_at[p] <= (long)c && (long)c < left_at[p];
            quorum->present_count += here;
            quorum->left_so_far += voting[p] && left_at[p] <= (long)c;
            const Movement *changes[] = {left_by[p], arrived_by[p]};
            const long when[] = {left_at[p], arrived_at[p]};
            for (size_t k = 0; k < 2; k++) {
                if (changes[k] && when[k] <= (long)c &&
                    (!quorum->last_change || changes[k]->span.line > quorum->last_change->span.line))
                    quorum->last_change = changes[k];
            }
        }
        quorum->quorate = quorum->present_count >= required;
        for (size_t r = 0; r < body->per_party_count && quorum->quorate; r++) {
            int count = 0;
            for (size_t p = 0; p < m->present.count; p++) {
                bool here = voting[p] && arrived_at[p] <= (long)c && (long)c < left_at[p];
                count += here && slice_equal_fold(parties[p], body->per_party[r].party);
            }
            for (const StandIn *s = item->stand_ins; s; s = s->next)
                count += s->counted && slice_equal_fold(s->party, body->per_party[r].party);
            if (count < body->per_party[r].minimum) {
                quorum->quorate = false;
                quorum->short_party = body->per_party[r].party;
                quorum->party_present = count;
                quorum->party_required = body->per_party[r].minimum;
            }
        }
        for (size_t p = 0; p < m->present.count; p++)
            voting[p] = m->present.items[p].voting;
        if (quorum->quorate || m->kind != MEETING_MINUTES || item->type != CASE_TYPE_B || !item->heading_valid)
            continue;
        char number[32];
        format_case(&item->number, number, sizeof number);
        Diagnostic *d;
        if (quorum->short_party.length)
            d = diag_report(check->diagnostics, DIAG_E_QUORUM, item->span,
                            "case %s (B) is a decision case, but %s is not quorate: %d voting member%s from %.*s present, %d required",
                            number, body->short_name.data, quorum->party_present, quorum->party_present == 1 ? "" : "s",
                            (int)quorum->short_party.length, quorum->short_party.data, quorum->party_required);
        else
            d = diag_report(check->diagnostics, DIAG_E_QUORUM, item->span,
                            "case %s (B) is a decision case, but %s is not quorate: %d of %d voting members present, %d required",
                            number, body->short_name.data, quorum->present_count, seats, required);
        if (quorum->last_change && quorum->last_change->kind == MOVEMENT_LEFT) {
            char before[32];
            format_case(&quorum->last_change->before, before, sizeof before);
            diag_note(check->diagnostics, d, quorum->last_change->span, "%d voting member%s left before %s",
                      quorum->left_so_far, quorum->left_so_far == 1 ? "" : "s", before);
        }
        else if (quorum->last_change)
            diag_note(check->diagnostics, d, quorum->last_change->span, "attendance last changed here");
        else if (m->present.count)
            diag_note(check->diagnostics, d, m->present.items[0].span, "%zu voting members are listed in 'present'",
                      m->present.count);
        for (const Recusal *r = item->recusals; r; r = r->next)
            diag_note(check->diagnostics, d, r->span, "%.*s is disqualified in this case and not counted",
                      (int)r->name.length, r->name.data);
    }
    free(voting);
}

/* Roles come from the entry or, failing that, the roster (for members
 * listed as themselves; a deputy's role is their own). */
static void fill_roles_from_roster(const AttendanceCheck *check) {
    Meeting *m = check->meeting;
    PersonList *lists[] = {&m->present, &m->advisory, &m->absent};
    for (size_t l = 0; l < 3; l++) {
        for (size_t i = 0; i < lists[l]->count; i++) {
            Person *p = &lists[l]->items[i];
            if (p->role.length || p->deputy_for.length)
                continue;
            const Member *member = member_named(check, p->name);
            if (member)
                p->role = member->role;
        }
    }
}

/* The sets one meeting's checks look names up in. */
static void index_names(AttendanceCheck *check) {
    Meeting *m = check->meeting;
    Arena *arena = check->scratch;
    check->selves = name_set_new(arena, m->present.count + m->advisory.count);
    check->present = name_set_new(arena, m->present.count);
    for (size_t i = 0; i < m->present.count; i++) {
        name_set_add(check->selves, m->present.items[i].name, (long)i);
        name_set_add(check->present, m->present.items[i].name, (long)i);
    }
    for (size_t i = 0; i < m->advisory.count; i++)
        name_set_add(check->selves, m->advisory.items[i].name, (long)(m->present.count + i));
    check->others = name_set_new(arena, m->observers.count + m->guests.count);
    for (size_t i = 0; i < m->observers.count; i++)
        name_set_add(check->others, m->observers.items[i].name, (long)i);
    for (size_t i = 0; i < m->guests.count; i++)
        name_set_add(check->others, m->guests.items[i].name, (long)(m->observers.count + i));
    const PersonList *lists[] = {&m->present, &m->advisory, &m->absent};
    check->accounted = name_set_new(arena, 2 * (m->present.count + m->advisory.count + m->absent.count));
    for (size_t l = 0; l < 3; l++)
        for (size_t i = 0; i < lists[l]->count; i++) {
            name_set_add(check->accounted, lists[l]->items[i].name, 0);
            name_set_add(check->accounted, lists[l]->items[i].deputy_for, 0);
        }
}

NameSet **attendance_rosters(Arena *arena, const Project *project) {
    NameSet **rosters = arena_alloc_array(arena, project->body_count + 1, sizeof *rosters);
    for (size_t b = 0; b < project->body_count; b++) {
        const Body *body = &project->bodies[b];
        rosters[b] = name_set_new(arena, body->member_count);
        for (size_t k = 0; k < body->member_count; k++)
            name_set_add(rosters[b], body->members[k].name, (long)k);
    }
    return rosters;
}

void check_attendance(Diagnostics *diagnostics, Arena *scratch, const Project *project, NameSet *const *rosters,
                      Meeting *m) {
    if (!m->metadata_valid || !m->front_matter_read)
        return;
    AttendanceCheck check = {diagnostics, scratch, m, project->language, m->body, rosters[m->body - project->bodies],
                             NULL, 0, NULL, NULL, NULL, 0, NULL, NULL, NULL};
    index_names(&check);
    const Body *body = m->body;
    check.active_names = arena_alloc_array(scratch, body->member_count + 1, sizeof *check.active_names);
    for (size_t k = 0; k < body->member_count; k++) {
        if (member_active(&body->members[k], m->date))
            check.active_names[check.active_count++] = body->members[k].name;
    }
    check_duplicates(&check);
    if (body->has_roster) {
        fill_roles_from_roster(&check);
        check_roster(&check);
        if (m->kind == MEETING_MINUTES)
            check_unaccounted(&check);
    }
    check_deputies(&check);
    if (m->kind == MEETING_MINUTES)
        check_chair(&check);
    check_guest_cases(&check);
    size_t n = m->present.count + 1;
    long *left_at = xmalloc(n * sizeof *left_at), *arrived_at = xmalloc(n * sizeof *arrived_at);
    const Movement **left_by = xmalloc(n * sizeof *left_by), **arrived_by = xmalloc(n * sizeof *arrived_by);
    check_movements(&check, left_at, arrived_at, left_by, arrived_by);
    for (size_t p = 0; p < m->present.count; p++) {
        m->present.items[p].arrived_at = arrived_at[p];
        m->present.items[p].left_at = left_at[p];
    }
    /* Quorum is judged from the recorded attendance: minutes without a
     * 'present' list (attendance not recorded) are not judged. */
    if (m->present_given)
        compute_quorum(&check, left_at, arrived_at, left_by, arrived_by);
    free(left_at);
    free(arrived_at);
    free(left_by);
    free(arrived_by);
}

size_t attendance_case_voters(Arena *arena, const Case *c, CaseVoter **out) {
    const Meeting *m = c->meeting;
    size_t capacity = m->present.count + 1, recusals = 0;
    for (const StandIn *s = c->stand_ins; s; s = s->next)
        capacity++;
    for (const Recusal *r = c->recusals; r; r = r->next)
        recusals++;
    NameSet *recused = name_set_new(arena, recusals);
    for (const Recusal *r = c->recusals; r; r = r->next)
        name_set_add(recused, r->name, 0);
    CaseVoter *voters = arena_alloc_array(arena, capacity, sizeof *voters);
    size_t count = 0;
    for (size_t p = 0; p < m->present.count; p++) {
        const Person *person = &m->present.items[p];
        if (person->voting && person->arrived_at <= (long)c->index && (long)c->index < person->left_at &&
            name_set_find(recused, person->name) < 0)
            voters[count++] = (CaseVoter){person->name, person->counted_party};
    }
    for (const StandIn *s = c->stand_ins; s; s = s->next)
        if (s->counted)
            voters[count++] = (CaseVoter){s->deputy, s->party};
    *out = voters;
    return count;
}
