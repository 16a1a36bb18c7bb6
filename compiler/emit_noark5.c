/* emit_noark5: arkivstruktur.xml and arkivuttrekk.xml (see emit_noark5.h).
 * The element order is the XSD's (Noark 5 v5.0 arkivstruktur.xsd): a type
 * derived by extension (møtemappe, møteregistrering) puts its own elements
 * after all of the base type's, children included. */
#include "emit_noark5.h"

#include <stdio.h>
#include <string.h>

#include "digest.h"
#include "keywords.h"
#include "project_index.h"
#include "values.h"

static const char CREATOR[] = "referat";

/* ---- a small XML writer ------------------------------------------------- */

typedef struct {
    StringBuffer *out;
    int depth;
} Xml;

static void xml_text(StringBuffer *out, const char *text, size_t length) {
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)text[i];
        switch (c) {
        case '&': buffer_append_cstring(out, "&amp;"); break;
        case '<': buffer_append_cstring(out, "&lt;"); break;
        case '>': buffer_append_cstring(out, "&gt;"); break;
        case '"': buffer_append_cstring(out, "&quot;"); break;
        case '\r': break;
        default:
            /* Control characters are not XML; the sources are valid UTF-8. */
            if (c >= 0x20 || c == '\n' || c == '\t')
                buffer_append(out, &text[i], 1);
        }
    }
}

static void xml_indent(Xml *xml) {
    for (int i = 0; i < xml->depth; i++)
        buffer_append_cstring(xml->out, "  ");
}

static void xml_open(Xml *xml, const char *name, const char *type) {
    xml_indent(xml);
    if (type)
        buffer_printf(xml->out, "<%s xsi:type=\"%s\">\n", name, type);
    else
        buffer_printf(xml->out, "<%s>\n", name);
    xml->depth++;
}

static void xml_close(Xml *xml, const char *name) {
    xml->depth--;
    xml_indent(xml);
    buffer_printf(xml->out, "</%s>\n", name);
}

static void xml_element(Xml *xml, const char *name, Slice text) {
    xml_indent(xml);
    buffer_printf(xml->out, "<%s>", name);
    xml_text(xml->out, text.data, text.length);
    buffer_printf(xml->out, "</%s>\n", name);
}

static void xml_cstring(Xml *xml, const char *name, const char *text) {
    xml_element(xml, name, slice_from_cstring(text ? text : ""));
}

static void xml_date_time(Xml *xml, const char *name, Date date) {
    char text[32];
    snprintf(text, sizeof text, "%04d-%02d-%02dT00:00:00", date.year, date.month, date.day);
    xml_cstring(xml, name, text);
}

static void xml_date(Xml *xml, const char *name, Date date) {
    char text[16];
    snprintf(text, sizeof text, "%04d-%02d-%02d", date.year, date.month, date.day);
    xml_cstring(xml, name, text);
}

/* ---- identifiers ---------------------------------------------------------- */

/* A UUID (version 8, the RFC 9562 form for identifiers an application
 * derives itself) from what it identifies, so that a second export gives
 * the same systemIDs. */
static void uuid_of(char out[37], const char *kind, const char *key) {
    uint64_t halves[2];
    for (int half = 0; half < 2; half++) {
        Digest digest;
        digest_init(&digest);
        digest_number(&digest, (uint64_t)half);
        digest_string(&digest, kind);
        digest_string(&digest, key);
        halves[half] = digest.state;
    }
    unsigned char bytes[16];
    for (int i = 0; i < 16; i++)
        bytes[i] = (unsigned char)(halves[i / 8] >> (8 * (i % 8)));
    bytes[6] = (unsigned char)((bytes[6] & 0x0F) | 0x80);
    bytes[8] = (unsigned char)((bytes[8] & 0x3F) | 0x80);
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", bytes[0], bytes[1],
             bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9], bytes[10], bytes[11],
             bytes[12], bytes[13], bytes[14], bytes[15]);
}

static void meeting_key(char *out, size_t capacity, const Meeting *m) {
    snprintf(out, capacity, "%s/%04d-%02d-%02d/%s", m->body->id.data, m->date.year, m->date.month, m->date.day,
             m->kind == MEETING_NOTICE ? "notice" : "minutes");
}

static void case_uuid(char out[37], const Case *c) {
    char key[96];
    snprintf(key, sizeof key, "%s/%d/%d", c->meeting->body->id.data, c->number.year, c->number.number);
    uuid_of(out, "møteregistrering", key);
}

