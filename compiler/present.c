/* present: the presentation layer (see present.h). The publication rule is
 * here and nowhere else: present_meeting decides what a public build
 * leaves out, and every emitter reads the meeting it returns. */
#include "present.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buffer.h"
#include "keywords.h"
#include "limits.h"
#include "project_index.h"
#include "templates_embedded.h"
#include "values.h"

/* ---- labels -------------------------------------------------------------- */

/* labels.tsv: key, then the text in nb, nn and en, tab-separated; '#'
 * starts a comment line. A key read again replaces the earlier text, so the
 * project's file overrides the built-in one key by key. */
static void labels_read(Presentation *presentation, Arena *arena, const SourceFile *file) {
    int column = presentation->language == LANGUAGE_NN ? 2 : presentation->language == LANGUAGE_EN ? 3 : 1;
    PresentLabel *labels = arena_alloc_array(arena, presentation->label_count + file->line_count + 1, sizeof *labels);
    if (presentation->label_count)
        memcpy(labels, presentation->labels, presentation->label_count * sizeof *labels);
    size_t count = presentation->label_count;
    for (uint32_t line = 1; line <= file->line_count; line++) {
        Slice text = source_line(file, line);
        if (text.length == 0 || text.data[0] == '#')
            continue;
        Slice fields[4];
        size_t field_count = 0, start = 0;
        for (size_t i = 0; i <= text.length && field_count < 4; i++) {
            if (i == text.length || text.data[i] == '\t') {
                fields[field_count++] = slice_make(text.data + start, i - start);
                start = i + 1;
            }
        }
        if (field_count != 4)
            continue;
        const char *key = arena_strndup(arena, fields[0].data, fields[0].length);
        const char *value = arena_strndup(arena, fields[column].data, fields[column].length);
        size_t k = 0;
        while (k < count && strcmp(labels[k].key, key) != 0)
            k++;
        labels[k] = (PresentLabel){key, value};
        if (k == count)
            count++;
    }
    presentation->labels = labels;
    presentation->label_count = count;
}

static int compare_labels(const void *left, const void *right) {
    return strcmp(((const PresentLabel *)left)->key, ((const PresentLabel *)right)->key);
}

bool presentation_init(Presentation *presentation, Arena *arena, Diagnostics *diagnostics, const Project *project,
                       Publication publication) {
    memset(presentation, 0, sizeof *presentation);
    presentation->project = project;
    presentation->publication = publication;
    presentation->language = project->language;
    const EmbeddedFile *builtin = NULL;
    for (size_t i = 0; i < embedded_template_count; i++)
        if (strcmp(embedded_templates[i].name, "labels.tsv") == 0)
            builtin = &embedded_templates[i];
    if (builtin) {
        const SourceFile *file =
            source_from_memory(arena, diagnostics, "<built-in>/labels.tsv", builtin->data, builtin->length);
        if (file) {
            labels_read(presentation, arena, file);
            presentation->labels_file = file;
        }
    }
    const char *root = project->root ? project->root : ".";
    struct stat info;
    if (stat(arena_printf(arena, "%s/templates/labels.tsv", root), &info) == 0 && S_ISREG(info.st_mode)) {
        const SourceFile *file = source_load(arena, diagnostics, root, "templates/labels.tsv");
        if (!file)
            return false;
        labels_read(presentation, arena, file);
        presentation->labels_file = file;
    }
    /* Sorted, for present_label's binary search: every page asks for
     * dozens of labels, and a scan of 130 keys was 2 % of a build. */
    if (presentation->label_count)
        qsort(presentation->labels, presentation->label_count, sizeof *presentation->labels, compare_labels);
    return presentation->labels_file != NULL;
}

const char *present_label(const Presentation *presentation, const char *key) {
    PresentLabel wanted = {key, NULL};
    const PresentLabel *found = presentation->label_count
                                    ? bsearch(&wanted, presentation->labels, presentation->label_count,
                                              sizeof *presentation->labels, compare_labels)
                                    : NULL;
    return found ? found->text : key;
}

