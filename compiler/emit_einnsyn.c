/* emit_einnsyn: eInnsyn JSON (see emit_einnsyn.h). Field names are those of
 * eInnsyn's API specification (felleslosninger/einnsyn-api-spec:
 * Moetemappe, Moetesak, Moetesaksbeskrivelse, Vedtak, Votering,
 * Moetedeltaker). A record refers to another by its externalId, which is
 * the Noark 5 systemID of the same record (emit_noark5.c). */
#include "emit_einnsyn.h"

#include <string.h>

#include "check.h"
#include "emit_noark5.h"
#include "json.h"
#include "names.h"
#include "project_index.h"

static void emit_text(JsonWriter *w, const char *key, Slice text) {
    json_key(w, key);
    json_object_begin(w);
    json_field_slice(w, "tekstInnhold", text);
    json_field_string(w, "tekstFormat", "text/markdown");
    json_object_end(w);
}

static const char *case_type(const Case *c, bool approves) {
    if (approves)
        return "godkjenning";
    switch (c->type) {
    case CASE_TYPE_B: return "politisk";
    case CASE_TYPE_O: return "orientering";
    case CASE_TYPE_R: return "referat";
    default: return "annet";
    }
}

static void date_time(char *out, size_t capacity, Date date) {
    snprintf(out, capacity, "%04d-%02d-%02dT00:00:00Z", date.year, date.month, date.day);
}

/* One voter at the case and how they voted, where the minutes say it of
 * them: named on their own, or in a party named without a count (all of
 * its voters not named on their own). A party given a count ("H (3)") of
 * more members than that leaves who is who open: they are not listed. */
typedef struct {
    Slice name, party;
    int side; /* -1: not known */
} Ballot;

static size_t collect_ballots(Arena *arena, const Case *c, const Vote *vote, Ballot **out) {
    CaseVoter *voters;
    size_t count = attendance_case_voters(arena, c, &voters);
    Ballot *ballots = arena_alloc_array(arena, count + 1, sizeof *ballots);
    NameSet *names = name_set_new(arena, count);
    for (size_t i = 0; i < count; i++) {
        ballots[i] = (Ballot){voters[i].name, voters[i].party, vote->unanimous ? VOTE_FOR : -1};
        name_set_add(names, voters[i].name, (long)i);
    }
    /* Members named on their own first, then whole parties. */
    for (int side = 0; side < VOTE_SIDE_COUNT; side++)
        for (const VoteName *entry = vote->names[side]; entry; entry = entry->next) {
            long index = name_set_find(names, entry->name);
            if (index >= 0)
                ballots[index].side = side;
        }
    for (int side = 0; side < VOTE_SIDE_COUNT; side++)
        for (const VoteName *entry = vote->names[side]; entry; entry = entry->next) {
            if (name_set_find(names, entry->name) >= 0)
                continue;
            size_t unnamed = 0;
            for (size_t i = 0; i < count; i++)
                unnamed += ballots[i].side < 0 && slice_equal_fold(ballots[i].party, entry->name);
            if (entry->count >= 0 && (size_t)entry->count != unnamed)
                continue;
            for (size_t i = 0; i < count; i++)
                if (ballots[i].side < 0 && slice_equal_fold(ballots[i].party, entry->name))
                    ballots[i].side = side;
        }
    *out = ballots;
    return count;
}

static void emit_vedtak(JsonWriter *w, Arena *arena, const Case *c) {
    const Meeting *m = c->meeting;
    json_key(w, "vedtak");
    json_object_begin(w);
    json_field_string(w, "entity", "Vedtak");
    emit_text(w, "vedtakstekst", c->decision->text);
    char date[16];
    snprintf(date, sizeof date, "%04d-%02d-%02d", m->date.year, m->date.month, m->date.day);
    json_field_string(w, "dato", date);
    const Vote *vote = present_final_vote(c);
    if (vote) {
        static const char *const votes[VOTE_SIDE_COUNT] = {"Ja", "Nei", "Blankt"};
        Ballot *ballots;
        size_t count = collect_ballots(arena, c, vote, &ballots);
        json_key(w, "votering");
        json_array_begin(w);
        for (size_t i = 0; i < count; i++) {
            if (ballots[i].side < 0)
                continue;
            json_object_begin(w);
            json_field_string(w, "entity", "Votering");
            json_key(w, "moetedeltaker");
            json_object_begin(w);
            json_field_string(w, "entity", "Moetedeltaker");
            json_field_slice(w, "moetedeltakerNavn", ballots[i].name);
            json_field_slice(w, "moetedeltakerFunksjon", ballots[i].party);
            json_object_end(w);
            json_field_string(w, "stemme", votes[ballots[i].side]);
            json_object_end(w);
        }
        json_array_end(w);
    }
    json_object_end(w);
}