static void meeting_uuid(char out[37], const Meeting *m, const char *kind) {
    char key[128];
    meeting_key(key, sizeof key, m);
    uuid_of(out, kind, key);
}

void emit_noark5_case_id(char out[37], const Case *c) {
    case_uuid(out, c);
}

void emit_noark5_meeting_id(char out[37], const Meeting *m) {
    meeting_uuid(out, m, "møtemappe");
}

/* ---- the parts -------------------------------------------------------------- */

static Date archived_date(const Meeting *m) {
    return m->approved.year ? m->approved : m->date;
}

/* skjerming: an exempt case (offentleglova) or a closed one (kommuneloven
 * § 11-5) is screened in the deposit's public use; its basis is named. */
static void write_screening(Xml *xml, const Case *c) {
    Slice basis = c->exempt_basis.length ? c->exempt_basis : c->closed_basis;
    if (!c->exempt_basis.length && !c->closed)
        return;
    xml_open(xml, "skjerming", NULL);
    xml_cstring(xml, "tilgangsrestriksjon", c->exempt_basis.length ? "UO" : "LM"); /* unntatt / lukket møte */
    xml_element(xml, "skjermingshjemmel", basis.length ? basis : slice_from_cstring("koml. § 11-5"));
    xml_cstring(xml, "skjermingMetadata", c->public_title.length || !c->exempt_basis.length ? "Tittel registrering"
                                                                                               : "Hele registreringen");
    xml_cstring(xml, "skjermingDokument", "Delvis");
    xml_close(xml, "skjerming");
}

static const char *case_type(const Case *c) {
    switch (c->type) {
    case CASE_TYPE_B: return "Politisk sak";
    case CASE_TYPE_O: return "Orienteringssak";
    case CASE_TYPE_R: return "Referatsak";
    default: return NULL;
    }
}

static const char *case_status(const Case *c) {
    if (c->meeting->kind == MEETING_NOTICE)
        return "Til behandling";
    if (c->decision && c->decision->status == DECISION_POSTPONED)
        return "Utsatt";
    if (c->decision && c->decision->status == DECISION_WITHDRAWN)
        return "Trukket";
    if (c->type == CASE_TYPE_O || c->type == CASE_TYPE_R)
        return "Tatt til orientering";
    return c->decision ? "Vedtatt" : "Behandlet";
}

static Slice field_value(const Case *c, int concept) {
    for (const CaseField *f = c->fields; f; f = f->next)
        if (f->concept == concept)
            return f->value;
    return slice_make("", 0);
}

static void write_note(Xml *xml, const char *type, const char *text, const Meeting *m) {
    xml_open(xml, "merknad", NULL);
    xml_cstring(xml, "merknadstekst", text);
    xml_cstring(xml, "merknadstype", type);
    xml_date_time(xml, "merknadsdato", m->date);
    xml_cstring(xml, "merknadRegistrertAv", CREATOR);
    xml_close(xml, "merknad");
}

/* The start every møteregistrering shares: identity, and when it was made
 * and archived (the meeting, and its approval). */
static void open_registration(Xml *xml, const char *id, const Meeting *m) {
    xml_open(xml, "registrering", "moeteregistrering");
    xml_cstring(xml, "systemID", id);
    xml_date_time(xml, "opprettetDato", m->date);
    xml_cstring(xml, "opprettetAv", CREATOR);
    xml_date_time(xml, "arkivertDato", archived_date(m));
    xml_cstring(xml, "arkivertAv", CREATOR);
}