/* ---- the publication rule --------------------------------------------- */

/* Exempt content (offentleglova) and cases dealt with behind closed doors
 * (kommuneloven § 11-5) keep their content out of the public build. */
static bool withheld(const Presentation *presentation, const Case *c) {
    return presentation->publication == PUBLICATION_PUBLIC && (c->exempt_basis.length > 0 || c->closed);
}

/* The case a source line belongs to: the last item starting at or before
 * it, if that is a case. */
static const Case *case_of_line(const Meeting *m, uint32_t line) {
    const Item *owner = NULL;
    for (size_t i = 0; i < m->item_count; i++) {
        const Item *item = &m->items[i];
        uint32_t start = item->kind == ITEM_CASE ? item->case_item->span.line : item->section->span.line;
        if (start > line)
            break;
        owner = item;
    }
    return owner && owner->kind == ITEM_CASE ? owner->case_item : NULL;
}

/* A guest's case: resolved by the checks, or else this meeting's case
 * with that number. */
static const Case *guest_case(const Meeting *m, const CaseRef *r) {
    if (r->target)
        return r->target;
    for (size_t i = 0; i < m->case_count; i++)
        if (m->cases[i]->number.valid && m->cases[i]->number.number == r->number.number &&
            m->cases[i]->number.year == r->number.year)
            return m->cases[i];
    return NULL;
}

static Case *withheld_copy(const Presentation *presentation, Arena *arena, const Case *c, Meeting *published) {
    Case *copy = arena_alloc(arena, sizeof *copy);
    *copy = *c;
    /* A closed case that is not exempt keeps its title: only what was said
     * and decided behind the doors is left out. */
    if (c->exempt_basis.length)
        copy->title = c->public_title.length ? c->public_title : slice_from_cstring(present_label(presentation, "exempt"));
    copy->fields = NULL;
    copy->text = slice_make("", 0);
    copy->proposal = copy->decision = NULL;
    copy->follows_up = NULL;
    copy->attachments = NULL;
    copy->votes = NULL;
    copy->recusals = NULL; /* who was disqualified tells of the case */
    copy->stand_ins = NULL;
    copy->case_chair = slice_make("", 0);
    copy->video = slice_make("", 0);
    copy->meeting = published;
    copy->withheld = true;
    return copy;
}

/* A copy of a reference list without the references into withheld cases
 * (a guest's `cases`) or inside them (running text): where a reference
 * stands and what it points to would tell of the exempt text. */
static CaseRef *references_published(Arena *arena, const Meeting *m, const CaseRef *list, bool by_target,
                                     const Presentation *presentation) {
    CaseRef *head = NULL, **tail = &head;
    for (const CaseRef *r = list; r; r = r->next) {
        const Case *about = by_target ? guest_case(m, r) : case_of_line(m, r->span.line);
        if (about && withheld(presentation, about))
            continue;
        CaseRef *copy = arena_alloc(arena, sizeof *copy);
        *copy = *r;
        copy->next = NULL;
        *tail = copy;
        tail = &copy->next;
    }
    return head;
}

/* Guests who attended only withheld cases are left out, and the withheld
 * cases out of everyone's list: who took part in an exempt case (a
 * personnel case) is itself exempt. */
static PersonList guests_published(const Presentation *presentation, Arena *arena, const Meeting *m) {
    PersonList list = {arena_alloc_array(arena, m->guests.count + 1, sizeof *list.items), 0};
    for (size_t i = 0; i < m->guests.count; i++) {
        Person person = m->guests.items[i];
        bool had_cases = person.cases != NULL;
        person.cases = references_published(arena, m, person.cases, true, presentation);
        if (had_cases && !person.cases)
            continue;
        list.items[list.count++] = person;
    }
    return list;
}

