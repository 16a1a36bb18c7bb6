/* meta: front matter → metadata. The shape is fixed by grammar/minutes.ebnf
 * (front_matter); values are validated here, reported at the value. */
#include "meta.h"

#include <string.h>

#include "refs.h"
#include "suggest.h"
#include "values.h"

typedef struct {
    Arena *arena;
    Diagnostics *diagnostics;
    const Project *project;
    Meeting *meeting;
} MetaReader;

static const DiagCode FRONT_MATTER = DIAG_E_FRONT_MATTER;

/* The YAML tree is freed after the front matter is read (it was a third
 * of the front end's memory), so what the meeting keeps is copied. */
static Slice keep(MetaReader *reader, Slice scalar) {
    return slice_make(arena_strndup(reader->arena, scalar.data ? scalar.data : "", scalar.length), scalar.length);
}

static bool read_scalar(MetaReader *reader, const YamlTreeNode *value, const char *key, Slice *out) {
    if (!yaml_tree_expect(reader->diagnostics, value, YAML_TREE_SCALAR, key, FRONT_MATTER))
        return false;
    *out = keep(reader, value->scalar);
    return true;
}

static void read_date(MetaReader *reader, const YamlTreeNode *value, const char *key, Date *out) {
    Slice text;
    if (!read_scalar(reader, value, key, &text))
        return;
    ValueStatus status = date_parse_iso(text, out);
    if (status == VALUE_MALFORMED)
        diag_report(reader->diagnostics, DIAG_E_DATE, value->span,
                    "'%s' must be a date written YYYY-MM-DD, not '%s'", key, text.data);
    else if (status == VALUE_IMPOSSIBLE)
        diag_report(reader->diagnostics, DIAG_E_DATE, value->span, "'%s': %s is not a date in the calendar", key,
                    text.data);
    if (status != VALUE_OK)
        memset(out, 0, sizeof *out);
}

static int meeting_year(const MetaReader *reader) {
    return reader->meeting->date.year ? reader->meeting->date.year : 2000;
}

static CaseRef *read_case_list(MetaReader *reader, const YamlTreeNode *value) {
    if (value->kind == YAML_TREE_SCALAR) {
        CaseRef *reference = refs_parse_value(reader->arena, reader->meeting->file, keep(reader, value->scalar), 0,
                                              reader->project->language, meeting_year(reader));
        if (!reference) {
            diag_report(reader->diagnostics, FRONT_MATTER, value->span, "'%s' is not a case number",
                        value->scalar.data);
            return NULL;
        }
        reference->span = value->span;
        reference->number.span = value->span;
        return reference;
    }
    if (!yaml_tree_expect(reader->diagnostics, value, YAML_TREE_SEQUENCE, "cases", FRONT_MATTER))
        return NULL;
    CaseRef *first = NULL, **tail = &first;
    for (size_t i = 0; i < value->item_count; i++) {
        const YamlTreeNode *item = value->items[i];
        if (!yaml_tree_expect(reader->diagnostics, item, YAML_TREE_SCALAR, "cases", FRONT_MATTER))
            continue;
        CaseRef *reference = read_case_list(reader, item);
        if (reference) {
            *tail = reference;
            tail = &reference->next;
        }
    }
    return first;
}

