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
    Slice name, party;
    int side; /* the side a name in the vote put them on; -1 none yet */
} Voter;

typedef struct {
    Diagnostics *diagnostics;
    const Meeting *meeting;
    const Case *c;
    Language language;
    char number[32];
    Voter *voters;
    size_t voter_count;
    NameSet *voter_names; /* name → index in voters */
    Slice *parties;       /* every party a vote may name (roster, attendance, per_party) */
    size_t party_count;
    size_t suggestions;
} VoteCheck;

static const char *side_key(const VoteCheck *check, VoteSide side) {
    static const int fields[] = {KEYWORD_FIELD_VOTE_FOR, KEYWORD_FIELD_VOTE_AGAINST, KEYWORD_FIELD_VOTE_BLANK};
    return keyword_spelling(KEYWORD_GROUP_FIELD, fields[side], check->language);
}

static bool recused(const Case *c, Slice name) {
    for (const Recusal *r = c->recusals; r; r = r->next)
        if (slice_equal_fold(r->name, name))
            return true;
    return false;
}

static void collect_voters(VoteCheck *check, Arena *arena) {
    const Meeting *m = check->meeting;
    const Case *c = check->c;
    size_t capacity = m->present.count + 1;
    for (const StandIn *s = c->stand_ins; s; s = s->next)
        capacity++;
    check->voters = arena_alloc_array(arena, capacity, sizeof *check->voters);
    check->voter_names = name_set_new(arena, capacity);
    for (size_t p = 0; p < m->present.count; p++) {
        const Person *person = &m->present.items[p];
        if (!person->voting || person->arrived_at > (long)c->index || (long)c->index >= person->left_at ||
            recused(c, person->name))
            continue;
        check->voters[check->voter_count] = (Voter){person->name, person->counted_party, -1};
        name_set_add(check->voter_names, person->name, (long)check->voter_count++);
    }
    for (const StandIn *s = c->stand_ins; s; s = s->next) {
        if (!s->counted)
            continue;
        check->voters[check->voter_count] = (Voter){s->deputy, s->party, -1};
        name_set_add(check->voter_names, s->deputy, (long)check->voter_count++);
    }
}

static void collect_parties(VoteCheck *check, Arena *arena) {
    const Body *body = check->meeting->body;
    size_t capacity = body->member_count + body->per_party_count + check->voter_count + 1;
    check->parties = arena_alloc_array(arena, capacity, sizeof *check->parties);
    NameSet *seen = name_set_new(arena, capacity);
    for (size_t i = 0; i < body->member_count; i++)
        if (name_set_add(seen, body->members[i].party, 0) < 0 && body->members[i].party.length)
            check->parties[check->party_count++] = body->members[i].party;
    for (size_t i = 0; i < body->per_party_count; i++)
        if (name_set_add(seen, body->per_party[i].party, 0) < 0 && body->per_party[i].party.length)
            check->parties[check->party_count++] = body->per_party[i].party;
    for (size_t i = 0; i < check->voter_count; i++)
        if (name_set_add(seen, check->voters[i].party, 0) < 0 && check->voters[i].party.length)
            check->parties[check->party_count++] = check->voters[i].party;
}

static bool is_party(const VoteCheck *check, Slice name) {
    for (size_t i = 0; i < check->party_count; i++)
        if (slice_equal_fold(check->parties[i], name))
            return true;
    return false;
}

static int party_present(const VoteCheck *check, Slice party) {
    int count = 0;
    for (size_t i = 0; i < check->voter_count; i++)
        count += slice_equal_fold(check->voters[i].party, party);
    return count;
}

