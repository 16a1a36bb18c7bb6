/* check_votes: the protocol's legal record (issue 16) — every vote against
 * who could vote at that case, closed cases against the body's legal bases,
 * and who signed. Runs after check_attendance, which resolves who was
 * present at each case (Person.voting, arrived_at, left_at), the disqualified
 * and the deputies who stepped in (StandIn.counted), and the quorum. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "check.h"
#include "keywords.h"
#include "limits.h"
#include "memory.h"
#include "names.h"
#include "suggest.h"
#include "values.h"

/* One voter at one case: a present voting member (or their deputy) who
 * stayed for the case and was not disqualified, or a deputy who stepped in. */
typedef struct {
    Slice name;
    long party; /* index in VoteCheck.parties; -1 none */
    int side;   /* the side a name in the vote put them on; -1 none yet */
} Voter;

/* One case's votes against its attendance. Everything here lives in a
 * scratch arena freed after the case, and every lookup is by hash, so that
 * a meeting of many cases and long lists stays linear in time and memory. */
typedef struct {
    Diagnostics *diagnostics;
    Arena *scratch;
    const Meeting *meeting;
    const Case *c;
    Language language;
    char number[32];
    Voter *voters;
    size_t voter_count;
    NameSet *voter_names;  /* name → index in voters */
    NameSet *recused;      /* the disqualified at this case */
    Slice *parties;        /* every party a vote may name (roster, attendance, per_party) */
    size_t party_count;
    NameSet *party_names;  /* party → index in parties */
    int *party_present;    /* voters of each party */
    int *named_in_party, *party_given; /* count_named's per-party tallies, zero between votes */
    NameSet *people;       /* everyone listed and the roster (list << 24 | index); made when needed */
    size_t suggestions;
} VoteCheck;

static const char *side_key(const VoteCheck *check, VoteSide side) {
    static const int fields[] = {KEYWORD_FIELD_VOTE_FOR, KEYWORD_FIELD_VOTE_AGAINST, KEYWORD_FIELD_VOTE_BLANK};
    return keyword_spelling(KEYWORD_GROUP_FIELD, fields[side], check->language);
}

static void add_party(VoteCheck *check, Slice party) {
    if (party.length && name_set_add(check->party_names, party, (long)check->party_count) < 0)
        check->parties[check->party_count++] = party;
}

static void collect_voters_and_parties(VoteCheck *check) {
    const Case *c = check->c;
    const Body *body = check->meeting->body;
    Arena *arena = check->scratch;
    size_t recusals = 0;
    for (const Recusal *r = c->recusals; r; r = r->next)
        recusals++;
    check->recused = name_set_new(arena, recusals);
    for (const Recusal *r = c->recusals; r; r = r->next)
        name_set_add(check->recused, r->name, 0);
    CaseVoter *voters;
    size_t count = attendance_case_voters(arena, c, &voters);
    size_t party_capacity = body->member_count + body->per_party_count + count;
    check->parties = arena_alloc_array(arena, party_capacity + 1, sizeof *check->parties);
    check->party_names = name_set_new(arena, party_capacity);
    for (size_t i = 0; i < body->member_count; i++)
        add_party(check, body->members[i].party);
    for (size_t i = 0; i < body->per_party_count; i++)
        add_party(check, body->per_party[i].party);
    check->voters = arena_alloc_array(arena, count + 1, sizeof *check->voters);
    check->voter_names = name_set_new(arena, count);
    for (size_t i = 0; i < count; i++) {
        add_party(check, voters[i].party);
        check->voters[check->voter_count] = (Voter){voters[i].name, name_set_find(check->party_names, voters[i].party), -1};
        name_set_add(check->voter_names, voters[i].name, (long)check->voter_count++);
    }
    check->party_present = arena_alloc_array(arena, check->party_count + 1, sizeof *check->party_present);
    check->named_in_party = arena_alloc_array(arena, check->party_count + 1, sizeof *check->named_in_party);
    check->party_given = arena_alloc_array(arena, check->party_count + 1, sizeof *check->party_given);
    for (size_t i = 0; i < check->voter_count; i++)
        if (check->voters[i].party >= 0)
            check->party_present[check->voters[i].party]++;
}

