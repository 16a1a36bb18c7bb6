/* emit_json: walks the AST after the checks (references resolved, quorum
 * computed) and writes it, as present.c publishes it. Key names follow
 * spec §2. */
#include "emit_json.h"

#include <stdio.h>

#include "keywords.h"
#include "values.h"

static void emit_date(JsonWriter *w, const char *key, Date date) {
    json_key(w, key);
    if (!date.year) {
        json_null(w);
        return;
    }
    char text[16];
    snprintf(text, sizeof text, "%04d-%02d-%02d", date.year, date.month, date.day);
    json_string(w, text);
}

static void emit_span(JsonWriter *w, Span span) {
    if (w->omit_spans)
        return;
    json_key(w, "span");
    json_object_begin(w);
    json_field_int(w, "line", span.line);
    json_field_int(w, "column", span.column);
    json_field_int(w, "end_line", span.end_line);
    json_field_int(w, "end_column", span.end_column);
    json_object_end(w);
}

static void emit_number(JsonWriter *w, const char *key, CaseNumber number, const Body *body) {
    json_key(w, key);
    if (!number.valid) {
        json_null(w);
        return;
    }
    char text[32];
    case_number_format(number, body ? body->numbering : number.form, text, sizeof text);
    json_string(w, text);
}

static void emit_people(JsonWriter *w, const char *key, const PersonList *list, const Body *body) {
    json_key(w, key);
    json_array_begin(w);
    for (size_t i = 0; i < list->count; i++) {
        const Person *p = &list->items[i];
        json_object_begin(w);
        json_field_slice(w, "name", p->name);
        json_field_slice(w, "role", p->role);
        json_field_slice(w, "party", p->party);
        json_field_slice(w, "deputy_for", p->deputy_for);
        json_key(w, "cases");
        json_array_begin(w);
        for (const CaseRef *reference = p->cases; reference; reference = reference->next) {
            char text[32];
            case_number_format(reference->number, body ? body->numbering : reference->number.form, text, sizeof text);
            json_string(w, text);
        }
        json_array_end(w);
        json_object_end(w);
    }
    json_array_end(w);
}

static const char *case_type_name(CaseType type) {
    switch (type) {
    case CASE_TYPE_B: return "B";
    case CASE_TYPE_O: return "O";
    case CASE_TYPE_R: return "R";
    default: return NULL;
    }
}

static const char *status_name(DecisionStatus status) {
    switch (status) {
    case DECISION_POSTPONED: return "postponed";
    case DECISION_WITHDRAWN: return "withdrawn";
    default: return "decided";
    }
}

static void emit_part(JsonWriter *w, const char *key, const Part *part, bool decision) {
    json_key(w, key);
    if (!part) {
        json_null(w);
        return;
    }
    json_object_begin(w);
    json_field_slice(w, "text", part->text);
    if (decision) {
        json_field_string(w, "status", status_name(part->status));
    }
    emit_span(w, part->heading_span);
    json_object_end(w);
}

static void emit_reference(JsonWriter *w, const CaseRef *reference) {
    json_object_begin(w);
    json_field_slice(w, "written", reference->body_prefix);
    json_field_slice(w, "body", reference->body ? reference->body->id : slice_make("", 0));
    char text[32];
    case_number_format(reference->number, reference->body ? reference->body->numbering : reference->number.form, text,
                       sizeof text);
    json_field_string(w, "number", text);
    json_key(w, "resolved");
    if (reference->target) {
        json_object_begin(w);
        json_field_string(w, "file", reference->target->meeting->file->path);
        emit_date(w, "date", reference->target->meeting->date);
        json_object_end(w);
    } else {
        json_null(w);
    }
    emit_span(w, reference->span);
    json_object_end(w);
}

static void emit_quorum(JsonWriter *w, const QuorumAtCase *quorum) {
    json_key(w, "quorum");
    if (!quorum->computed) {
        json_null(w);
        return;
    }
    json_object_begin(w);
    json_field_int(w, "present", quorum->present_count);
    json_field_int(w, "required", quorum->required);
    json_field_int(w, "seats", quorum->seats);
    json_field_bool(w, "quorate", quorum->quorate);
    json_field_slice(w, "short_party", quorum->short_party);
    json_object_end(w);
}

/* Each vote as written (counts; null where the vote did not say) and the
 * names of its For/Mot/Blank lines. */