const Meeting *present_meeting(const Presentation *presentation, Arena *arena, const Meeting *meeting) {
    bool any = false;
    for (size_t i = 0; i < meeting->case_count && !any; i++)
        any = withheld(presentation, meeting->cases[i]);
    if (!any)
        return meeting;
    Meeting *published = arena_alloc(arena, sizeof *published);
    *published = *meeting;
    published->cases = arena_alloc_array(arena, meeting->case_count + 1, sizeof *published->cases);
    published->items = arena_alloc_array(arena, meeting->item_count + 1, sizeof *published->items);
    for (size_t i = 0; i < meeting->case_count; i++) {
        Case *c = meeting->cases[i];
        published->cases[i] = withheld(presentation, c) ? withheld_copy(presentation, arena, c, published) : c;
    }
    for (size_t i = 0; i < meeting->item_count; i++) {
        published->items[i] = meeting->items[i];
        if (meeting->items[i].kind == ITEM_CASE)
            published->items[i].case_item = published->cases[meeting->items[i].case_item->index];
    }
    published->references = references_published(arena, meeting, meeting->references, false, presentation);
    published->guests = guests_published(presentation, arena, meeting);
    return published;
}

/* ---- words and forms ----------------------------------------------------- */

const char *present_date(const Presentation *presentation, Arena *arena, Date date) {
    if (!date.year)
        return NULL;
    if (presentation->language == LANGUAGE_EN)
        return present_iso_date(arena, date);
    char text[DATE_TEXT_SIZE];
    date_format_dotted(date, text);
    return arena_strdup(arena, text);
}

const char *present_iso_date(Arena *arena, Date date) {
    char text[DATE_TEXT_SIZE];
    date_format_iso(date, text);
    return arena_strdup(arena, text);
}

const char *present_time(Arena *arena, TimeRange time) {
    if (!time.present)
        return NULL;
    if (time.end_minute < 0)
        return arena_printf(arena, "%02d:%02d", time.start_minute / 60, time.start_minute % 60);
    return arena_printf(arena, "%02d:%02d–%02d:%02d", time.start_minute / 60, time.start_minute % 60,
                        time.end_minute / 60, time.end_minute % 60);
}

const char *present_case_number(Arena *arena, CaseNumber number, const Body *body) {
    char text[32];
    case_number_format(number, body ? body->numbering : number.form, text, sizeof text);
    return arena_strdup(arena, text);
}

const char *present_case_anchor(Arena *arena, CaseNumber number) {
    char text[64] = "sak-";
    size_t length = 4 + decimal_format(text + 4, number.number, 0);
    text[length++] = '-';
    length += decimal_format(text + length, number.year, 0);
    return arena_strndup(arena, text, length);
}

const char *present_meeting_path(Arena *arena, const Meeting *meeting) {
    size_t id_length = strlen(meeting->body->id.data);
    char *path = arena_alloc(arena, id_length + 1 + DATE_TEXT_SIZE);
    memcpy(path, meeting->body->id.data, id_length);
    path[id_length] = '/';
    date_format_iso(meeting->date, path + id_length + 1);
    return path;
}

const char *present_meeting_title(const Presentation *presentation, Arena *arena, const Meeting *meeting) {
    if (meeting->title.length)
        return arena_strndup(arena, meeting->title.data, meeting->title.length);
    return arena_printf(arena, "%s %s %s",
                        present_label(presentation, meeting->kind == MEETING_NOTICE ? "notice" : "minutes"),
                        meeting->body->short_name.data, present_date(presentation, arena, meeting->date));
}

const char *present_type_name(const Presentation *presentation, CaseType type) {
    switch (type) {
    case CASE_TYPE_B: return present_label(presentation, "type_b");
    case CASE_TYPE_O: return present_label(presentation, "type_o");
    case CASE_TYPE_R: return present_label(presentation, "type_r");
    default: return NULL;
    }
}

const char *present_decision_heading(const Presentation *presentation, const Part *decision) {
    return present_label(presentation, decision->status == DECISION_POSTPONED   ? "decision_postponed"
                                       : decision->status == DECISION_WITHDRAWN ? "decision_withdrawn"
                                                                                : "decision");
}