/* person = name | { name, role?, for?, cases?, party? } */
static bool read_person(MetaReader *reader, const YamlTreeNode *node, Person *person) {
    memset(person, 0, sizeof *person);
    person->span = node->span;
    if (node->kind == YAML_TREE_SCALAR) {
        person->name = slice_trim(keep(reader, node->scalar));
        if (person->name.length == 0) {
            diag_report(reader->diagnostics, FRONT_MATTER, node->span, "empty name in an attendance list");
            return false;
        }
        return true;
    }
    if (!yaml_tree_expect(reader->diagnostics, node, YAML_TREE_MAPPING, "person", FRONT_MATTER))
        return false;
    bool has_name = false;
    for (size_t i = 0; i < yaml_tree_pair_count(node); i++) {
        const YamlTreeNode *key = yaml_tree_key(node, i), *value = yaml_tree_value(node, i);
        int concept = yaml_tree_known_key(reader->diagnostics, key, KEYWORD_GROUP_PERSON, DIAG_W_META_KEY, FRONT_MATTER);
        switch (concept) {
        case KEYWORD_PERSON_NAME:
            if (read_scalar(reader, value, "name", &person->name)) {
                person->name = slice_trim(person->name);
                person->span = value->span;
                has_name = person->name.length > 0;
            }
            break;
        case KEYWORD_PERSON_ROLE: read_scalar(reader, value, "role", &person->role); break;
        case KEYWORD_PERSON_PARTY: read_scalar(reader, value, "party", &person->party); break;
        case KEYWORD_PERSON_FOR:
            if (read_scalar(reader, value, keyword_spelling(KEYWORD_GROUP_PERSON, KEYWORD_PERSON_FOR, LANGUAGE_NB), &person->deputy_for)) {
                person->deputy_for = slice_trim(person->deputy_for);
                person->deputy_for_span = value->span;
            }
            break;
        case KEYWORD_PERSON_CASES: person->cases = read_case_list(reader, value); break;
        default: break;
        }
    }
    if (!has_name) {
        diag_report(reader->diagnostics, FRONT_MATTER, node->span, "an attendance entry needs a 'name'");
        return false;
    }
    return true;
}

static void read_person_list(MetaReader *reader, const YamlTreeNode *value, const char *key, PersonList *list) {
    if (value->kind == YAML_TREE_SCALAR && value->scalar.length == 0 && !value->quoted)
        return; /* `absent:` with nothing after it: an empty list */
    if (!yaml_tree_expect(reader->diagnostics, value, YAML_TREE_SEQUENCE, key, FRONT_MATTER))
        return;
    list->items = arena_alloc_array(reader->arena, value->item_count ? value->item_count : 1, sizeof *list->items);
    for (size_t i = 0; i < value->item_count; i++) {
        if (read_person(reader, value->items[i], &list->items[list->count]))
            list->count++;
    }
}