static void write_case(Xml *xml, const Presentation *presentation, Arena *arena, const Case *c, bool approves) {
    const Meeting *m = c->meeting;
    char id[37];
    case_uuid(id, c);
    open_registration(xml, id, m);
    write_screening(xml, c);
    xml_cstring(xml, "registreringsID",
                arena_printf(arena, "%s %s", m->body->short_name.data, present_case_number(arena, c->number, m->body)));
    xml_element(xml, "tittel", c->title);
    if (c->exempt_basis.length && c->public_title.length)
        xml_element(xml, "offentligTittel", c->public_title);
    if (c->decision && c->decision->text.length)
        xml_element(xml, "beskrivelse", c->decision->text);
    else if (c->proposal && c->proposal->text.length)
        xml_element(xml, "beskrivelse", c->proposal->text);
    for (const Vote *vote = c->votes; vote; vote = vote->next) {
        if (!vote->valid)
            continue;
        const char *text = arena_printf(arena, "%s: %s", present_vote_heading(presentation, arena, vote),
                                        present_vote_summary(presentation, arena, vote));
        for (int side = 0; side < VOTE_SIDE_COUNT; side++) {
            const char *names = present_vote_names(arena, vote, (VoteSide)side);
            if (names)
                text = arena_printf(arena, "%s. %s: %s", text, present_vote_side(presentation, (VoteSide)side), names);
        }
        write_note(xml, "Votering", text, m);
    }
    for (const Recusal *r = c->recusals; r; r = r->next)
        write_note(xml, "Inhabilitet", present_recusal(presentation, arena, c, r), m);
    if (c->follows_up && c->follows_up->target) {
        char target[37];
        case_uuid(target, c->follows_up->target);
        xml_open(xml, "kryssreferanse", NULL);
        xml_cstring(xml, "referanseTilRegistrering", target);
        xml_close(xml, "kryssreferanse");
    }
    xml_cstring(xml, "moeteregistreringstype", m->kind == MEETING_NOTICE ? "Saksframlegg"
                                               : c->decision            ? "Vedtak"
                                                                        : "Saksframlegg");
    const char *type = approves ? "Godkjenning av protokoll" : case_type(c);
    if (type)
        xml_cstring(xml, "moetesakstype", type);
    xml_cstring(xml, "moeteregistreringsstatus", case_status(c));
    xml_element(xml, "administrativEnhet", m->body->name);
    Slice officer = field_value(c, KEYWORD_FIELD_OFFICER);
    xml_element(xml, "saksbehandler", officer.length ? officer : m->body->short_name);
    if (c->follows_up && c->follows_up->target) {
        char target[37];
        case_uuid(target, c->follows_up->target);
        xml_cstring(xml, "referanseFraMoeteregistrering", target);
    }
    xml_close(xml, "registrering");
}

/* The meeting's own document — the minutes or the notice as a PDF/A — as a
 * registrering of its own, so that every case can stand as one too. */
static void write_meeting_document(Xml *xml, Arena *arena, const Meeting *m, const Noark5Document *document) {
    const char *kind = m->kind == MEETING_NOTICE ? "Møteinnkalling" : "Møteprotokoll";
    char id[37], description_id[37], object_id[37];
    meeting_uuid(id, m, "registrering");
    meeting_uuid(description_id, m, "dokumentbeskrivelse");
    meeting_uuid(object_id, m, "dokumentobjekt");
    bool screened = false;
    for (size_t i = 0; i < m->case_count && !screened; i++)
        screened = m->cases[i]->exempt_basis.length || m->cases[i]->closed;
    open_registration(xml, id, m);
    xml_open(xml, "dokumentbeskrivelse", NULL);
    xml_cstring(xml, "systemID", description_id);
    xml_cstring(xml, "dokumenttype", kind);
    xml_cstring(xml, "dokumentstatus", "Dokumentet er ferdigstilt");
    xml_cstring(xml, "tittel", arena_printf(arena, "%s %s %04d-%02d-%02d", kind, m->body->short_name.data, m->date.year,
                                            m->date.month, m->date.day));
    xml_date_time(xml, "opprettetDato", m->date);
    xml_cstring(xml, "opprettetAv", CREATOR);
    xml_cstring(xml, "tilknyttetRegistreringSom", "Hoveddokument");
    xml_cstring(xml, "dokumentnummer", "1");
    xml_date_time(xml, "tilknyttetDato", archived_date(m));
    xml_cstring(xml, "tilknyttetAv", CREATOR);
    if (screened) {
        /* The PDF holds the exempt and closed cases in full. */
        xml_open(xml, "skjerming", NULL);
        xml_cstring(xml, "tilgangsrestriksjon", "UO");
        Slice basis = slice_make("", 0);
        for (size_t i = 0; i < m->case_count && !basis.length; i++)
            basis = m->cases[i]->exempt_basis.length ? m->cases[i]->exempt_basis : m->cases[i]->closed_basis;
        xml_element(xml, "skjermingshjemmel", basis.length ? basis : slice_from_cstring("koml. § 11-5"));
        xml_cstring(xml, "skjermingMetadata", "Tittel registrering");
        xml_cstring(xml, "skjermingDokument", "Delvis");
        xml_close(xml, "skjerming");
    }
    xml_open(xml, "dokumentobjekt", NULL);
    xml_cstring(xml, "systemID", object_id);
    xml_cstring(xml, "versjonsnummer", "1");
    xml_cstring(xml, "variantformat", "Arkivformat");
    xml_cstring(xml, "format", "fmt/476"); /* PRONOM: PDF/A-2b */
    xml_cstring(xml, "formatDetaljer", "PDF/A-2b");
    xml_date_time(xml, "opprettetDato", archived_date(m));
    xml_cstring(xml, "opprettetAv", CREATOR);
    xml_cstring(xml, "referanseDokumentfil", document->path);
    xml_cstring(xml, "sjekksum", document->sha256);
    xml_cstring(xml, "sjekksumAlgoritme", "SHA-256");
    xml_cstring(xml, "filstoerrelse", arena_printf(arena, "%zu", document->size));
    xml_close(xml, "dokumentobjekt");
    xml_close(xml, "dokumentbeskrivelse");
    xml_cstring(xml, "registreringsID", arena_printf(arena, "%s %04d-%02d-%02d", m->body->short_name.data, m->date.year,
                                                     m->date.month, m->date.day));
    xml_cstring(xml, "tittel", kind);
    xml_cstring(xml, "moeteregistreringstype", kind);
    xml_element(xml, "administrativEnhet", m->body->name);
    xml_element(xml, "saksbehandler", m->referent.length ? m->referent : m->body->short_name);
    xml_close(xml, "registrering");
}

