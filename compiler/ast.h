/* ast: the typed model of a minutes project (spec §2). Every node carries
 * its source span; all of it lives in the compilation's arena. Stages after
 * the parser (checks, emitters) read this and nothing else. */
#ifndef REFERAT_AST_H
#define REFERAT_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "keywords.h"
#include "source.h"

typedef struct {
    int year, month, day; /* year 0 = absent */
} Date;

typedef struct {
    int start_minute, end_minute; /* minutes after midnight; end -1 = no end */
    bool present;
} TimeRange;

typedef enum {
    NUMBERING_SLASH_YY = KEYWORD_NUMBERING_SLASH_YY,
    NUMBERING_SLASH_YYYY = KEYWORD_NUMBERING_SLASH_YYYY,
    NUMBERING_DASH_YY = KEYWORD_NUMBERING_DASH_YY,
    NUMBERING_DASH_YYYY = KEYWORD_NUMBERING_DASH_YYYY,
} NumberingForm;

typedef struct {
    int number;      /* 1..999 */
    int year;        /* the full year: 25 is read in the century of the meeting */
    NumberingForm form;
    bool valid;
    Span span;
} CaseNumber;

/* A reference to a case: `72/24`, `SSU 72/24`, `SSU-sak 26/2024`. */
typedef struct CaseRef {
    Span span;
    Slice body_prefix;        /* as written; empty = the meeting's own body */
    CaseNumber number;
    struct Body *body;        /* resolved by the checks; NULL = a body outside the project */
    struct Case *target;      /* resolved by the checks; NULL = unresolved */
    size_t text_offset, text_end; /* byte range in the source file */
    struct CaseRef *next;
} CaseRef;

typedef enum { CASE_TYPE_NONE, CASE_TYPE_B, CASE_TYPE_O, CASE_TYPE_R } CaseType;

/* A later case whose `Oppfølging av` resolved to this one (set by
 * check_references): the forward links of the case's history. */
typedef struct FollowUp {
    struct Case *by;
    struct FollowUp *next;
} FollowUp;

typedef struct CaseField {
    int concept; /* KEYWORD_FIELD_*, or -1 for a near-miss key kept as written */
    Slice key, value;
    Span span, value_span;
    struct CaseField *next;
} CaseField;

typedef struct Attachment {
    Slice text;   /* link text, or the whole value */
    Slice target; /* link destination; empty for a text-only attachment */
    Span span;
    struct Attachment *next;
} Attachment;

typedef enum { DECISION_DECIDED, DECISION_POSTPONED, DECISION_WITHDRAWN } DecisionStatus;

typedef struct {
    Span heading_span;
    Slice text;       /* Markdown, a slice of the source */
    uint32_t text_line; /* the source line the text starts on */
    DecisionStatus status; /* decisions only */
} Part;

/* Votes (issue 16). `Votering: 9 mot 3` with optional `For:`/`Mot:`/
 * `Blank:` lines naming parties and members. */
typedef enum { VOTE_FOR, VOTE_AGAINST, VOTE_BLANK, VOTE_SIDE_COUNT } VoteSide;

typedef struct VoteName {
    Slice name;
    int count;  /* "H (4)": 4; -1 = not given (a member, or all of a party) */
    Span span;
    struct VoteName *next;
} VoteName;

typedef struct Vote {
    Span span, value_span;
    Slice label;                  /* "endringsforslag fra H"; empty: the vote on the proposal */
    bool valid;                   /* the value parsed (else E-VOTE-FORM was reported) */
    bool unanimous;
    int counts[VOTE_SIDE_COUNT];  /* -1 = not given */
    VoteName *names[VOTE_SIDE_COUNT]; /* the For:/Mot:/Blank: lines */
    Span names_span[VOTE_SIDE_COUNT];
    bool names_given[VOTE_SIDE_COUNT];
    struct Vote *next;
} Vote;

/* `Inhabil: Navn (fvl. § 6 ...)`: the member leaves the case. */
typedef struct Recusal {
    Slice name, basis;
    Span span, name_span;
    struct Recusal *next;
} Recusal;

/* `Tiltrådte: Navn for Navn`: a deputy takes the seat for this case only. */
typedef struct StandIn {
    Slice deputy, member;
    Span span, deputy_span, member_span;
    bool counted;             /* set by check_attendance: present and in place of a recused voting member */
    Slice party;              /* set by check_attendance: the party of the member replaced */
    struct StandIn *next;
} StandIn;

typedef struct {
    bool computed, quorate;
    int present_count, required, seats;
    Slice short_party;          /* the first party below its minimum, if any */
    int party_present, party_required;
    const struct Movement *last_change; /* the last left/arrived taking effect at or before this case */
    int left_so_far;            /* voting members who had left before this case */
} QuorumAtCase;