const char *present_outcome(const Presentation *presentation, const Case *c) {
    const Meeting *m = c->meeting;
    const char *key;
    if (c->withheld)
        key = "outcome_none";
    else if (m->kind == MEETING_NOTICE)
        key = c->proposal ? "outcome_proposed" : "outcome_none";
    else if (present_is_draft(m))
        key = "outcome_draft"; /* nothing is decided until the minutes are approved */
    else if (c->decision && c->decision->status == DECISION_POSTPONED)
        key = "outcome_postponed";
    else if (c->decision && c->decision->status == DECISION_WITHDRAWN)
        key = "outcome_withdrawn";
    else if (c->type == CASE_TYPE_O)
        key = "outcome_informed"; /* an orienteringssak is taken note of, not decided */
    else if (c->type == CASE_TYPE_R)
        key = "outcome_reported";
    else
        key = c->decision ? "outcome_decided" : "outcome_none";
    return present_label(presentation, key);
}

const char *present_quorum_note(const Presentation *presentation, Arena *arena, const Case *c, const Case *previous) {
    const QuorumAtCase *q = &c->quorum;
    if (!q->computed)
        return NULL;
    if (previous && previous->quorum.present_count == q->present_count && previous->quorum.quorate == q->quorate)
        return NULL;
    return arena_printf(arena, "%d %s %d, %d %s – %s", q->present_count, present_label(presentation, "quorum_present"),
                        q->seats, q->required, present_label(presentation, "quorum_required"),
                        present_label(presentation, q->quorate ? "quorum_quorate" : "quorum_not_quorate"));
}

const char *present_exempt_note(const Presentation *presentation, Arena *arena, const Case *c) {
    if (!c->exempt_basis.length)
        return NULL;
    bool internal = presentation->publication == PUBLICATION_INTERNAL;
    return arena_printf(arena, "%s (%.*s)%s%s", present_label(presentation, "exempt"), (int)c->exempt_basis.length,
                        c->exempt_basis.data, internal ? " – " : "",
                        internal ? present_label(presentation, "exempt_internal") : "");
}

VoteOutcome present_vote_outcome(const Vote *vote) {
    if (vote->unanimous || vote->counts[VOTE_FOR] > vote->counts[VOTE_AGAINST])
        return VOTE_ADOPTED;
    return vote->counts[VOTE_FOR] < vote->counts[VOTE_AGAINST] ? VOTE_REJECTED : VOTE_TIED;
}

const Vote *present_final_vote(const Case *c) {
    const Vote *final = NULL, *last = NULL;
    for (const Vote *vote = c->votes; vote; vote = vote->next) {
        if (!vote->valid)
            continue;
        last = vote;
        if (vote->label.length == 0)
            final = vote;
    }
    return final ? final : last;
}

const char *present_vote_heading(const Presentation *presentation, Arena *arena, const Vote *vote) {
    if (vote->label.length == 0)
        return present_label(presentation, "vote");
    return arena_printf(arena, "%s (%.*s)", present_label(presentation, "vote"), (int)vote->label.length,
                        vote->label.data);
}

const char *present_vote_summary(const Presentation *presentation, Arena *arena, const Vote *vote) {
    if (vote->unanimous)
        return present_label(presentation, "vote_unanimous");
    VoteOutcome outcome = present_vote_outcome(vote);
    const char *lead = present_label(presentation, outcome == VOTE_ADOPTED    ? "vote_adopted"
                                                   : outcome == VOTE_REJECTED ? "vote_rejected"
                                                                              : "vote_tie");
    const char *blank = vote->counts[VOTE_BLANK] > 0
                            ? arena_printf(arena, ", %d %s", vote->counts[VOTE_BLANK],
                                           present_label(presentation, "vote_blank_count"))
                            : "";
    const char *votes = present_label(presentation, "vote_votes");
    return arena_printf(arena, "%s %d %s %d%s%s%s", lead, vote->counts[VOTE_FOR], present_label(presentation, "vote_versus"),
                        vote->counts[VOTE_AGAINST], *votes ? " " : "", votes, blank);
}