static void write_participants(Xml *xml, Arena *arena, const Meeting *m) {
    const struct {
        const PersonList *list;
        const char *function;
    } groups[] = {{&m->present, "Medlem"},        {&m->advisory, "Møte- og talerett"},
                  {&m->secretariat, "Sekretariat"}, {&m->observers, "Observatør"},
                  {&m->guests, "Deltaker i sak"},  {&m->absent, "Forfall"}};
    for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
        for (size_t i = 0; i < groups[g].list->count; i++) {
            const Person *p = &groups[g].list->items[i];
            const char *function = groups[g].function;
            if (p->deputy_for.length)
                function = arena_printf(arena, "Varamedlem for %.*s", (int)p->deputy_for.length, p->deputy_for.data);
            if (m->chair.length && slice_equal_fold(m->chair, p->name))
                function = arena_printf(arena, "Møteleder, %s", function);
            xml_open(xml, "moetedeltaker", NULL);
            xml_element(xml, "moetedeltakerNavn", p->name);
            xml_cstring(xml, "moetedeltakerFunksjon", function);
            xml_close(xml, "moetedeltaker");
        }
    }
}

static void write_meeting(Xml *xml, const Presentation *presentation, Arena *arena, Meeting *const *meetings,
                          size_t index, size_t count, const Noark5Document *document, int number_in_year) {
    const Meeting *m = meetings[index];
    char id[37];
    meeting_uuid(id, m, "møtemappe");
    xml_open(xml, "mappe", "moetemappe");
    xml_cstring(xml, "systemID", id);
    xml_cstring(xml, "mappeID", arena_printf(arena, "%s %04d-%02d-%02d", m->body->short_name.data, m->date.year,
                                             m->date.month, m->date.day));
    xml_cstring(xml, "tittel", present_meeting_title(presentation, arena, m));
    xml_date_time(xml, "opprettetDato", m->date);
    xml_cstring(xml, "opprettetAv", CREATOR);
    xml_date_time(xml, "avsluttetDato", archived_date(m));
    xml_cstring(xml, "avsluttetAv", CREATOR);
    write_meeting_document(xml, arena, m, document);
    for (size_t i = 0; i < m->case_count; i++) {
        const Case *c = m->cases[i];
        if (!c->number.valid)
            continue;
        write_case(xml, presentation, arena, c, c->approves != NULL);
    }
    xml_cstring(xml, "moetenummer", arena_printf(arena, "%d/%d", number_in_year, m->date.year));
    xml_element(xml, "utvalg", m->body->name);
    xml_date(xml, "moetedato", m->date);
    if (m->place.length)
        xml_element(xml, "moetested", m->place);
    char other[37];
    if (index > 0 && meetings[index - 1]->body == m->body) {
        meeting_uuid(other, meetings[index - 1], "møtemappe");
        xml_cstring(xml, "referanseForrigeMoete", other);
    }
    if (index + 1 < count && meetings[index + 1]->body == m->body) {
        meeting_uuid(other, meetings[index + 1], "møtemappe");
        xml_cstring(xml, "referanseNesteMoete", other);
    }
    write_participants(xml, arena, m);
    xml_close(xml, "mappe");
}