static void emit_votes(JsonWriter *w, const Case *c) {
    static const char *const sides[VOTE_SIDE_COUNT] = {"votes_for", "votes_against", "votes_blank"};
    json_key(w, "votes");
    json_array_begin(w);
    for (const Vote *vote = c->votes; vote; vote = vote->next) {
        if (!vote->valid)
            continue;
        json_object_begin(w);
        json_field_slice(w, "label", vote->label);
        json_field_bool(w, "unanimous", vote->unanimous);
        for (int side = 0; side < VOTE_SIDE_COUNT; side++) {
            json_key(w, sides[side]);
            if (vote->unanimous || vote->counts[side] < 0)
                json_null(w);
            else
                json_int(w, vote->counts[side]);
        }
        VoteOutcome outcome = present_vote_outcome(vote);
        json_field_string(w, "outcome", outcome == VOTE_ADOPTED ? "adopted" : outcome == VOTE_REJECTED ? "rejected" : "tied");
        json_key(w, "names");
        json_object_begin(w);
        for (int side = 0; side < VOTE_SIDE_COUNT; side++) {
            json_key(w, sides[side]);
            json_array_begin(w);
            for (const VoteName *name = vote->names[side]; name; name = name->next) {
                json_object_begin(w);
                json_field_slice(w, "name", name->name);
                json_key(w, "count");
                if (name->count >= 0)
                    json_int(w, name->count);
                else
                    json_null(w);
                json_object_end(w);
            }
            json_array_end(w);
        }
        json_object_end(w);
        emit_span(w, vote->span);
        json_object_end(w);
    }
    json_array_end(w);
}

static void emit_case(JsonWriter *w, const Case *c, const Meeting *meeting) {
    bool exempt = c->exempt_basis.length > 0;
    json_object_begin(w);
    json_field_string(w, "kind", "case");
    emit_number(w, "number", c->number, meeting->body);
    json_field_slice(w, "title", c->title);
    json_field_string(w, "type", case_type_name(c->type));
    json_key(w, "exempt");
    if (exempt) {
        json_object_begin(w);
        json_field_slice(w, "basis", c->exempt_basis);
        json_field_slice(w, "public_title", c->public_title);
        json_object_end(w);
    } else {
        json_null(w);
    }
    json_key(w, "closed");
    if (c->closed) {
        json_object_begin(w);
        json_field_slice(w, "basis", c->closed_basis);
        json_object_end(w);
    } else {
        json_null(w);
    }
    emit_span(w, c->span);
    emit_quorum(w, &c->quorum);
    if (c->withheld) {
        json_object_end(w);
        return;
    }
    json_key(w, "fields");
    json_array_begin(w);
    for (const CaseField *field = c->fields; field; field = field->next) {
        json_object_begin(w);
        json_field_slice(w, "key", field->key);
        json_field_slice(w, "value", field->value);
        json_object_end(w);
    }
    json_array_end(w);
    json_field_slice(w, "text", c->text);
    emit_part(w, "proposal", c->proposal, false);
    emit_part(w, "decision", c->decision, true);
    json_key(w, "follows_up");
    if (c->follows_up)
        emit_reference(w, c->follows_up);
    else
        json_null(w);
    emit_votes(w, c);
    json_key(w, "recusals");
    json_array_begin(w);
    for (const Recusal *r = c->recusals; r; r = r->next) {
        json_object_begin(w);
        json_field_slice(w, "name", r->name);
        json_field_slice(w, "basis", r->basis);
        json_object_end(w);
    }
    json_array_end(w);
    json_key(w, "stand_ins");
    json_array_begin(w);
    for (const StandIn *stand_in = c->stand_ins; stand_in; stand_in = stand_in->next) {
        json_object_begin(w);
        json_field_slice(w, "deputy", stand_in->deputy);
        json_field_slice(w, "member", stand_in->member);
        json_field_bool(w, "counted", stand_in->counted);
        json_object_end(w);
    }
    json_array_end(w);
    json_field_slice(w, "chair", c->case_chair);
    json_field_slice(w, "recording", c->video);
    json_key(w, "attachments");
    json_array_begin(w);
    for (const Attachment *attachment = c->attachments; attachment; attachment = attachment->next) {
        json_object_begin(w);
        json_field_slice(w, "text", attachment->text);
        json_field_slice(w, "target", attachment->target);
        json_object_end(w);
    }
    json_array_end(w);
    json_object_end(w);
}