/* "Ap, Sp, Kari Nordmann …": who was present at the case, for the note. */
static const char *voters_list(const VoteCheck *check, Arena *arena) {
    enum { SHOWN = 40 };
    StringBuffer text = {0};
    for (size_t i = 0; i < check->voter_count && i < SHOWN; i++)
        buffer_printf(&text, "%s%.*s", i ? ", " : "", (int)check->voters[i].name.length, check->voters[i].name.data);
    if (check->voter_count > SHOWN)
        buffer_printf(&text, " and %zu more", check->voter_count - SHOWN);
    const char *result = arena_strndup(arena, text.data ? text.data : "", text.length);
    buffer_free(&text);
    return result;
}

static void suggest_voter(VoteCheck *check, Diagnostic *d, Slice name) {
    if (check->suggestions >= LIMIT_SUGGESTIONS_PER_MEETING)
        return;
    check->suggestions++;
    Arena *arena = check->diagnostics->arena;
    Slice *candidates = arena_alloc_array(arena, check->voter_count + check->party_count + 1, sizeof *candidates);
    size_t count = 0;
    for (size_t i = 0; i < check->voter_count; i++)
        candidates[count++] = check->voters[i].name;
    for (size_t i = 0; i < check->party_count; i++)
        candidates[count++] = check->parties[i];
    long index = name_suggest(name, candidates, count);
    if (index >= 0)
        diag_suggest(check->diagnostics, d, arena_strndup(arena, candidates[index].data, candidates[index].length));
}

/* A name in a vote that is not a voter at the case: someone of the meeting
 * who was not there for it (left, came later, has no vote), a member of the
 * body who was not at the meeting, or neither (did-you-mean). */
static void report_absent_voter(VoteCheck *check, const VoteName *entry) {
    const Meeting *m = check->meeting;
    const PersonList *lists[] = {&m->present, &m->advisory, &m->observers, &m->guests, &m->secretariat, &m->absent};
    for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++) {
        for (size_t i = 0; i < lists[l]->count; i++) {
            const Person *person = &lists[l]->items[i];
            if (!slice_equal_fold(person->name, entry->name))
                continue;
            Diagnostic *d = diag_report(check->diagnostics, DIAG_E_VOTE_NAME, entry->span,
                                        "%.*s has no vote at case %s: %s", (int)entry->name.length, entry->name.data,
                                        check->number,
                                        l == 0 && person->left_at <= (long)check->c->index ? "left the meeting before it"
                                        : l == 0 && person->arrived_at > (long)check->c->index ? "arrived after it"
                                        : l == 5 ? "absent from the meeting"
                                                 : "not a voting member present");
            for (size_t k = 0; k < m->movement_count; k++)
                for (size_t n = 0; n < m->movements[k].name_count; n++)
                    if (l == 0 && slice_equal_fold(m->movements[k].names[n], entry->name))
                        diag_note(check->diagnostics, d, m->movements[k].span, "%s here",
                                  m->movements[k].kind == MOVEMENT_LEFT ? "left" : "arrived");
            if (l > 0)
                diag_note(check->diagnostics, d, person->span, "listed here");
            return;
        }
    }
    const Body *body = m->body;
    for (size_t i = 0; i < body->member_count; i++) {
        if (!slice_equal_fold(body->members[i].name, entry->name))
            continue;
        diag_report(check->diagnostics, DIAG_E_VOTE_NAME, entry->span,
                    "%.*s is a member of %s, but not present at case %s", (int)entry->name.length, entry->name.data,
                    body->short_name.data, check->number);
        return;
    }
    Diagnostic *d = diag_report(check->diagnostics, DIAG_E_VOTE_NAME, entry->span,
                                "%.*s is neither a voting member present at case %s nor a party",
                                (int)entry->name.length, entry->name.data, check->number);
    suggest_voter(check, d, entry->name);
}

/* The votes a For/Mot/Blank line gives, resolving each name; -1 when a name
 * did not resolve (already reported), so that the sum is not compared. */