void emit_noark5_arkivstruktur(StringBuffer *out, const Project *project, const Presentation *presentation,
                               const Noark5Document *documents) {
    Arena arena;
    arena_init(&arena);
    const ProjectIndex *index = project->index;
    Xml xml = {out, 0};
    Slice title = project->site_title.length ? project->site_title : slice_from_cstring("referat");
    Date first = {0, 0, 0}, last = {0, 0, 0};
    for (size_t i = 0; i < index->meeting_count; i++) {
        Date date = archived_date(index->meetings[i]);
        if (!first.year || date_compare(index->meetings[i]->date, first) < 0)
            first = index->meetings[i]->date;
        if (!last.year || date_compare(date, last) > 0)
            last = date;
    }
    if (!first.year)
        first = last = (Date){2000, 1, 1};
    buffer_append_cstring(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<arkiv xmlns=\"http://www.arkivverket.no/standarder/noark5/arkivstruktur\" "
                               "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                               "xsi:schemaLocation=\"http://www.arkivverket.no/standarder/noark5/arkivstruktur "
                               "arkivstruktur.xsd\">\n");
    xml.depth = 1;
    char id[37];
    uuid_of(id, "arkiv", arena_strndup(&arena, title.data, title.length));
    xml_cstring(&xml, "systemID", id);
    xml_element(&xml, "tittel", title);
    xml_cstring(&xml, "beskrivelse", "Møtebøker skrevet i referat");
    xml_date_time(&xml, "opprettetDato", first);
    xml_cstring(&xml, "opprettetAv", CREATOR);
    xml_date_time(&xml, "avsluttetDato", last);
    xml_cstring(&xml, "avsluttetAv", CREATOR);
    xml_open(&xml, "arkivskaper", NULL);
    xml_element(&xml, "arkivskaperID", project->base_url.length ? project->base_url : title);
    xml_element(&xml, "arkivskaperNavn", title);
    xml_close(&xml, "arkivskaper");
    size_t start = 0;
    bool any = false;
    while (start < index->meeting_count || !any) {
        /* One arkivdel per body with meetings (the index holds them by body);
         * an empty project still has one, as the schema wants. */
        any = true;
        const Body *body = start < index->meeting_count ? index->meetings[start]->body : NULL;
        size_t end = start;
        while (end < index->meeting_count && index->meetings[end]->body == body)
            end++;
        uuid_of(id, "arkivdel", body ? body->id.data : "");
        xml_open(&xml, "arkivdel", NULL);
        xml_cstring(&xml, "systemID", id);
        xml_cstring(&xml, "tittel", body ? arena_printf(&arena, "Møtebok, %s", body->name.data) : "Møtebok");
        xml_cstring(&xml, "arkivdelstatus", "Avsluttet periode");
        Date from = start < end ? index->meetings[start]->date : first, to = from;
        for (size_t i = start; i < end; i++)
            if (date_compare(archived_date(index->meetings[i]), to) > 0)
                to = archived_date(index->meetings[i]);
        xml_date_time(&xml, "opprettetDato", from);
        xml_cstring(&xml, "opprettetAv", CREATOR);
        xml_date_time(&xml, "avsluttetDato", to);
        xml_cstring(&xml, "avsluttetAv", CREATOR);
        xml_date(&xml, "arkivperiodeStartDato", from);
        xml_date(&xml, "arkivperiodeSluttDato", to);
        int year = 0, number_in_year = 0;
        for (size_t i = start; i < end; i++) {
            const Meeting *m = index->meetings[i];
            number_in_year = m->date.year == year ? number_in_year + 1 : 1;
            year = m->date.year;
            write_meeting(&xml, presentation, &arena, index->meetings, i, index->meeting_count, &documents[i],
                          number_in_year);
        }
        xml_close(&xml, "arkivdel");
        start = end;
        if (!body)
            break;
    }
    buffer_append_cstring(out, "</arkiv>\n");
    arena_free(&arena);
}