/* "Kari Nordmann, Ola Hansen …": who was present at the case, for the note. */
static const char *voters_list(const VoteCheck *check) {
    enum { SHOWN = 40 };
    StringBuffer text = {0};
    for (size_t i = 0; i < check->voter_count && i < SHOWN; i++)
        buffer_printf(&text, "%s%.*s", i ? ", " : "", (int)check->voters[i].name.length, check->voters[i].name.data);
    if (check->voter_count > SHOWN)
        buffer_printf(&text, " and %zu more", check->voter_count - SHOWN);
    const char *result = arena_strndup(check->scratch, text.data ? text.data : "", text.length);
    buffer_free(&text);
    return result;
}

static void suggest_voter(VoteCheck *check, Diagnostic *d, Slice name) {
    if (check->suggestions >= LIMIT_SUGGESTIONS_PER_MEETING)
        return;
    check->suggestions++;
    Slice *candidates = arena_alloc_array(check->scratch, check->voter_count + check->party_count + 1, sizeof *candidates);
    size_t count = 0;
    for (size_t i = 0; i < check->voter_count; i++)
        candidates[count++] = check->voters[i].name;
    for (size_t i = 0; i < check->party_count; i++)
        candidates[count++] = check->parties[i];
    long index = name_suggest(name, candidates, count);
    if (index >= 0)
        diag_suggest(check->diagnostics, d,
                     arena_strndup(check->scratch, candidates[index].data, candidates[index].length));
}

/* A name in a vote that is not a voter at the case: someone of the meeting
 * who was not there for it (left, came later, has no vote), a member of the
 * body who was not at the meeting, or neither (did-you-mean). */
static void report_absent_voter(VoteCheck *check, const VoteName *entry) {
    const Meeting *m = check->meeting;
    const Body *body = m->body;
    const PersonList *lists[] = {&m->present, &m->advisory, &m->observers, &m->guests, &m->secretariat, &m->absent};
    enum { LIST_COUNT = sizeof lists / sizeof lists[0] };
    if (!check->people) {
        /* Made on the first unknown name: everyone listed, and the roster. */
        size_t total = body->member_count;
        for (size_t l = 0; l < LIST_COUNT; l++)
            total += lists[l]->count;
        check->people = name_set_new(check->scratch, total);
        for (size_t l = 0; l < LIST_COUNT; l++)
            for (size_t i = 0; i < lists[l]->count; i++)
                name_set_add(check->people, lists[l]->items[i].name, (long)(l << 24 | i));
        for (size_t i = 0; i < body->member_count; i++)
            name_set_add(check->people, body->members[i].name, (long)(LIST_COUNT << 24 | i));
    }
    long found = name_set_find(check->people, entry->name);
    size_t l = found >= 0 ? (size_t)found >> 24 : LIST_COUNT + 1, i = found >= 0 ? (size_t)found & 0xFFFFFF : 0;
    if (l < LIST_COUNT) {
        const Person *person = &lists[l]->items[i];
        Diagnostic *d = diag_report(check->diagnostics, DIAG_E_VOTE_NAME, entry->span, "%.*s has no vote at case %s: %s",
                                    (int)entry->name.length, entry->name.data, check->number,
                                    l == 0 && person->left_at <= (long)check->c->index ? "left the meeting before it"
                                    : l == 0 && person->arrived_at > (long)check->c->index ? "arrived after it"
                                    : l == 5 ? "absent from the meeting"
                                             : "not a voting member present");
        const Movement *movement = NULL;
        for (size_t k = 0; l == 0 && k < m->movement_count && check->suggestions < LIMIT_SUGGESTIONS_PER_MEETING; k++)
            for (size_t n = 0; n < m->movements[k].name_count; n++)
                if (slice_equal_fold(m->movements[k].names[n], entry->name))
                    movement = &m->movements[k];
        check->suggestions++;
        if (movement)
            diag_note(check->diagnostics, d, movement->span, "%s here", movement->kind == MOVEMENT_LEFT ? "left" : "arrived");
        if (l > 0)
            diag_note(check->diagnostics, d, person->span, "listed here");
        return;
    }
    if (l == LIST_COUNT) {
        diag_report(check->diagnostics, DIAG_E_VOTE_NAME, entry->span, "%.*s is a member of %s, but not present at case %s",
                    (int)entry->name.length, entry->name.data, body->short_name.data, check->number);
        return;
    }
    Diagnostic *d = diag_report(check->diagnostics, DIAG_E_VOTE_NAME, entry->span,
                                "%.*s is neither a voting member present at case %s nor a party",
                                (int)entry->name.length, entry->name.data, check->number);
    suggest_voter(check, d, entry->name);
}