static void emit_case(JsonWriter *w, Arena *arena, const Case *c, bool approves) {
    const Meeting *m = c->meeting;
    char id[37];
    emit_noark5_case_id(id, c);
    json_object_begin(w);
    json_field_string(w, "entity", "Moetesak");
    json_field_string(w, "externalId", id);
    json_field_string(w, "systemId", id);
    /* The title as published: an exempt case's public title. */
    json_field_slice(w, "offentligTittel", c->title);
    json_field_slice(w, "offentligTittelSensitiv", c->title);
    json_field_string(w, "moetesakstype", case_type(c, approves));
    json_field_int(w, "moetesaksaar", c->number.year);
    json_field_int(w, "moetesakssekvensnummer", c->number.number);
    json_field_slice(w, "utvalg", m->body->name);
    if (c->video.length)
        json_field_slice(w, "videoLink", c->video);
    if (!c->withheld && c->proposal)
        emit_text(w, "innstilling", c->proposal->text);
    if (!c->withheld && c->decision && c->decision->status == DECISION_DECIDED && m->kind == MEETING_MINUTES)
        emit_vedtak(w, arena, c);
    json_object_end(w);
}

static void emit_meeting(JsonWriter *w, const Presentation *presentation, Arena *arena, Meeting *const *meetings,
                         size_t index, size_t count, int number_in_year) {
    const Meeting *m = present_meeting(presentation, arena, meetings[index]);
    char id[37], other[37], date[32];
    emit_noark5_meeting_id(id, meetings[index]);
    json_object_begin(w);
    json_field_string(w, "entity", "Moetemappe");
    json_field_string(w, "externalId", id);
    json_field_string(w, "systemId", id);
    const char *title = present_meeting_title(presentation, arena, m);
    json_field_string(w, "offentligTittel", title);
    json_field_string(w, "offentligTittelSensitiv", title);
    json_field_string(w, "moetenummer", arena_printf(arena, "%d/%d", number_in_year, m->date.year));
    json_field_slice(w, "utvalg", m->body->name);
    date_time(date, sizeof date, m->date);
    json_field_string(w, "moetedato", date);
    if (m->place.length)
        json_field_slice(w, "moetested", m->place);
    if (m->video.length)
        json_field_slice(w, "videoLink", m->video);
    if (index > 0 && meetings[index - 1]->body == m->body) {
        emit_noark5_meeting_id(other, meetings[index - 1]);
        json_field_string(w, "referanseForrigeMoete", other);
    }
    if (index + 1 < count && meetings[index + 1]->body == m->body) {
        emit_noark5_meeting_id(other, meetings[index + 1]);
        json_field_string(w, "referanseNesteMoete", other);
    }
    json_key(w, "moetesak");
    json_array_begin(w);
    for (size_t i = 0; i < m->case_count; i++) {
        const Case *c = m->cases[i];
        if (!c->number.valid)
            continue;
        emit_case(w, arena, c, meetings[index]->cases[i]->approves != NULL);
    }
    json_array_end(w);
    json_object_end(w);
}

void emit_einnsyn(FILE *out, const Project *project, const Presentation *presentation, Arena *arena) {
    const ProjectIndex *index = project->index;
    JsonWriter w;
    json_init_file(&w, out, JSON_PRETTY);
    json_array_begin(&w);
    int year = 0, number_in_year = 0;
    const Body *body = NULL;
    for (size_t i = 0; i < index->meeting_count; i++) {
        const Meeting *m = index->meetings[i];
        number_in_year = m->body == body && m->date.year == year ? number_in_year + 1 : 1;
        body = m->body;
        year = m->date.year;
        emit_meeting(&w, presentation, arena, index->meetings, i, index->meeting_count, number_in_year);
    }
    json_array_end(&w);
    json_finish(&w);
    fputc('\n', out);
}
