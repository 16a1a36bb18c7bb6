/* check: the semantic checks over the whole parsed project (stage 4). Each
 * reads the AST, records what it resolves (case references, quorum) back
 * on it, and reports through the diagnostics context. */
#ifndef REFERAT_CHECK_H
#define REFERAT_CHECK_H

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "names.h"

/* check_meeting.c: E-CASE-DATE, E-NOTICE-DECISION, E-DECISION-MISSING,
 * W-DECISION-MISSING (one meeting); E-MEETING-DUP (across meetings);
 * W-NOTICE-MISMATCH (check_project). */
void check_meeting(Diagnostics *diagnostics, const Meeting *meeting);
void check_duplicate_meetings(Diagnostics *diagnostics, const Project *project);
/* check_numbering.c: E-NUM-DUP, E-NUM-YEAR, E-NUM-ORDER, E-NUM-GAP, W-NUM-GAP. */
void check_numbering(Diagnostics *diagnostics, Project *project);
/* check_references.c: E-REF, W-REF, E-ATTACHMENT, E-APPROVED-IN, W-APPROVED-DATE. */
void check_references(Diagnostics *diagnostics, Project *project);

/* check_attendance.c: E-PERSON-DUP, E-PERSON-UNKNOWN, E-DEPUTY,
 * W-MEMBER-UNACCOUNTED, E-CHAIR, E-MOVEMENT, E-GUEST-CASE, E-SEATS,
 * E-QUORUM, E-RECUSAL; stores the quorum at every case (the disqualified
 * out, the deputies who stepped in counted) and who attended which case.
 * One meeting: it writes only that meeting's AST and reads the rosters,
 * made once (attendance_rosters), so meetings may be checked on different
 * threads. What it needs only while it runs goes in `scratch`. */
NameSet **attendance_rosters(Arena *arena, const Project *project);
void check_attendance(Diagnostics *diagnostics, Arena *scratch, const Project *project, NameSet *const *rosters,
                      Meeting *meeting);

/* One voter at a case: the name and the party they count for. */
typedef struct {
    Slice name, party;
} CaseVoter;

/* Who could vote at case c, from what check_attendance resolved: the
 * entries of `present` that vote and attended the case and are not
 * disqualified in it, then the deputies who stepped in. In `arena`;
 * linear in the attendance and the case's recusals. check_votes and the
 * eInnsyn export read the same list. */
size_t attendance_case_voters(Arena *arena, const Case *c, CaseVoter **out);

/* check_votes.c: E-VOTE-COUNT, E-VOTE-NAME, E-VOTE-PARTY, W-VOTE-MISSING,
 * E-RECUSAL (a disqualified member named in a vote), E-CLOSED-BASIS,
 * E-SIGNED, for one meeting. Reads what check_attendance resolved for
 * that meeting; runs after it. */
void check_votes(Diagnostics *diagnostics, Arena *scratch, const Meeting *meeting, Language language);

/* Undoes what the checks above record on the AST (resolved references,
 * follow-up links, quorum, who voted), so that a session (session.c) can
 * check meetings parsed in an earlier compilation again, as if just parsed:
 * a kept meeting may point into one that was parsed again and freed. */
void check_forget(Project *project);

/* Resolves the project (project_index.c, into `arena`), then all of the
 * above: the per-meeting checks on up to `jobs` threads (workers.c), the
 * diagnostics in the same order whatever `jobs` is. */
void check_project(Arena *arena, Diagnostics *diagnostics, Project *project, unsigned jobs);

#endif