/* The names of one vote's For/Mot/Blank lines, resolved in two passes:
 * members named on their own first (on every side), then parties, since a
 * party named without a count is its members voting at the case less those
 * named on their own. Fills totals[side], or -1 where a name did not
 * resolve (reported), so that the sum is not compared. */
static void count_named(VoteCheck *check, const Vote *vote, const bool *sides, int *totals) {
    /* Per party, kept zero between votes (reset below, entry by entry). */
    int *named_in_party = check->named_in_party, *party_given = check->party_given;
    /* The voters this vote names, to unmark afterwards: resetting every
     * voter for every vote would make many votes quadratic. */
    size_t name_count = 0, marked_count = 0;
    for (int side = 0; side < VOTE_SIDE_COUNT; side++)
        for (const VoteName *entry = sides[side] ? vote->names[side] : NULL; entry; entry = entry->next)
            name_count++;
    Voter **marked = arena_alloc_array(check->scratch, name_count + 1, sizeof *marked);
    for (int side = 0; side < VOTE_SIDE_COUNT; side++) {
        totals[side] = 0;
        if (!sides[side])
            continue;
        for (const VoteName *entry = vote->names[side]; entry; entry = entry->next) {
            long voter = name_set_find(check->voter_names, entry->name);
            if (voter < 0) {
                if (name_set_find(check->recused, entry->name) >= 0) {
                    diag_report(check->diagnostics, DIAG_E_RECUSAL, entry->span,
                                "%.*s is disqualified in case %s and cannot vote in it", (int)entry->name.length,
                                entry->name.data, check->number);
                    totals[side] = -1;
                } else if (name_set_find(check->party_names, entry->name) < 0) {
                    report_absent_voter(check, entry);
                    totals[side] = -1;
                }
                continue; /* a party: the second pass */
            }
            Voter *v = &check->voters[voter];
            if (v->side >= 0 || entry->count > 1) {
                if (v->side >= 0)
                    diag_report(check->diagnostics, DIAG_E_VOTE_NAME, entry->span, "%.*s is named twice in one vote",
                                (int)entry->name.length, entry->name.data);
                else
                    diag_report(check->diagnostics, DIAG_E_VOTE_NAME, entry->span,
                                "%.*s is a member and has one vote, not %d", (int)entry->name.length, entry->name.data,
                                entry->count);
                totals[side] = -1;
                continue;
            }
            v->side = side;
            marked[marked_count++] = v;
            if (v->party >= 0)
                named_in_party[v->party]++;
            if (totals[side] >= 0)
                totals[side]++;
        }
    }
    for (int side = 0; side < VOTE_SIDE_COUNT; side++) {
        if (!sides[side])
            continue;
        for (const VoteName *entry = vote->names[side]; entry; entry = entry->next) {
            long party = name_set_find(check->party_names, entry->name);
            if (party < 0 || name_set_find(check->voter_names, entry->name) >= 0 ||
                name_set_find(check->recused, entry->name) >= 0)
                continue;
            int present = check->party_present[party];
            if (present == 0) {
                diag_report(check->diagnostics, DIAG_E_VOTE_PARTY, entry->span, "no member of %.*s votes at case %s",
                            (int)entry->name.length, entry->name.data, check->number);
                totals[side] = -1;
                continue;
            }
            int votes = entry->count >= 0 ? entry->count : present - named_in_party[party];
            if (party_given[party] + votes + named_in_party[party] > present) {
                diag_report(check->diagnostics, DIAG_E_VOTE_PARTY, entry->span,
                            "%.*s has %d voting member%s present at case %s, fewer than the votes given to it here",
                            (int)entry->name.length, entry->name.data, present, present == 1 ? "" : "s", check->number);
                totals[side] = -1;
                continue;
            }
            party_given[party] += votes;
            if (totals[side] >= 0)
                totals[side] += votes;
        }
    }
    for (size_t i = 0; i < marked_count; i++) {
        if (marked[i]->party >= 0)
            named_in_party[marked[i]->party] = 0;
        marked[i]->side = -1;
    }
    for (int side = 0; side < VOTE_SIDE_COUNT; side++)
        for (const VoteName *entry = sides[side] ? vote->names[side] : NULL; entry; entry = entry->next) {
            long party = name_set_find(check->party_names, entry->name);
            if (party >= 0)
                party_given[party] = 0;
        }
}

