/* present: the presentation layer — the one view of a meeting that every
 * emitter (HTML page, index pages, PDF, JSON, and whatever comes next)
 * reads. It owns two things:
 *
 *   - the publication rule: what a public build leaves out. present_meeting
 *     gives the meeting as published; in a public build an exempt case
 *     keeps its number, public title, type, legal basis and quorum, and its
 *     content (fields, text, proposal, decision, attachments, follow-up),
 *     the references inside it and the guests who attended only it are
 *     gone — emitters cannot leak what they are never given;
 *   - the words and forms: labels in the project's language (labels.tsv,
 *     overridable per project), dates, times, case numbers in the body's
 *     form, anchors, type names, outcome and quorum notes. */
#ifndef REFERAT_PRESENT_H
#define REFERAT_PRESENT_H

#include <stdbool.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"

typedef enum { PUBLICATION_PUBLIC, PUBLICATION_INTERNAL } Publication;

typedef struct {
    const char *key, *text;
} PresentLabel;

typedef struct {
    const Project *project;
    Publication publication;
    Language language;
    PresentLabel *labels; /* the built-in labels.tsv, the project's over it; sorted by key */
    size_t label_count;
    const SourceFile *labels_file; /* what the labels were read from (the build digests it) */
} Presentation;

/* Reads the labels (templates/labels.tsv in the project, else the built-in
 * one) into `arena`. False (with a diagnostic) if the project's file cannot
 * be read. */
bool presentation_init(Presentation *presentation, Arena *arena, Diagnostics *diagnostics, const Project *project,
                       Publication publication);

/* The meeting as published: `meeting` itself when nothing is left out,
 * else a copy in `arena` sharing what it keeps. Withheld cases have
 * `withheld` set. */
const Meeting *present_meeting(const Presentation *presentation, Arena *arena, const Meeting *meeting);

/* The label for `key` in the project's language; the key itself if no
 * labels file has it. */
const char *present_label(const Presentation *presentation, const char *key);

/* 10.12.2025 (nb, nn) or 2025-12-10 (en); NULL for an absent date. */
const char *present_date(const Presentation *presentation, Arena *arena, Date date);
const char *present_iso_date(Arena *arena, Date date);
/* 09:00–11:30 or 09:00; NULL when no time was given. */
const char *present_time(Arena *arena, TimeRange time);
/* A case number in the form of `body` (NULL: as written). */
const char *present_case_number(Arena *arena, CaseNumber number, const Body *body);
/* The fragment of a case on its meeting's page: sak-72-2024. */
const char *present_case_anchor(Arena *arena, CaseNumber number);
/* A meeting's files without extension: ssu/2025-01-22. */
const char *present_meeting_path(Arena *arena, const Meeting *meeting);
/* Its title as given, else "Referat SSU 22.01.2025". */
const char *present_meeting_title(const Presentation *presentation, Arena *arena, const Meeting *meeting);
const char *present_type_name(const Presentation *presentation, CaseType type);
/* The heading of a decision: decided, postponed or withdrawn. */
const char *present_decision_heading(const Presentation *presentation, const Part *decision);
/* What became of a case, for the register: proposed (a notice), draft
 * (minutes not approved), postponed, withdrawn, noted (an O case),
 * reported (an R case), decided; "–" for none or withheld. */
const char *present_outcome(const Presentation *presentation, const Case *c);
/* "9 til stede av 14, 7 kreves – vedtaksført", when the quorum is known and
 * differs from the case before; NULL otherwise. */
const char *present_quorum_note(const Presentation *presentation, Arena *arena, const Case *c, const Case *previous);
/* "Unntatt offentlighet (offl. § 13)", and in the internal edition that its
 * content is shown there only; NULL for a case that is not exempt. */
const char *present_exempt_note(const Presentation *presentation, Arena *arena, const Case *c);
/* ---- votes, recusal, closed cases (issue 16) ---- */
typedef enum { VOTE_ADOPTED, VOTE_REJECTED, VOTE_TIED } VoteOutcome;
VoteOutcome present_vote_outcome(const Vote *vote);
/* The vote on the case itself: the last without a label, else the last;
 * NULL when no (readable) vote is recorded. */
const Vote *present_final_vote(const Case *c);
/* The vote label, with the vote's own label after it in parentheses. */
const char *present_vote_heading(const Presentation *presentation, Arena *arena, const Vote *vote);
/* "enstemmig vedtatt", "vedtatt med 10 mot 5 stemmer", "falt med 5 mot 10
 * stemmer", with ", 1 blanke" when blank votes were cast. */
const char *present_vote_summary(const Presentation *presentation, Arena *arena, const Vote *vote);
/* The names of a For/Mot/Blank line as written: "Ap, Sp, H (3), Laila Strand";
 * NULL when the line was not given. */
const char *present_vote_names(Arena *arena, const Vote *vote, VoteSide side);
/* The label of a For/Mot/Blank line. */
const char *present_vote_side(const Presentation *presentation, VoteSide side);
/* "Per Hansen (fvl. § 6 …) – Nils Olsen tiltrådte for Per Hansen". */
const char *present_recusal(const Presentation *presentation, Arena *arena, const Case *c, const Recusal *recusal);
/* "Behandlet for lukkede dører (koml. § 11-5 andre ledd)"; NULL if open. */
const char *present_closed_note(const Presentation *presentation, Arena *arena, const Case *c);
/* The register's outcome with the final vote: "vedtatt (10 mot 5)". */
const char *present_outcome_with_vote(const Presentation *presentation, Arena *arena, const Case *c);

/* Whether a case field is shown as a plain "key: value" line: the fields
 * with a meaning of their own (attachments, follow-up, exemption, votes,
 * recusal, closing, chair, video) are shown by what they mean. */
bool present_field_is_plain(const CaseField *field);

/* ---- a case's history (its thread of follow-ups) ---- */
/* Cases by meeting date, then body (referat.yaml's order), then number:
 * a total order, so that lists of cases are the same on every build. */
int present_compare_cases(const Case *a, const Case *b);
/* Whether this publication leaves the case's content out. */
bool present_case_withheld(const Presentation *presentation, const Case *c);
/* The published cases that follow `c` up, by date: *out in `arena`. */
size_t present_follow_ups(const Presentation *presentation, Arena *arena, const Case *c, const Case ***out);
/* The first case of the thread `c` belongs to — following `Oppfølging av`
 * back while the case followed up is published — or NULL when `c` neither
 * follows a published case up nor is followed up by one. */
const Case *present_thread_root(const Presentation *presentation, const Case *c);
/* The thread from `root`: it and every published case following it up,
 * directly or not, by date. */
size_t present_thread(const Presentation *presentation, Arena *arena, const Case *root, const Case ***out);
/* Its page: saker/ssu-71-2025.html. */
const char *present_thread_path(Arena *arena, const Case *root);

/* Minutes approved without approved_in: the body's meeting on the
 * approval date (where they were approved), or NULL. */
const Meeting *present_approving_meeting(const Project *project, const Meeting *m);

/* Minutes not yet approved. */
bool present_is_draft(const Meeting *meeting);

#endif