const char *present_vote_names(Arena *arena, const Vote *vote, VoteSide side) {
    if (!vote->names_given[side] || !vote->names[side])
        return NULL;
    StringBuffer text = {0};
    for (const VoteName *name = vote->names[side]; name; name = name->next) {
        buffer_printf(&text, "%s%.*s", name == vote->names[side] ? "" : ", ", (int)name->name.length, name->name.data);
        if (name->count >= 0)
            buffer_printf(&text, " (%d)", name->count);
    }
    const char *result = arena_strndup(arena, text.data, text.length);
    buffer_free(&text);
    return result;
}

const char *present_vote_side(const Presentation *presentation, VoteSide side) {
    return present_label(presentation, side == VOTE_FOR ? "vote_for" : side == VOTE_AGAINST ? "vote_against" : "vote_blank");
}

const char *present_recusal(const Presentation *presentation, Arena *arena, const Case *c, const Recusal *recusal) {
    const char *text = recusal->basis.length ? arena_printf(arena, "%.*s (%.*s)", (int)recusal->name.length,
                                                            recusal->name.data, (int)recusal->basis.length,
                                                            recusal->basis.data)
                                             : arena_strndup(arena, recusal->name.data, recusal->name.length);
    for (const StandIn *s = c->stand_ins; s; s = s->next)
        if (slice_equal_fold(s->member, recusal->name))
            text = arena_printf(arena, "%s – %.*s %s %.*s", text, (int)s->deputy.length, s->deputy.data,
                                present_label(presentation, "stand_in"), (int)s->member.length, s->member.data);
    return text;
}

const char *present_closed_note(const Presentation *presentation, Arena *arena, const Case *c) {
    if (!c->closed)
        return NULL;
    if (!c->closed_basis.length)
        return present_label(presentation, "closed");
    return arena_printf(arena, "%s (%.*s)", present_label(presentation, "closed"), (int)c->closed_basis.length,
                        c->closed_basis.data);
}

const char *present_outcome_with_vote(const Presentation *presentation, Arena *arena, const Case *c) {
    const char *outcome = present_outcome(presentation, c);
    const Vote *vote = c->withheld ? NULL : present_final_vote(c);
    if (!vote || c->meeting->kind != MEETING_MINUTES || (c->decision && c->decision->status != DECISION_DECIDED))
        return outcome;
    if (present_vote_outcome(vote) == VOTE_REJECTED && strcmp(outcome, present_label(presentation, "outcome_decided")) == 0)
        outcome = present_label(presentation, "outcome_rejected");
    if (vote->unanimous)
        return arena_printf(arena, "%s (%s)", outcome,
                            keyword_spelling(KEYWORD_GROUP_VOTE, KEYWORD_VOTE_UNANIMOUS, presentation->language));
    return arena_printf(arena, "%s (%d %s %d)", outcome, vote->counts[VOTE_FOR], present_label(presentation, "vote_versus"),
                        vote->counts[VOTE_AGAINST]);
}

bool present_field_is_plain(const CaseField *field) {
    switch (field->concept) {
    case KEYWORD_FIELD_ATTACHMENT:
    case KEYWORD_FIELD_FOLLOWS_UP:
    case KEYWORD_FIELD_EXEMPT:
    case KEYWORD_FIELD_VOTE:
    case KEYWORD_FIELD_VOTE_FOR:
    case KEYWORD_FIELD_VOTE_AGAINST:
    case KEYWORD_FIELD_VOTE_BLANK:
    case KEYWORD_FIELD_RECUSAL:
    case KEYWORD_FIELD_STAND_IN:
    case KEYWORD_FIELD_CLOSED:
    case KEYWORD_FIELD_CASE_CHAIR:
    case KEYWORD_FIELD_VIDEO: return false;
    default: return true;
    }
}

bool present_case_withheld(const Presentation *presentation, const Case *c) {
    return c->withheld || withheld(presentation, c);
}