/* movement = { before: case_number, at?: time, names: [name, ...] } */
static void read_movements(MetaReader *reader, const YamlTreeNode *value, MovementKind kind, const char *key) {
    if (!yaml_tree_expect(reader->diagnostics, value, YAML_TREE_SEQUENCE, key, FRONT_MATTER))
        return;
    Meeting *meeting = reader->meeting;
    Movement *movements = arena_alloc_array(reader->arena, meeting->movement_count + value->item_count + 1,
                                            sizeof *movements);
    if (meeting->movement_count)
        memcpy(movements, meeting->movements, meeting->movement_count * sizeof *movements);
    meeting->movements = movements;
    for (size_t i = 0; i < value->item_count; i++) {
        const YamlTreeNode *entry = value->items[i];
        if (!yaml_tree_expect(reader->diagnostics, entry, YAML_TREE_MAPPING, key, FRONT_MATTER))
            continue;
        Movement *movement = &movements[meeting->movement_count];
        memset(movement, 0, sizeof *movement);
        movement->kind = kind;
        movement->span = entry->span;
        bool has_before = false, has_names = false;
        for (size_t p = 0; p < yaml_tree_pair_count(entry); p++) {
            const YamlTreeNode *k = yaml_tree_key(entry, p), *v = yaml_tree_value(entry, p);
            int concept = yaml_tree_known_key(reader->diagnostics, k, KEYWORD_GROUP_MOVEMENT, DIAG_W_META_KEY, FRONT_MATTER);
            if (concept == KEYWORD_MOVEMENT_BEFORE) {
                Slice text;
                size_t consumed;
                if (read_scalar(reader, v, "before", &text)) {
                    text = slice_trim(text);
                    if (case_number_parse(text, meeting_year(reader), &movement->before, &consumed) != CASE_NUMBER_OK ||
                        consumed != text.length) {
                        diag_report(reader->diagnostics, FRONT_MATTER, v->span,
                                    "'before' must be a case number such as 75/25, not '%s'", text.data);
                    } else {
                        movement->before.span = v->span;
                        has_before = true;
                    }
                }
            } else if (concept == KEYWORD_MOVEMENT_AT) {
                Slice text;
                if (read_scalar(reader, v, "at", &text)) {
                    ValueStatus status = time_parse(text, &movement->at);
                    movement->at_span = v->span;
                    if (status != VALUE_OK || movement->at.end_minute >= 0) {
                        diag_report(reader->diagnostics, DIAG_E_TIME, v->span, "'at' must be a time HH:MM, not '%s'",
                                    text.data);
                        movement->at.present = false;
                    }
                }
            } else if (concept == KEYWORD_MOVEMENT_NAMES) {
                if (v->kind == YAML_TREE_SCALAR) {
                    movement->names = arena_alloc(reader->arena, sizeof *movement->names);
                    movement->name_spans = arena_alloc(reader->arena, sizeof *movement->name_spans);
                    movement->names[0] = slice_trim(keep(reader, v->scalar));
                    movement->name_spans[0] = v->span;
                    movement->name_count = 1;
                    has_names = true;
                } else if (yaml_tree_expect(reader->diagnostics, v, YAML_TREE_SEQUENCE, "names", FRONT_MATTER)) {
                    movement->names = arena_alloc_array(reader->arena, v->item_count + 1, sizeof *movement->names);
                    movement->name_spans = arena_alloc_array(reader->arena, v->item_count + 1, sizeof *movement->name_spans);
                    for (size_t n = 0; n < v->item_count; n++) {
                        if (!yaml_tree_expect(reader->diagnostics, v->items[n], YAML_TREE_SCALAR, "names", FRONT_MATTER))
                            continue;
                        movement->names[movement->name_count] = slice_trim(keep(reader, v->items[n]->scalar));
                        movement->name_spans[movement->name_count++] = v->items[n]->span;
                    }
                    has_names = movement->name_count > 0;
                }
            }
        }
        if (!has_before)
            diag_report(reader->diagnostics, FRONT_MATTER, entry->span, "each '%s' entry needs 'before: <case>'", key);
        else if (!has_names)
            diag_report(reader->diagnostics, FRONT_MATTER, entry->span, "each '%s' entry needs 'names'", key);
        else
            meeting->movement_count++;
    }
}

/* signed = name | list of name */
static void read_signatures(MetaReader *reader, const YamlTreeNode *value, const char *key) {
    Meeting *meeting = reader->meeting;
    if (value->kind != YAML_TREE_SCALAR && !yaml_tree_expect(reader->diagnostics, value, YAML_TREE_SEQUENCE, key, FRONT_MATTER))
        return;
    const YamlTreeNode *const *items = value->kind == YAML_TREE_SCALAR ? &value : (const YamlTreeNode *const *)value->items;
    size_t count = value->kind == YAML_TREE_SCALAR ? 1 : value->item_count;
    meeting->signed_by = arena_alloc_array(reader->arena, count + 1, sizeof *meeting->signed_by);
    meeting->signed_spans = arena_alloc_array(reader->arena, count + 1, sizeof *meeting->signed_spans);
    for (size_t i = 0; i < count; i++) {
        if (!yaml_tree_expect(reader->diagnostics, items[i], YAML_TREE_SCALAR, key, FRONT_MATTER))
            continue;
        Slice name = slice_trim(keep(reader, items[i]->scalar));
        if (name.length == 0)
            continue;
        meeting->signed_by[meeting->signed_count] = name;
        meeting->signed_spans[meeting->signed_count++] = items[i]->span;
    }
}