static void check_vote(VoteCheck *check, const Vote *vote) {
    const Case *c = check->c;
    const Body *body = check->meeting->body;
    int expected = c->quorum.present_count;
    int counts[VOTE_SIDE_COUNT];
    for (int side = 0; side < VOTE_SIDE_COUNT; side++)
        counts[side] = vote->counts[side];
    if (vote->unanimous) {
        counts[VOTE_FOR] = expected;
        counts[VOTE_AGAINST] = 0;
        counts[VOTE_BLANK] = -1;
        for (int side = VOTE_AGAINST; side < VOTE_SIDE_COUNT; side++)
            if (vote->names_given[side] && vote->names[side])
                diag_report(check->diagnostics, DIAG_E_VOTE_COUNT, vote->names_span[side],
                            "the vote is unanimous, but '%s:' names members who did not vote for",
                            side_key(check, (VoteSide)side));
    }
    if (counts[VOTE_BLANK] > 0 && !body->blank_votes) {
        diag_report(check->diagnostics, DIAG_E_VOTE_COUNT, vote->value_span,
                    "%s does not count blank votes (blank_votes: false in referat.yaml): every member present votes for or against",
                    body->short_name.data);
        return;
    }
    int cast = counts[VOTE_FOR] + counts[VOTE_AGAINST] + (counts[VOTE_BLANK] > 0 ? counts[VOTE_BLANK] : 0);
    if (cast != expected) {
        Diagnostic *d = diag_report(check->diagnostics, DIAG_E_VOTE_COUNT, vote->value_span,
                                    "%d vote%s cast in case %s, but %d voting member%s present at it", cast,
                                    cast == 1 ? " was" : "s were", check->number, expected,
                                    expected == 1 ? " was" : "s were");
        if (check->meeting->present.count)
            diag_note(check->diagnostics, d, check->meeting->present.items[0].span, "present at %s: %s", check->number,
                      voters_list(check));
        for (const Recusal *r = c->recusals; r; r = r->next)
            diag_note(check->diagnostics, d, r->span, "%.*s is disqualified and does not vote", (int)r->name.length,
                      r->name.data);
        if (c->quorum.last_change)
            diag_note(check->diagnostics, d, c->quorum.last_change->span, "attendance last changed here");
    }
    /* A unanimous vote naming members against was reported above. */
    bool sides[VOTE_SIDE_COUNT];
    bool any = false;
    for (int side = 0; side < VOTE_SIDE_COUNT; side++) {
        sides[side] = vote->names_given[side] && vote->names[side] && !(vote->unanimous && side != VOTE_FOR);
        any |= sides[side];
    }
    if (!any)
        return;
    int totals[VOTE_SIDE_COUNT];
    count_named(check, vote, sides, totals);
    for (int side = 0; side < VOTE_SIDE_COUNT; side++)
        if (sides[side] && totals[side] >= 0 && counts[side] >= 0 && totals[side] != counts[side])
            diag_report(check->diagnostics, DIAG_E_VOTE_COUNT, vote->names_span[side],
                        "'%s:' adds up to %d vote%s, but the vote says %d", side_key(check, (VoteSide)side), totals[side],
                        totals[side] == 1 ? "" : "s", counts[side]);
}