typedef struct Case {
    Span span;              /* the heading */
    CaseNumber number;
    bool heading_valid;     /* false: E-CASE-HEADING was reported; no further checks */
    Slice title;
    Span title_span;
    CaseType type;
    CaseField *fields;
    Slice text;
    uint32_t text_line;
    Part *proposal, *decision;
    Slice exempt_basis;     /* non-empty: Unntatt offentlighet */
    Slice public_title;
    CaseRef *follows_up;
    Span follows_up_span;
    FollowUp *followed_up_by; /* set by check_references, in no particular order */
    const struct Meeting *approves; /* set by check_references: the minutes whose approved_in names this case */
    Attachment *attachments;
    QuorumAtCase quorum;
    Vote *votes;            /* in source order; the last unlabelled one is the final vote */
    bool attendance_unsure; /* an E-RECUSAL made who voted here uncertain: votes are not counted */
    Recusal *recusals;
    StandIn *stand_ins;
    Slice closed_basis;     /* `Lukket:` as written */
    Span closed_span;
    bool closed;
    Slice case_chair;       /* `Møteleder:` who chaired this case (a recused chair's stand-in) */
    Span case_chair_span;
    Slice video;
    struct Meeting *meeting;
    size_t index;           /* position among the meeting's cases */
    bool withheld;          /* set by present.c only: this publication leaves its content out */
} Case;

typedef struct Section {
    Span span; /* the heading */
    int level;
    Slice title;
    Slice text;
    uint32_t text_line;
} Section;

typedef enum { ITEM_CASE, ITEM_SECTION } ItemKind;

typedef struct Item {
    ItemKind kind;
    Case *case_item;
    Section *section;
} Item;

typedef struct Person {
    Span span;
    Slice name, role, party, deputy_for;
    Span deputy_for_span;
    CaseRef *cases; /* guests: the cases they attended */
    /* Set by check_attendance for entries of `present`: whether the entry
     * counts as a voting member, the party it counts for, and the cases it
     * attended (index arrived_at ≤ c < left_at). */
    bool voting;
    Slice counted_party;
    long arrived_at, left_at;
} Person;

typedef struct {
    Person *items;
    size_t count;
} PersonList;

typedef enum { MOVEMENT_LEFT, MOVEMENT_ARRIVED } MovementKind;

typedef struct Movement {
    MovementKind kind;
    Span span;
    CaseNumber before;
    TimeRange at;
    Span at_span;
    Slice *names;
    Span *name_spans;
    size_t name_count;
} Movement;

typedef enum { MEETING_MINUTES, MEETING_NOTICE } MeetingKind;

typedef struct Meeting {
    const SourceFile *file;
    struct Body *body;
    Slice body_id;
    Span body_span;
    MeetingKind kind;
    Date date;
    Span date_span;
    TimeRange time;
    Span time_span;
    Slice place, chair, title;
    Span chair_span;
    Date approved, next_meeting;
    Span approved_span;
    CaseRef *approved_in;   /* `approved_in: SSU 02/26`: the later meeting's case */
    Span approved_in_span;
    Slice referent, video;
    Span referent_span, video_span;
    Slice *signed_by;
    Span *signed_spans;
    size_t signed_count;
    PersonList present, advisory, secretariat, observers, guests, absent;
    bool present_given;  /* the front matter has a 'present' key: attendance is recorded */
    Movement *movements;
    size_t movement_count;
    Slice preamble;
    uint32_t preamble_line;
    Item *items;
    size_t item_count;
    Case **cases;
    size_t case_count;
    CaseRef *references; /* case references in running text, in source order */
    bool front_matter_read; /* the front matter parsed as YAML: kind and the rest are known */
    bool metadata_valid; /* body and date known: the meeting takes part in numbering */
    struct Meeting *superseded_by; /* a notice kept beside its minutes: the minutes */
} Meeting;

typedef struct Member {
    Span span;
    Slice name, role, party;
    bool vote;
    bool deputy;          /* `deputy: true`: a deputy of the party's members (a varamedlem) */
    Slice *deputies;      /* `deputies: [...]`: this member's personal deputies */
    size_t deputy_count;
    Date from, to;
} Member;

typedef struct Body {
    Span span;
    Slice id, name, short_name;
    NumberingForm numbering;
    bool numbering_known; /* false after an unusable 'numbering:' (no form checks) */
    int quorum_numerator, quorum_denominator; /* denominator 0: absolute count */
    struct {
        Slice party;
        int minimum;
        Span span;
    } *per_party;
    size_t per_party_count;
    int seats;
    Member *members;
    size_t member_count;
    bool has_roster;
    bool has_deputies;       /* the roster names deputies (deputy: true or deputies:) */
    CaseNumber archive_from; /* valid: the archive starts here; earlier cases are not checked */
    bool voting_required;    /* `voting: required`: every decided case records its vote */
    bool blank_votes;        /* `blank_votes:` (default true): blank votes count as cast */
    Slice *closing_bases;    /* `closing_basis:`; default koml. § 11-5 */
    size_t closing_basis_count;
    Span closing_span;
} Body;

typedef struct ProjectIndex ProjectIndex;

typedef struct Project {
    const char *root;
    const SourceFile *config_file;
    Slice site_title, base_url;
    Language language;
    Body *bodies;
    size_t body_count;
    Slice *exclude;
    size_t exclude_count;
    Meeting **meetings;
    size_t meeting_count;
    const ProjectIndex *index; /* built by check_project (project_index.c) */
    /* The clock (ns since the epoch) when project_load began reading: a
     * file changed after it may not be in what was read (manifest.c's
     * racy files). 0: unknown, every file is racy. */
    int64_t read_from_ns;
} Project;

Body *project_find_body(const Project *project, Slice id);

#endif