void emit_noark5_arkivuttrekk(StringBuffer *out, const Project *project, const char *arkivstruktur_sha256,
                              size_t document_count) {
    Slice title = project->site_title.length ? project->site_title : slice_from_cstring("referat");
    const ProjectIndex *index = project->index;
    Date first = {0, 0, 0}, last = {0, 0, 0};
    bool screened = false;
    for (size_t i = 0; i < index->meeting_count; i++) {
        const Meeting *m = index->meetings[i];
        if (!first.year || date_compare(m->date, first) < 0)
            first = m->date;
        if (!last.year || date_compare(m->date, last) > 0)
            last = m->date;
        for (size_t k = 0; k < m->case_count; k++)
            screened |= m->cases[k]->exempt_basis.length > 0 || m->cases[k]->closed;
    }
    if (!first.year)
        first = last = (Date){2000, 1, 1};
    StringBuffer name = {0};
    xml_text(&name, title.data, title.length);
    buffer_printf(out,
                  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<addml xmlns=\"http://www.arkivverket.no/standarder/addml\" "
                  "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" name=\"Noark 5-arkivuttrekk\" "
                  "xsi:schemaLocation=\"http://www.arkivverket.no/standarder/addml addml.xsd\">\n"
                  "  <dataset>\n    <description>Noark 5-arkivuttrekk</description>\n    <reference>\n"
                  "      <context>\n        <additionalElements>\n"
                  "          <additionalElement name=\"recordCreators\">\n            <additionalElements>\n"
                  "              <additionalElement name=\"recordCreator\"><value>%s</value></additionalElement>\n"
                  "            </additionalElements>\n          </additionalElement>\n"
                  "          <additionalElement name=\"systemType\"><value>Møtebok (Noark-5)</value></additionalElement>\n"
                  "          <additionalElement name=\"systemName\"><value>referat</value></additionalElement>\n"
                  "          <additionalElement name=\"archive\"><value>%s</value></additionalElement>\n"
                  "        </additionalElements>\n      </context>\n      <content>\n        <additionalElements>\n"
                  "          <additionalElement name=\"archivalPeriod\">\n            <properties>\n"
                  "              <property name=\"startDate\"><value>%04d-%02d-%02d</value></property>\n"
                  "              <property name=\"endDate\"><value>%04d-%02d-%02d</value></property>\n"
                  "            </properties>\n          </additionalElement>\n        </additionalElements>\n"
                  "      </content>\n    </reference>\n    <dataObjects>\n"
                  "      <dataObject name=\"Noark 5-arkivuttrekk\">\n        <properties>\n"
                  "          <property name=\"info\">\n            <properties>\n"
                  "              <property name=\"type\"><value>Noark 5</value><properties>"
                  "<property name=\"version\"><value>5.0</value></property></properties></property>\n"
                  "              <property name=\"additionalInfo\">\n                <properties>\n"
                  "                  <property dataType=\"boolean\" name=\"inneholderSkjermetInformasjon\"><value>%s</value></property>\n"
                  "                  <property dataType=\"boolean\" name=\"omfatterDokumenterSomErKassert\"><value>false</value></property>\n"
                  "                  <property dataType=\"boolean\" name=\"inneholderDokumenterSomSkalKasseres\"><value>false</value></property>\n"
                  "                  <property dataType=\"boolean\" name=\"inneholderVirksomhetsspesifikkeMetadata\"><value>false</value></property>\n"
                  "                  <property dataType=\"integer\" name=\"antallDokumentfiler\"><value>%zu</value></property>\n"
                  "                </properties>\n              </property>\n            </properties>\n"
                  "          </property>\n        </properties>\n        <dataObjects>\n"
                  "          <dataObject name=\"arkivstruktur\">\n            <properties>\n"
                  "              <property name=\"file\">\n                <properties>\n"
                  "                  <property name=\"name\"><value>arkivstruktur.xml</value></property>\n"
                  "                  <property name=\"format\"><value>XML</value><properties>"
                  "<property name=\"version\"><value>1.0</value></property></properties></property>\n"
                  "                  <property name=\"checksum\"><properties>"
                  "<property name=\"algorithm\"><value>SHA-256</value></property>"
                  "<property name=\"value\"><value>%s</value></property></properties></property>\n"
                  "                </properties>\n              </property>\n            </properties>\n"
                  "          </dataObject>\n        </dataObjects>\n      </dataObject>\n    </dataObjects>\n"
                  "  </dataset>\n</addml>\n",
                  name.data ? name.data : "", name.data ? name.data : "", first.year, first.month, first.day, last.year,
                  last.month, last.day, screened ? "true" : "false", document_count, arkivstruktur_sha256);
    buffer_free(&name);
}