static void check_case_votes(Diagnostics *diagnostics, const Meeting *m, const Case *c, Language language,
                             size_t *suggestions) {
    const Body *body = m->body;
    char number[32];
    case_number_format(c->number, c->number.form, number, sizeof number);
    if (!c->votes && body->voting_required && m->kind == MEETING_MINUTES && c->type == CASE_TYPE_B && c->decision &&
        c->decision->status == DECISION_DECIDED)
        diag_report(diagnostics, DIAG_W_VOTE_MISSING, c->span,
                    "case %s (B) is decided, but its vote is not recorded ('%s:'); %s records every vote (voting: required)",
                    number, keyword_spelling(KEYWORD_GROUP_FIELD, KEYWORD_FIELD_VOTE, language), body->short_name.data);
    /* Votes are checked against the attendance: without a 'present' list
     * there is nothing to check them against. */
    if (!c->votes || !c->quorum.computed || m->kind != MEETING_MINUTES || c->attendance_unsure)
        return;
    Arena scratch;
    arena_init(&scratch);
    VoteCheck check = {0};
    check.diagnostics = diagnostics;
    check.scratch = &scratch;
    check.meeting = m;
    check.c = c;
    check.language = language;
    check.suggestions = *suggestions;
    memcpy(check.number, number, sizeof number);
    collect_voters_and_parties(&check);
    for (const Vote *vote = c->votes; vote; vote = vote->next)
        if (vote->valid)
            check_vote(&check, vote);
    *suggestions = check.suggestions;
    arena_free(&scratch);
}