static int count_named_side(VoteCheck *check, const Vote *vote, VoteSide side, int *party_used) {
    int total = 0;
    bool resolved = true;
    /* Members named individually, by party: a party named without a count
     * is its members present less those named on their own. */
    for (const VoteName *entry = vote->names[side]; entry; entry = entry->next) {
        long voter = name_set_find(check->voter_names, entry->name);
        if (voter >= 0) {
            Voter *v = &check->voters[voter];
            if (v->side >= 0) {
                diag_report(check->diagnostics, DIAG_E_VOTE_NAME, entry->span, "%.*s is named twice in one vote",
                            (int)entry->name.length, entry->name.data);
                resolved = false;
                continue;
            }
            if (entry->count > 1) {
                diag_report(check->diagnostics, DIAG_E_VOTE_NAME, entry->span,
                            "%.*s is a member and has one vote, not %d", (int)entry->name.length, entry->name.data,
                            entry->count);
                resolved = false;
                continue;
            }
            v->side = (int)side;
            total++;
            continue;
        }
        if (recused(check->c, entry->name)) {
            diag_report(check->diagnostics, DIAG_E_RECUSAL, entry->span,
                        "%.*s is disqualified in case %s and cannot vote in it", (int)entry->name.length,
                        entry->name.data, check->number);
            resolved = false;
            continue;
        }
        if (is_party(check, entry->name))
            continue; /* counted below, once the members named on their own are known */
        report_absent_voter(check, entry);
        resolved = false;
    }
    for (const VoteName *entry = vote->names[side]; entry; entry = entry->next) {
        if (name_set_find(check->voter_names, entry->name) >= 0 || recused(check->c, entry->name) ||
            !is_party(check, entry->name))
            continue;
        int present = party_present(check, entry->name);
        size_t p = 0;
        while (p < check->party_count && !slice_equal_fold(check->parties[p], entry->name))
            p++;
        if (present == 0) {
            diag_report(check->diagnostics, DIAG_E_VOTE_PARTY, entry->span,
                        "no member of %.*s votes at case %s", (int)entry->name.length, entry->name.data,
                        check->number);
            resolved = false;
            continue;
        }
        int named = 0; /* members of this party named on their own, on any side */
        for (size_t i = 0; i < check->voter_count; i++)
            named += check->voters[i].side >= 0 && slice_equal_fold(check->voters[i].party, entry->name);
        int votes = entry->count >= 0 ? entry->count : present - named;
        if (party_used[p] + votes + named > present) {
            diag_report(check->diagnostics, DIAG_E_VOTE_PARTY, entry->span,
                        "%.*s has %d voting member%s present at case %s, fewer than the votes given to it here",
                        (int)entry->name.length, entry->name.data, present, present == 1 ? "" : "s", check->number);
            resolved = false;
            continue;
        }
        party_used[p] += votes;
        total += votes;
    }
    return resolved ? total : -1;
}

static void check_vote(VoteCheck *check, const Vote *vote) {
    const Case *c = check->c;
    const Body *body = check->meeting->body;
    Arena *arena = check->diagnostics->arena;
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
    int cast = counts[VOTE_FOR] + counts[VOTE_AGAINST] + (body->blank_votes && counts[VOTE_BLANK] > 0 ? counts[VOTE_BLANK] : 0);
    if (cast != expected) {
        Diagnostic *d = diag_report(check->diagnostics, DIAG_E_VOTE_COUNT, vote->value_span,
                                    "%d vote%s cast in case %s, but %d voting member%s present at it", cast,
                                    cast == 1 ? " was" : "s were", check->number, expected,
                                    expected == 1 ? " was" : "s were");
        if (check->meeting->present.count)
            diag_note(check->diagnostics, d, check->meeting->present.items[0].span, "present at %s: %s", check->number,
                      voters_list(check, arena));
        for (const Recusal *r = c->recusals; r; r = r->next)
            diag_note(check->diagnostics, d, r->span, "%.*s is disqualified and does not vote", (int)r->name.length,
                      r->name.data);
        if (c->quorum.last_change)
            diag_note(check->diagnostics, d, c->quorum.last_change->span, "attendance last changed here");
    }
    for (size_t i = 0; i < check->voter_count; i++)
        check->voters[i].side = -1;
    int *party_used = arena_alloc_array(arena, check->party_count + 1, sizeof *party_used);
    for (int side = 0; side < VOTE_SIDE_COUNT; side++) {
        /* A unanimous vote naming members against was reported above. */
        if (!vote->names_given[side] || !vote->names[side] || (vote->unanimous && side != VOTE_FOR))
            continue;
        int named = count_named_side(check, vote, (VoteSide)side, party_used);
        if (named >= 0 && counts[side] >= 0 && named != counts[side])
            diag_report(check->diagnostics, DIAG_E_VOTE_COUNT, vote->names_span[side],
                        "'%s:' adds up to %d vote%s, but the vote says %d", side_key(check, (VoteSide)side), named,
                        named == 1 ? "" : "s", counts[side]);
    }
}