/* The meeting's front matter: what it says about the meeting as a whole. */
static void emit_front_matter(JsonWriter *w, const Meeting *m) {
    json_field_string(w, "file", m->file->path);
    json_field_slice(w, "body", m->body_id);
    json_field_string(w, "kind", m->kind == MEETING_NOTICE ? "notice" : "minutes");
    emit_date(w, "date", m->date);
    json_key(w, "time");
    if (m->time.present) {
        char text[48];
        if (m->time.end_minute >= 0)
            snprintf(text, sizeof text, "%02d:%02d-%02d:%02d", m->time.start_minute / 60, m->time.start_minute % 60,
                     m->time.end_minute / 60, m->time.end_minute % 60);
        else
            snprintf(text, sizeof text, "%02d:%02d", m->time.start_minute / 60, m->time.start_minute % 60);
        json_string(w, text);
    } else {
        json_null(w);
    }
    json_field_slice(w, "place", m->place);
    json_field_slice(w, "chair", m->chair);
    emit_date(w, "approved", m->approved);
    json_key(w, "approved_in");
    if (m->approved_in)
        emit_reference(w, m->approved_in);
    else
        json_null(w);
    json_key(w, "signed");
    json_array_begin(w);
    for (size_t i = 0; i < m->signed_count; i++)
        json_slice(w, m->signed_by[i]);
    json_array_end(w);
    json_field_slice(w, "referent", m->referent);
    json_field_slice(w, "recording", m->video);
    emit_date(w, "next_meeting", m->next_meeting);
    json_field_slice(w, "title", m->title);
    json_key(w, "attendance");
    json_object_begin(w);
    emit_people(w, "present", &m->present, m->body);
    emit_people(w, "advisory", &m->advisory, m->body);
    emit_people(w, "secretariat", &m->secretariat, m->body);
    emit_people(w, "observers", &m->observers, m->body);
    emit_people(w, "guests", &m->guests, m->body);
    emit_people(w, "absent", &m->absent, m->body);
    json_object_end(w);
    json_key(w, "movements");
    json_array_begin(w);
    for (size_t i = 0; i < m->movement_count; i++) {
        const Movement *movement = &m->movements[i];
        json_object_begin(w);
        json_field_string(w, "kind", movement->kind == MOVEMENT_LEFT ? "left" : "arrived");
        emit_number(w, "before", movement->before, m->body);
        json_key(w, "names");
        json_array_begin(w);
        for (size_t n = 0; n < movement->name_count; n++)
            json_slice(w, movement->names[n]);
        json_array_end(w);
        json_object_end(w);
    }
    json_array_end(w);
}

void emit_json_front_matter(JsonWriter *w, const Meeting *m) {
    json_object_begin(w);
    emit_front_matter(w, m);
    json_object_end(w);
}

void emit_json_meeting(JsonWriter *w, const Meeting *m) {
    json_object_begin(w);
    emit_front_matter(w, m);
    json_field_slice(w, "preamble", m->preamble);
    json_key(w, "items");
    json_array_begin(w);
    for (size_t i = 0; i < m->item_count; i++) {
        const Item *item = &m->items[i];
        if (item->kind == ITEM_CASE) {
            emit_case(w, item->case_item, m);
            continue;
        }
        json_object_begin(w);
        json_field_string(w, "kind", "section");
        json_field_slice(w, "title", item->section->title);
        json_field_slice(w, "text", item->section->text);
        emit_span(w, item->section->span);
        json_object_end(w);
    }
    json_array_end(w);
    json_key(w, "references");
    json_array_begin(w);
    for (const CaseRef *reference = m->references; reference; reference = reference->next)
        emit_reference(w, reference);
    json_array_end(w);
    json_object_end(w);
}

void emit_json_project(FILE *out, const Project *project, const Presentation *presentation, Arena *arena) {
    JsonWriter w;
    json_init_file(&w, out, JSON_PRETTY);
    json_object_begin(&w);
    json_key(&w, "site");
    json_object_begin(&w);
    json_field_slice(&w, "title", project->site_title);
    json_field_string(&w, "language", language_code(project->language));
    json_field_slice(&w, "base_url", project->base_url);
    json_object_end(&w);
    json_key(&w, "bodies");
    json_array_begin(&w);
    for (size_t i = 0; i < project->body_count; i++) {
        const Body *body = &project->bodies[i];
        json_object_begin(&w);
        json_field_slice(&w, "id", body->id);
        json_field_slice(&w, "name", body->name);
        json_field_slice(&w, "short", body->short_name);
        json_field_string(&w, "numbering", numbering_form_name(body->numbering));
        json_field_int(&w, "seats", body->seats);
        json_field_string(&w, "voting", body->voting_required ? "required" : "optional");
        json_field_bool(&w, "blank_votes", body->blank_votes);
        json_key(&w, "closing_basis");
        json_array_begin(&w);
        for (size_t b = 0; b < body->closing_basis_count; b++)
            json_slice(&w, body->closing_bases[b]);
        json_array_end(&w);
        json_key(&w, "members");
        json_array_begin(&w);
        for (size_t m = 0; m < body->member_count; m++) {
            const Member *member = &body->members[m];
            json_object_begin(&w);
            json_field_slice(&w, "name", member->name);
            json_field_slice(&w, "role", member->role);
            json_field_slice(&w, "party", member->party);
            json_field_bool(&w, "vote", member->vote);
            json_field_bool(&w, "deputy", member->deputy);
            json_key(&w, "deputies");
            json_array_begin(&w);
            for (size_t d = 0; d < member->deputy_count; d++)
                json_slice(&w, member->deputies[d]);
            json_array_end(&w);
            emit_date(&w, "from", member->from);
            emit_date(&w, "to", member->to);
            json_object_end(&w);
        }
        json_array_end(&w);
        json_object_end(&w);
    }
    json_array_end(&w);
    json_key(&w, "meetings");
    json_array_begin(&w);
    for (size_t i = 0; i < project->meeting_count; i++)
        emit_json_meeting(&w, present_meeting(presentation, arena, project->meetings[i]));
    json_array_end(&w);
    json_object_end(&w);
    json_finish(&w);
}