static void read_body_id(MetaReader *reader, const YamlTreeNode *value) {
    Slice id;
    if (!read_scalar(reader, value, "body", &id))
        return;
    id = slice_trim(id);
    if (id.length == 0)
        return; /* reported as missing */
    reader->meeting->body_id = id;
    reader->meeting->body_span = value->span;
    reader->meeting->body = project_find_body(reader->project, id);
    if (reader->meeting->body)
        return;
    const Project *project = reader->project;
    const char *candidates[256];
    size_t count = 0;
    for (size_t i = 0; i < project->body_count && count < 256; i++)
        candidates[count++] = project->bodies[i].id.data;
    const char *suggestion = suggest_nearest(id, candidates, count, suggest_default_distance(id));
    Diagnostic *d = diag_report(reader->diagnostics, DIAG_E_BODY_UNKNOWN, value->span,
                                "body '%s' is not defined in referat.yaml", id.data);
    diag_suggest(reader->diagnostics, d, suggestion);
    if (project->config_file && !suggestion && project->body_count)
        diag_note(reader->diagnostics, d, source_span_at_line(project->config_file, 1, 1, 2),
                  "the bodies are listed under 'bodies:' here");
}

void meta_read(Arena *arena, Diagnostics *diagnostics, const Project *project, Meeting *meeting,
               const YamlTreeNode *root, Span front_matter_span) {
    MetaReader reader = {arena, diagnostics, project, meeting};
    if (root->kind != YAML_TREE_MAPPING) {
        diag_report(diagnostics, FRONT_MATTER, root->span, "front matter must be a mapping of keys (key: value), not %s",
                    yaml_tree_kind_name(root->kind));
        return;
    }
    const YamlTreeNode *values[KEYWORD_META_COUNT] = {0};
    for (size_t i = 0; i < yaml_tree_pair_count(root); i++) {
        int concept = yaml_tree_known_key(diagnostics, yaml_tree_key(root, i), KEYWORD_GROUP_META, DIAG_W_META_KEY,
                                          FRONT_MATTER);
        if (concept >= 0 && !values[concept])
            values[concept] = yaml_tree_value(root, i);
    }
    /* The date first: two-digit years in case numbers are read against it. */
    if (values[KEYWORD_META_DATE])
        read_date(&reader, values[KEYWORD_META_DATE], "date", &meeting->date);
    if (values[KEYWORD_META_DATE])
        meeting->date_span = values[KEYWORD_META_DATE]->span;
    if (values[KEYWORD_META_BODY])
        read_body_id(&reader, values[KEYWORD_META_BODY]);
    for (int concept = 0; concept < KEYWORD_META_COUNT; concept++) {
        const YamlTreeNode *value = values[concept];
        if (!value)
            continue;
        const char *key = keyword_spelling(KEYWORD_GROUP_META, concept, LANGUAGE_NB);
        switch (concept) {
        case KEYWORD_META_KIND: {
            Slice kind;
            if (!read_scalar(&reader, value, key, &kind))
                break;
            int k = keyword_lookup(KEYWORD_GROUP_KIND, slice_trim(kind), LANGUAGE_NB);
            if (k == KEYWORD_KIND_NOTICE)
                meeting->kind = MEETING_NOTICE;
            else if (k == KEYWORD_KIND_MINUTES)
                meeting->kind = MEETING_MINUTES;
            else {
                const char *candidates[] = {"minutes", "notice"};
                Diagnostic *d = diag_report(diagnostics, FRONT_MATTER, value->span,
                                            "'kind' must be 'minutes' or 'notice', not '%s'", kind.data);
                diag_suggest(diagnostics, d, suggest_nearest(kind, candidates, 2, 3));
            }
            break;
        }
        case KEYWORD_META_TIME: {
            Slice text;
            if (!read_scalar(&reader, value, key, &text))
                break;
            meeting->time_span = value->span;
            ValueStatus status = time_parse(text, &meeting->time);
            if (status == VALUE_MALFORMED)
                diag_report(diagnostics, DIAG_E_TIME, value->span, "'time' must be HH:MM or HH:MM-HH:MM, not '%s'", text.data);
            else if (status == VALUE_IMPOSSIBLE)
                diag_report(diagnostics, DIAG_E_TIME, value->span,
                            "'time' %s is impossible (hours 00–23, minutes 00–59, the end not before the start)",
                            text.data);
            if (status != VALUE_OK)
                meeting->time.present = false;
            break;
        }
        case KEYWORD_META_PLACE: read_scalar(&reader, value, key, &meeting->place); break;
        case KEYWORD_META_TITLE: read_scalar(&reader, value, key, &meeting->title); break;
        case KEYWORD_META_CHAIR:
            if (read_scalar(&reader, value, key, &meeting->chair)) {
                meeting->chair = slice_trim(meeting->chair);
                meeting->chair_span = value->span;
            }
            break;
        case KEYWORD_META_APPROVED:
            read_date(&reader, value, key, &meeting->approved);
            meeting->approved_span = value->span;
            break;
        case KEYWORD_META_APPROVED_IN:
            if (!yaml_tree_expect(diagnostics, value, YAML_TREE_SCALAR, key, FRONT_MATTER))
                break;
            meeting->approved_in_span = value->span;
            meeting->approved_in = read_case_list(&reader, value);
            break;
        case KEYWORD_META_REFERENT:
            if (read_scalar(&reader, value, key, &meeting->referent)) {
                meeting->referent = slice_trim(meeting->referent);
                meeting->referent_span = value->span;
            }
            break;
        case KEYWORD_META_VIDEO:
            if (read_scalar(&reader, value, key, &meeting->video)) {
                meeting->video = slice_trim(meeting->video);
                meeting->video_span = value->span;
            }
            break;
        case KEYWORD_META_SIGNED: read_signatures(&reader, value, key); break;
        case KEYWORD_META_NEXT_MEETING: read_date(&reader, value, key, &meeting->next_meeting); break;
        case KEYWORD_META_PRESENT:
            read_person_list(&reader, value, key, &meeting->present);
            meeting->present_given = true;
            break;
        case KEYWORD_META_ADVISORY: read_person_list(&reader, value, key, &meeting->advisory); break;
        case KEYWORD_META_SECRETARIAT: read_person_list(&reader, value, key, &meeting->secretariat); break;
        case KEYWORD_META_OBSERVERS: read_person_list(&reader, value, key, &meeting->observers); break;
        case KEYWORD_META_GUESTS: read_person_list(&reader, value, key, &meeting->guests); break;
        case KEYWORD_META_ABSENT: read_person_list(&reader, value, key, &meeting->absent); break;
        case KEYWORD_META_LEFT: read_movements(&reader, value, MOVEMENT_LEFT, key); break;
        case KEYWORD_META_ARRIVED: read_movements(&reader, value, MOVEMENT_ARRIVED, key); break;
        default: break;
        }
    }
    if (meeting->body_id.length == 0)
        diag_report(diagnostics, DIAG_E_META_REQUIRED, front_matter_span,
                    "the front matter has no 'body:' (which body met, e.g. body: ssu)");
    if (!values[KEYWORD_META_DATE] ||
        (values[KEYWORD_META_DATE]->kind == YAML_TREE_SCALAR && slice_trim(values[KEYWORD_META_DATE]->scalar).length == 0)) {
        diag_report(diagnostics, DIAG_E_META_REQUIRED, front_matter_span,
                    "the front matter has no 'date:' (the meeting date, YYYY-MM-DD)");
        memset(&meeting->date, 0, sizeof meeting->date);
    }
    meeting->metadata_valid = meeting->body != NULL && date_valid(meeting->date);
}