/* Lower-case, spaces collapsed: "Koml.  § 11-5" reads as "koml. § 11-5". */
static size_t basis_normalise(Slice text, char *out, size_t capacity) {
    size_t n = 0;
    bool space = false;
    for (size_t i = 0; i < text.length && n + 1 < capacity; i++) {
        char ch = text.data[i];
        if (ch == ' ' || ch == '\t') {
            space = n > 0;
            continue;
        }
        if (space && n + 2 < capacity)
            out[n++] = ' ';
        space = false;
        out[n++] = (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch;
    }
    out[n] = '\0';
    return n;
}

static void check_closed(Diagnostics *diagnostics, const Meeting *m, const Case *c, Language language) {
    if (!c->closed)
        return;
    const Body *body = m->body;
    char number[32];
    case_number_format(c->number, c->number.form, number, sizeof number);
    if (c->closed_basis.length == 0) {
        diag_report(diagnostics, DIAG_E_CLOSED_BASIS, c->closed_span,
                    "case %s is closed, but '%s:' gives no legal basis (such as %.*s)", number,
                    keyword_spelling(KEYWORD_GROUP_FIELD, KEYWORD_FIELD_CLOSED, language),
                    (int)body->closing_bases[0].length, body->closing_bases[0].data);
        return;
    }
    char written[512], allowed[512];
    size_t length = basis_normalise(c->closed_basis, written, sizeof written);
    const char *candidates[64];
    size_t count = 0;
    for (size_t i = 0; i < body->closing_basis_count; i++) {
        size_t n = basis_normalise(body->closing_bases[i], allowed, sizeof allowed);
        /* The basis may go on with its paragraph: "koml. § 11-5 andre ledd". */
        if (n <= length && memcmp(written, allowed, n) == 0 && (n == length || written[n] == ' ' || written[n] == ','))
            return;
        if (count < 64)
            candidates[count++] = body->closing_bases[i].data;
    }
    Diagnostic *d = diag_report(diagnostics, DIAG_E_CLOSED_BASIS, c->closed_span,
                                "'%.*s' is not a legal basis %s closes a case on", (int)c->closed_basis.length,
                                c->closed_basis.data, body->short_name.data);
    /* Compare each basis with as much of the text as it is long. */
    const char *best = NULL;
    for (size_t i = 0; i < count && !best; i++) {
        size_t n = strlen(candidates[i]);
        Slice head = slice_make(c->closed_basis.data, n < c->closed_basis.length ? n : c->closed_basis.length);
        best = suggest_nearest(head, &candidates[i], 1, 2);
    }
    if (best)
        diag_suggest(diagnostics, d, best);
    else if (body->closing_span.file)
        diag_note(diagnostics, d, body->closing_span, "the bases are listed under 'closing_basis' here");
    else
        diag_note(diagnostics, d, body->span, "without 'closing_basis', %s closes on %.*s", body->short_name.data,
                  (int)body->closing_bases[0].length, body->closing_bases[0].data);
}

/* Signers must have attended (present or advisory); the referent may also
 * be of the secretariat or an observer. */
static void check_signatures(Diagnostics *diagnostics, Arena *scratch, const Meeting *m) {
    if (m->kind != MEETING_MINUTES)
        return;
    size_t total = m->present.count + m->advisory.count + m->secretariat.count + m->observers.count;
    NameSet *members = name_set_new(scratch, total);
    NameSet *everyone = name_set_new(scratch, total);
    Slice *names = arena_alloc_array(scratch, total + 1, sizeof *names);
    size_t count = 0;
    const PersonList *lists[] = {&m->present, &m->advisory, &m->secretariat, &m->observers};
    for (size_t l = 0; l < 4; l++)
        for (size_t i = 0; i < lists[l]->count; i++) {
            Slice name = lists[l]->items[i].name;
            if (l < 2)
                name_set_add(members, name, 0);
            name_set_add(everyone, name, 0);
            names[count++] = name;
        }
    size_t suggestions = 0;
    for (size_t i = 0; i < m->signed_count; i++) {
        if (name_set_find(members, m->signed_by[i]) >= 0)
            continue;
        Diagnostic *d = diag_report(diagnostics, DIAG_E_SIGNED, m->signed_spans[i],
                                    "%.*s signed the minutes, but is not listed in 'present' or 'advisory'",
                                    (int)m->signed_by[i].length, m->signed_by[i].data);
        long index = suggestions++ < LIMIT_SUGGESTIONS_PER_MEETING ? name_suggest(m->signed_by[i], names, count) : -1;
        if (index >= 0)
            diag_suggest(diagnostics, d, arena_strndup(scratch, names[index].data, names[index].length));
    }
    if (m->referent.length && name_set_find(everyone, m->referent) < 0) {
        Diagnostic *d = diag_report(diagnostics, DIAG_E_SIGNED, m->referent_span,
                                    "the referent, %.*s, is not listed in the attendance (present, advisory, secretariat or observers)",
                                    (int)m->referent.length, m->referent.data);
        long index = name_suggest(m->referent, names, count);
        if (index >= 0)
            diag_suggest(diagnostics, d, arena_strndup(scratch, names[index].data, names[index].length));
    }
}

void check_votes(Diagnostics *diagnostics, Arena *scratch, const Meeting *m, Language language) {
    if (!m->metadata_valid || !m->front_matter_read || m->superseded_by)
        return;
    size_t suggestions = 0; /* did-you-mean searches, bounded per meeting */
    for (size_t k = 0; k < m->case_count; k++) {
        const Case *c = m->cases[k];
        if (!c->heading_valid)
            continue;
        check_case_votes(diagnostics, m, c, language, &suggestions);
        check_closed(diagnostics, m, c, language);
    }
    check_signatures(diagnostics, scratch, m);
}