static void check_case_votes(Diagnostics *diagnostics, const Meeting *m, const Case *c, Language language) {
    VoteCheck check = {diagnostics, m, c, language, {0}, NULL, 0, NULL, NULL, 0, 0};
    case_number_format(c->number, c->number.form, check.number, sizeof check.number);
    const Body *body = m->body;
    if (!c->votes && body->voting_required && m->kind == MEETING_MINUTES && c->type == CASE_TYPE_B && c->decision &&
        c->decision->status == DECISION_DECIDED)
        diag_report(diagnostics, DIAG_W_VOTE_MISSING, c->span,
                    "case %s (B) is decided, but its vote is not recorded ('%s:'); %s records every vote (voting: required)",
                    check.number, keyword_spelling(KEYWORD_GROUP_FIELD, KEYWORD_FIELD_VOTE, language), body->short_name.data);
    /* Votes are checked against the attendance: without a 'present' list
     * there is nothing to check them against. */
    if (!c->votes || !c->quorum.computed || m->kind != MEETING_MINUTES || c->attendance_unsure)
        return;
    collect_voters(&check, diagnostics->arena);
    collect_parties(&check, diagnostics->arena);
    for (const Vote *vote = c->votes; vote; vote = vote->next)
        if (vote->valid)
            check_vote(&check, vote);
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
static void check_signatures(Diagnostics *diagnostics, const Meeting *m) {
    if (m->kind != MEETING_MINUTES)
        return;
    Arena *arena = diagnostics->arena;
    size_t total = m->present.count + m->advisory.count + m->secretariat.count + m->observers.count;
    NameSet *members = name_set_new(arena, total);
    NameSet *everyone = name_set_new(arena, total);
    Slice *names = arena_alloc_array(arena, total + 1, sizeof *names);
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
            diag_suggest(diagnostics, d, arena_strndup(arena, names[index].data, names[index].length));
    }
    if (m->referent.length && name_set_find(everyone, m->referent) < 0) {
        Diagnostic *d = diag_report(diagnostics, DIAG_E_SIGNED, m->referent_span,
                                    "the referent, %.*s, is not listed in the attendance (present, advisory, secretariat or observers)",
                                    (int)m->referent.length, m->referent.data);
        long index = name_suggest(m->referent, names, count);
        if (index >= 0)
            diag_suggest(diagnostics, d, arena_strndup(arena, names[index].data, names[index].length));
    }
}

void check_votes(Diagnostics *diagnostics, Project *project) {
    for (size_t i = 0; i < project->meeting_count; i++) {
        const Meeting *m = project->meetings[i];
        if (!m->metadata_valid || !m->front_matter_read || m->superseded_by)
            continue;
        for (size_t k = 0; k < m->case_count; k++) {
            const Case *c = m->cases[k];
            if (!c->heading_valid)
                continue;
            check_case_votes(diagnostics, m, c, project->language);
            check_closed(diagnostics, m, c, project->language);
        }
        check_signatures(diagnostics, m);
    }
}