int present_compare_cases(const Case *a, const Case *b) {
    int order = date_compare(a->meeting->date, b->meeting->date);
    if (order)
        return order;
    if (a->meeting->body != b->meeting->body)
        return a->meeting->body < b->meeting->body ? -1 : 1;
    if (a->number.year != b->number.year)
        return a->number.year - b->number.year;
    return a->number.number - b->number.number;
}

static int compare_cases_by_date(const void *left, const void *right) {
    return present_compare_cases(*(const Case *const *)left, *(const Case *const *)right);
}

size_t present_follow_ups(const Presentation *presentation, Arena *arena, const Case *c, const Case ***out) {
    size_t count = 0;
    for (const FollowUp *f = present_case_withheld(presentation, c) ? NULL : c->followed_up_by; f; f = f->next)
        count++;
    const Case **list = arena_alloc_array(arena, count + 1, sizeof *list);
    count = 0;
    for (const FollowUp *f = present_case_withheld(presentation, c) ? NULL : c->followed_up_by; f; f = f->next)
        if (!present_case_withheld(presentation, f->by) && !f->by->meeting->superseded_by)
            list[count++] = f->by;
    qsort(list, count, sizeof *list, compare_cases_by_date);
    *out = list;
    return count;
}

static const Case *published_target(const Presentation *presentation, const Case *c) {
    const Case *target = c->follows_up ? c->follows_up->target : NULL;
    return target && !present_case_withheld(presentation, target) && !target->meeting->superseded_by ? target : NULL;
}

static bool has_published_follow_up(const Presentation *presentation, const Case *c) {
    for (const FollowUp *f = c->followed_up_by; f; f = f->next)
        if (!present_case_withheld(presentation, f->by) && !f->by->meeting->superseded_by)
            return true;
    return false;
}

const Case *present_thread_root(const Presentation *presentation, const Case *c) {
    if (present_case_withheld(presentation, c))
        return NULL;
    if (!published_target(presentation, c) && !has_published_follow_up(presentation, c))
        return NULL;
    /* Back to the first case; a cycle of follow-ups (which the checks do
     * not forbid) is cut where the walk has gone as far as it can go. */
    const Case *root = c;
    for (size_t steps = 0; published_target(presentation, root) && steps < LIMIT_CASES_PER_MEETING * 64; steps++) {
        root = published_target(presentation, root);
        if (root == c)
            return c;
    }
    return root;
}

size_t present_thread(const Presentation *presentation, Arena *arena, const Case *root, const Case ***out) {
    /* Breadth first over the follow-ups: each case has one case it follows
     * up, so every case of the thread is reached once (a cycle back to the
     * root stops there). */
    size_t capacity = 16, count = 0;
    const Case **list = arena_alloc_array(arena, capacity, sizeof *list);
    list[count++] = root;
    for (size_t next = 0; next < count; next++) {
        for (const FollowUp *f = list[next]->followed_up_by; f; f = f->next) {
            if (f->by == root || present_case_withheld(presentation, f->by) || f->by->meeting->superseded_by)
                continue;
            if (count == capacity) {
                const Case **grown = arena_alloc_array(arena, capacity * 2, sizeof *grown);
                memcpy(grown, list, count * sizeof *list);
                list = grown;
                capacity *= 2;
            }
            list[count++] = f->by;
        }
    }
    qsort(list, count, sizeof *list, compare_cases_by_date);
    *out = list;
    return count;
}

const char *present_thread_path(Arena *arena, const Case *root) {
    return arena_printf(arena, "saker/%s-%d-%d.html", root->meeting->body->id.data, root->number.number,
                        root->number.year);
}

const Meeting *present_approving_meeting(const Project *project, const Meeting *m) {
    if (m->approved_in || m->kind != MEETING_MINUTES || !m->approved.year || !project->index)
        return NULL;
    const Meeting *approving = project_index_meeting_on(project->index, m->body, m->approved);
    return approving && date_compare(approving->date, m->date) != 0 ? approving : NULL;
}

bool present_is_draft(const Meeting *meeting) {
    return meeting->kind == MEETING_MINUTES && !meeting->approved.year;
}
