/* import: the legacy-text front end. One pass over the lines, a small state
 * machine (header → agenda → attendance → cases → appendix). Each line is
 * first OCR-repaired (import_ocr); attendance sections are collected and
 * read by their layout (import_layout); the document's agenda is compared
 * with its cases at the end. Labels are Norwegian because the documents
 * are; they are data of this importer, not keywords of the minutes
 * language. */
#include "import.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "config.h"
#include "import_layout.h"
#include "import_ocr.h"
#include "keywords.h"
#include "names.h"
#include "output.h"
#include "parse.h"
#include "values.h"

enum {
    GROUP_PRESENT = IMPORT_GROUP_PRESENT,
    GROUP_ADVISORY = IMPORT_GROUP_ADVISORY,
    GROUP_SECRETARIAT = IMPORT_GROUP_SECRETARIAT,
    GROUP_OBSERVERS = IMPORT_GROUP_OBSERVERS,
    GROUP_GUESTS = IMPORT_GROUP_GUESTS,
    GROUP_ABSENT = IMPORT_GROUP_ABSENT,
    GROUP_COUNT = IMPORT_GROUP_COUNT
};
static const char *const GROUP_KEYS[GROUP_COUNT] = {"present", "advisory", "secretariat", "observers", "guests", "absent"};

typedef struct {
    char *name, *role, *deputy_for, *cases;
} ImportPerson;

typedef struct {
    ImportPerson *items;
    size_t count, capacity;
} PersonArray;

typedef struct {
    char *number, *title;
    char type;
    StringBuffer fields, text, proposal, decision;
    bool has_proposal, has_decision;
    uint32_t line;
} ImportCase;

typedef enum { SEGMENT_TEXT, SEGMENT_PROPOSAL, SEGMENT_DECISION } Segment;

/* A line of the document's own agenda (saksliste). */
typedef struct {
    char *number, *title;
    uint32_t line, column, end_column; /* of the number, in the input */
} AgendaEntry;

typedef struct {
    Arena *arena;
    const SourceFile *input;
    const ImportOptions *options;
    ImportResult *result;
    bool minutes_title, notice_title;
    char *body_name, *body_short;
    Date date;
    char *time, *place;
    PersonArray groups[GROUP_COUNT];
    ImportCase *cases;
    size_t case_count, case_capacity;
    StringBuffer preamble, appendix;
    bool has_decisions, saw_agenda;
    /* the current part of the current case, and whether its first block ended */
    Segment segment;
    bool block_started, block_ended, in_list;
    bool fields_open; /* a case's header block: fields until the first blank line after text */
    ImportLexicon *lexicon;
    /* the attendance section being collected, read when it ends */
    ImportLayoutLine *section;
    size_t section_count, section_capacity;
    int section_group;
    AgendaEntry *agenda;
    size_t agenda_count, agenda_capacity;
} Importer;

/* ---- text helpers -------------------------------------------------------- */

static char *copy(Importer *im, Slice text) {
    return arena_strndup(im->arena, text.data, text.length);
}

static bool starts_with_fold(Slice text, const char *prefix) {
    size_t n = strlen(prefix);
    return text.length >= n && slice_equal_fold(slice_make(text.data, n), slice_make(prefix, n));
}

/* The line without Markdown heading marks, bold markers and surrounding space. */
static Slice clean(Importer *im, Slice line) {
    line = slice_trim(line);
    while (line.length && line.data[0] == '#')
        line = slice_make(line.data + 1, line.length - 1);
    line = slice_trim(line);
    if (!memchr(line.data, '*', line.length))
        return line;
    char *out = arena_alloc(im->arena, line.length + 1);
    size_t n = 0;
    for (size_t i = 0; i < line.length; i++) {
        if (line.data[i] == '*' && i + 1 < line.length && line.data[i + 1] == '*') {
            i++;
            continue;
        }
        out[n++] = line.data[i];
    }
    return slice_trim(slice_make(out, n));
}

static void report_line(Importer *im, uint32_t line, const char *what, Slice text) {
    buffer_printf(&im->result->report, "  %u: %s: %.*s\n", line, what, (int)text.length, text.data);
}

static void uncertain(Importer *im, uint32_t line, const char *what, Slice text) {
    buffer_printf(&im->result->report, "? %u: %s: %.*s\n", line, what, (int)text.length, text.data);
    im->result->uncertain++;
}

/* dd.mm.yyyy (or dd.mm.yy) anywhere in the text. */
static bool find_date(Slice text, Date *date) {
    for (size_t i = 0; i + 8 <= text.length; i++) {
        if (!isdigit((unsigned char)text.data[i]) || (i && isdigit((unsigned char)text.data[i - 1])))
            continue;
        size_t end = i;
        while (end < text.length && (isdigit((unsigned char)text.data[end]) || text.data[end] == '.'))
            end++;
        while (end > i && text.data[end - 1] == '.')
            end--;
        if (date_parse_any(slice_make(text.data + i, end - i), CASE_NUMBER_YEARS_IN_2000S, date) == VALUE_OK)
            return true;
    }
    return false;
}

/* hh.mm-hh.mm (or with ':') anywhere in the text, as "HH:MM-HH:MM". */
static char *find_time(Importer *im, Slice text) {
    for (size_t i = 0; i + 11 <= text.length; i++) {
        const char *p = text.data + i;
        if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) && (p[2] == '.' || p[2] == ':') &&
            isdigit((unsigned char)p[3]) && isdigit((unsigned char)p[4]) && (p[5] == '-' || p[5] == ' ') ) {
            size_t j = 5;
            while (i + j < text.length && (p[j] == '-' || p[j] == ' '))
                j++;
            if (i + j + 5 <= text.length && isdigit((unsigned char)p[j]) && isdigit((unsigned char)p[j + 1]) &&
                (p[j + 2] == '.' || p[j + 2] == ':') && isdigit((unsigned char)p[j + 3]) && isdigit((unsigned char)p[j + 4]))
                return arena_printf(im->arena, "%c%c:%c%c-%c%c:%c%c", p[0], p[1], p[3], p[4], p[j], p[j + 1], p[j + 3],
                                    p[j + 4]);
        }
    }
    return NULL;
}

/* ---- attendance -------------------------------------------------------- */

static void person_add(Importer *im, int group, ImportPerson person) {
    PersonArray *array = &im->groups[group];
    if (array->count == array->capacity) {
        size_t capacity = array->capacity ? array->capacity * 2 : 16;
        ImportPerson *items = arena_alloc_array(im->arena, capacity, sizeof *items);
        if (array->count)
            memcpy(items, array->items, array->count * sizeof *items);
        array->items = items;
        array->capacity = capacity;
    }
    array->items[array->count++] = person;
}

static bool looks_like_name_start(const char *text) {
    unsigned char c = (unsigned char)text[0];
    return (c >= 'A' && c <= 'Z') || c == 0xC3; /* ASCII capital or Æ Ø Å */
}

/* "vara for X" ends a role; X is matched against the roster if there is one. */
static void split_deputy(Importer *im, ImportPerson *person, uint32_t line) {
    if (!person->role)
        return;
    char *found = NULL;
    size_t marker = 9;
    for (char *p = person->role; *p; p++) {
        if (strncasecmp(p, "vara for ", 9) == 0)
            found = p;
    }
    if (!found && strncasecmp(person->role, "for ", 4) == 0 && looks_like_name_start(person->role + 4)) {
        /* "Siri Myklebust for Anne Lid" under "Møtande vara:". */
        found = person->role;
        marker = 4;
    }
    if (!found)
        return;
    Slice target = slice_trim(slice_from_cstring(found + marker));
    char *open = found;
    while (open > person->role && open[-1] == ' ')
        open--;
    char *close = open > person->role && open[-1] == '(' ? strchr(found, ')') : NULL;
    const char *after = "";
    if (close) {
        /* "(vara for Trine Olsen), Balsfjord kommune": the member ends at
         * the parenthesis, and what follows it is still the role. */
        target = slice_trim(slice_make(found + marker, (size_t)(close - found - marker)));
        found = open - 1;
        after = close + 1;
        while (*after == ' ' || *after == ',')
            after++;
    }
    while (found > person->role && (found[-1] == ' ' || found[-1] == ','))
        found--;
    *found = '\0';
    if (*after)
        person->role = *person->role ? arena_printf(im->arena, "%s, %s", person->role, after) : arena_strdup(im->arena, after);
    if (!*person->role)
        person->role = NULL;
    person->deputy_for = copy(im, target);
    const Project *project = im->options->project;
    const char *id = im->options->body_id;
    const Body *body = project && id ? project_find_body(project, slice_from_cstring(id)) : NULL;
    if (body && body->member_count) {
        Slice *names = arena_alloc_array(im->arena, body->member_count, sizeof *names);
        for (size_t i = 0; i < body->member_count; i++)
            names[i] = body->members[i].name;
        bool known = false;
        for (size_t i = 0; i < body->member_count; i++)
            known = known || slice_equal_fold(names[i], target);
        long index = known ? -1 : name_suggest(target, names, body->member_count);
        if (index >= 0) {
            uncertain(im, line, "'vara for' matched to the roster", target);
            person->deputy_for = copy(im, names[index]);
        }
    }
}

/* A member listed as themselves whose name is clearly a roster member's,
 * misspelt, is written in the roster's spelling (reported). */
static void match_roster_name(Importer *im, int group, ImportPerson *person, uint32_t line) {
    if (person->deputy_for || (group != GROUP_PRESENT && group != GROUP_ADVISORY && group != GROUP_ABSENT))
        return;
    const Project *project = im->options->project;
    const char *id = im->options->body_id;
    const Body *body = project && id ? project_find_body(project, slice_from_cstring(id)) : NULL;
    if (!body || !body->member_count)
        return;
    Slice name = slice_from_cstring(person->name);
    Slice *names = arena_alloc_array(im->arena, body->member_count, sizeof *names);
    for (size_t i = 0; i < body->member_count; i++) {
        names[i] = body->members[i].name;
        if (slice_equal_fold(names[i], name))
            return;
    }
    long index = name_suggest(name, names, body->member_count);
    if (index < 0)
        return;
    uncertain(im, line, arena_printf(im->arena, "name written as the roster spells it, %.*s", (int)names[index].length,
                                     names[index].data),
              name);
    person->name = copy(im, names[index]);
}


/* One person as the layout reader paired them: guests' cases, two people
 * on one line, a deputy's member and the roster's spelling are read here. */
static void attendance_entry(Importer *im, int group, const ImportLayoutEntry *found) {
    uint32_t line = found->line;
    char *entry = found->role ? arena_printf(im->arena, "%s\t%s", found->name, found->role)
                              : arena_strdup(im->arena, found->name);
    Slice text = slice_from_cstring(arena_printf(im->arena, "%s%s%s", found->name, found->role ? " | " : "",
                                                 found->role ? found->role : ""));
    if (found->doubt)
        uncertain(im, line, found->doubt, text);
    char *cases = NULL;
    if (group == GROUP_GUESTS) {
        /* "…, sak 21/24" ends a guest entry */
        char *at = NULL;
        for (char *p = entry; *p; p++)
            if (strncasecmp(p, "sak ", 4) == 0 && isdigit((unsigned char)p[4]))
                at = p;
        if (at) {
            cases = arena_strdup(im->arena, at + 4);
            while (at > entry && (at[-1] == ' ' || at[-1] == ','))
                at--;
            *at = '\0';
        }
    }
    /* Two people on one line: "A, role, og B, role". */
    char *rest = entry;
    while (rest && *rest) {
        char *next = NULL;
        for (char *p = rest; *p; p++) {
            if (strncmp(p, ", og ", 5) == 0 && looks_like_name_start(p + 5) && strchr(p + 5, ',')) {
                next = p + 5;
                *p = '\0';
                break;
            }
        }
        ImportPerson person = {0};
        char *tab = strchr(rest, '\t');
        char *comma = strchr(rest, ',');
        char *split = tab ? tab : comma;
        if (split) {
            *split = '\0';
            char *role = split + 1;
            for (char *p = role; *p; p++)
                if (*p == '\t')
                    *p = ' ';
            Slice written = slice_trim(slice_from_cstring(role));
            /* "Marit Strøm (referent)": the parenthesis is the role. */
            if (written.length > 2 && written.data[0] == '(' && written.data[written.length - 1] == ')' &&
                !memchr(written.data + 1, '(', written.length - 2))
                written = slice_trim(slice_make(written.data + 1, written.length - 2));
            person.role = copy(im, written);
            if (!*person.role)
                person.role = NULL;
        }
        person.name = copy(im, slice_trim(slice_from_cstring(rest)));
        person.cases = cases;
        split_deputy(im, &person, line);
        match_roster_name(im, group, &person, line);
        if (next)
            uncertain(im, line, "two people on one line, split", text);
        if (*person.name)
            person_add(im, group, person);
        rest = next;
    }
}

static void section_add(Importer *im, Slice raw, uint32_t line) {
    if (im->section_count == im->section_capacity) {
        size_t capacity = im->section_capacity ? im->section_capacity * 2 : 32;
        ImportLayoutLine *items = arena_alloc_array(im->arena, capacity, sizeof *items);
        if (im->section_count)
            memcpy(items, im->section, im->section_count * sizeof *items);
        im->section = items;
        im->section_capacity = capacity;
    }
    im->section[im->section_count++] = (ImportLayoutLine){raw, line};
    if (slice_trim(raw).length)
        report_line(im, line, arena_printf(im->arena, "attendance (%s)", GROUP_KEYS[im->section_group]),
                    slice_trim(raw));
}

/* The collected section, read by its layout. */
static void section_flush(Importer *im) {
    if (!im->section_count)
        return;
    ImportLayoutEntry *entries;
    size_t count = import_layout_people(im->arena, im->lexicon, im->section, im->section_count, &entries);
    for (size_t i = 0; i < count; i++)
        attendance_entry(im, im->section_group, &entries[i]);
    im->section_count = 0;
}

/* An attendance section's heading ("Til stede", "Forfall"), or one with its
 * people on the same line ("Forfall: Trine Olsen, Siv Johansen"), whose
 * names become the section's lines: true when the line was one. */
static bool attendance_heading(Importer *im, Slice line, uint32_t number, bool in_section) {
    Slice listed = slice_make("", 0);
    int group = import_layout_heading(line);
    if (group < 0)
        group = import_layout_heading_inline(line, &listed);
    if (group < 0)
        return false;
    if (in_section)
        section_flush(im);
    im->section_group = group;
    if (!listed.length) {
        report_line(im, number, "attendance heading", line);
        return true;
    }
    report_line(im, number, "attendance heading with its people", line);
    Slice parts[64];
    size_t part_count = import_layout_inline_people(listed, parts, sizeof parts / sizeof parts[0]);
    for (size_t i = 0; i < part_count; i++) {
        Slice part = parts[i];
        const char *open = part_count > 1 ? memchr(part.data, '(', part.length) : NULL;
        if (open) /* "Ingrid Dale (leiar)": the parenthesis is the role */
            part = slice_from_cstring(arena_printf(im->arena, "%.*s\t%.*s", (int)(open - part.data), part.data,
                                                   (int)(part.data + part.length - open - 2), open + 1));
        section_add(im, part, number);
    }
    return true;
}

/* ---- cases ----------------------------------------------------------------- */

static ImportCase *case_add(Importer *im, Slice number, uint32_t line) {
    if (im->case_count == im->case_capacity) {
        size_t capacity = im->case_capacity ? im->case_capacity * 2 : 16;
        ImportCase *items = arena_alloc_array(im->arena, capacity, sizeof *items);
        if (im->case_count)
            memcpy(items, im->cases, im->case_count * sizeof *items);
        im->cases = items;
        im->case_capacity = capacity;
    }
    ImportCase *c = &im->cases[im->case_count++];
    memset(c, 0, sizeof *c);
    c->number = copy(im, number);
    c->line = line;
    im->segment = SEGMENT_TEXT;
    im->block_started = im->block_ended = im->in_list = false;
    im->fields_open = true;
    return c;
}

/* The title's "(B)", "(O)" or "(R)" at the end is the case type. */
static void set_title(Importer *im, ImportCase *c, Slice title) {
    title = slice_trim(title);
    if (title.length >= 3 && title.data[title.length - 1] == ')' && title.data[title.length - 3] == '(' &&
        strchr("BORbor", title.data[title.length - 2])) {
        c->type = (char)toupper((unsigned char)title.data[title.length - 2]);
        title = slice_trim(slice_make(title.data, title.length - 3));
    }
    c->title = copy(im, title);
}

/* A case number at the start of text: 1–3 digits, / or -, 2 or 4 digits. */
static size_t number_length(Slice text) {
    CaseNumber number;
    size_t consumed;
    if (case_number_parse(text, CASE_NUMBER_YEARS_IN_2000S, &number, &consumed) != CASE_NUMBER_OK)
        return 0;
    return consumed;
}

/* "Sak: 01/25", "Sak 19/24: Tittel", "SSU sak 26/2024". Returns the number's
 * slice and sets *title (possibly empty). */
static bool case_heading(Slice line, Slice *number, Slice *title) {
    Slice text = line;
    size_t skip = 0;
    const char *keyword = keyword_spelling(KEYWORD_GROUP_CASE, KEYWORD_CASE_CASE, LANGUAGE_NB);
    if (starts_with_fold(text, keyword)) {
        skip = strlen(keyword);
    } else if (text.length > 4 && (text.data[0] == 'P' || text.data[0] == 'R') && text.data[1] == 'S' &&
               text.data[2] == ' ' && isdigit((unsigned char)text.data[3])) {
        /* "PS 45/25 Tittel", "RS 3/25 …": a municipal protocol's political
         * case and reported item, written as cases. */
        skip = 2;
    } else {
        /* "SSU sak 26/2024" alone on its line, the title on the next: the
         * prefix is an abbreviation, nothing follows the number. */
        const char *space = memchr(text.data, ' ', text.length);
        if (!space || space - text.data > 12)
            return false;
        for (const char *p = text.data; p < space; p++)
            if (islower((unsigned char)*p))
                return false;
        Slice after = slice_make(space + 1, text.length - (size_t)(space + 1 - text.data));
        if (!starts_with_fold(after, "sak "))
            return false;
        skip = (size_t)(space + 1 - text.data) + 3;
        Slice rest = slice_trim(slice_make(text.data + skip, text.length - skip));
        if (number_length(rest) != rest.length)
            return false;
    }
    Slice rest = slice_make(text.data + skip, text.length - skip);
    if (rest.length && rest.data[0] == ':')
        rest = slice_make(rest.data + 1, rest.length - 1);
    rest = slice_trim(rest);
    size_t n = number_length(rest);
    if (!n)
        return false;
    *number = slice_make(rest.data, n);
    Slice after = slice_make(rest.data + n, rest.length - n);
    if (after.length && after.data[0] == ':')
        after = slice_make(after.data + 1, after.length - 1);
    *title = slice_trim(after);
    return true;
}

/* "Forslag til vedtak:", "Innstilling til konsensus:", "Vedtak:" — with the
 * text that may follow on the same line. */
static int part_marker(Slice line, Slice *rest) {
    size_t length;
    int concept = keyword_prefix(KEYWORD_GROUP_PART, line, LANGUAGE_NB, &length);
    if (concept < 0) /* a nynorsk document: "Framlegg til vedtak:" */
        concept = keyword_prefix(KEYWORD_GROUP_PART, line, LANGUAGE_NN, &length);
    if (concept < 0) {
        /* "Kommunedirektørens innstilling:", "Rådmannens innstilling:",
         * "Formannskapets innstilling:": whose proposal it is, before the
         * word the keywords know. */
        const char *colon = memchr(line.data, ':', line.length < 60 ? line.length : 60);
        Slice label = colon ? slice_trim(slice_make(line.data, (size_t)(colon - line.data))) : slice_make("", 0);
        const char *ending = "s innstilling";
        size_t n = strlen(ending);
        if (label.length <= n ||
            !slice_equal_fold(slice_make(label.data + label.length - n, n), slice_from_cstring(ending)) ||
            memchr(label.data, ' ', label.length - n))
            return -1;
        *rest = slice_trim(slice_make(colon + 1, (size_t)(line.data + line.length - colon - 1)));
        return SEGMENT_PROPOSAL;
    }
    Slice after = slice_make(line.data + length, line.length - length);
    if (after.length && after.data[0] != ':')
        return -1;
    *rest = after.length ? slice_trim(slice_make(after.data + 1, after.length - 1)) : after;
    return concept == KEYWORD_PART_PROPOSAL ? SEGMENT_PROPOSAL : SEGMENT_DECISION;
}

/* The language's own field keys, and "Vår ref" that the templates use for
 * the archive reference. Returns the canonical key. */
static const char *field_key(Slice line, Slice *value) {
    const char *colon = memchr(line.data, ':', line.length);
    if (!colon)
        return NULL;
    Slice key = slice_trim(slice_make(line.data, (size_t)(colon - line.data)));
    int concept = keyword_lookup(KEYWORD_GROUP_FIELD, key, LANGUAGE_NB);
    if (slice_equal_fold(key, slice_from_cstring("Vår ref")))
        concept = KEYWORD_FIELD_ARCHIVE_REF;
    if (concept < 0 || concept == KEYWORD_FIELD_ATTACHMENT)
        return NULL;
    *value = slice_trim(slice_make(colon + 1, (size_t)(line.data + line.length - colon - 1)));
    return keyword_spelling(KEYWORD_GROUP_FIELD, concept, LANGUAGE_NB);
}

static bool is_list_item(Slice text) {
    text = slice_trim(text);
    if (text.length >= 2 && (text.data[0] == '-' || text.data[0] == '*') && text.data[1] == ' ')
        return true;
    size_t i = 0;
    while (i < text.length && isdigit((unsigned char)text.data[i]))
        i++;
    return i > 0 && i + 1 < text.length && (text.data[i] == '.' || text.data[i] == ')') && text.data[i + 1] == ' ';
}

/* Markdown text of a case keeps headings only below level 2, so that a
 * heading in the text never opens a case or section of its own. */
static void append_text(Importer *im, StringBuffer *buffer, Slice raw) {
    Slice text = raw;
    size_t hashes = 0;
    while (hashes < text.length && text.data[hashes] == '#')
        hashes++;
    if (hashes > 0 && hashes < 3 && hashes < text.length && text.data[hashes] == ' ') {
        buffer_append_cstring(buffer, "###");
        text = slice_make(text.data + hashes, text.length - hashes);
    }
    /* A link whose target was lost in the PDF, [text](#), is its text. */
    size_t i = 0;
    while (i + 4 <= text.length) {
        if (memcmp(text.data + i, "](#)", 4) != 0) {
            i++;
            continue;
        }
        size_t open = i;
        while (open > 0 && text.data[open] != '[')
            open--;
        if (text.data[open] != '[') {
            i++;
            continue;
        }
        buffer_append(buffer, text.data, open);
        buffer_append(buffer, text.data + open + 1, i - open - 1);
        text = slice_make(text.data + i + 4, text.length - i - 4);
        i = 0;
    }
    buffer_append(buffer, text.data, text.length);
    buffer_append_cstring(buffer, "\n");
    (void)im;
}

static bool starts_lower(Slice line);

/* The part's text ends inside a sentence (no closing punctuation). */
static bool part_open_sentence(const StringBuffer *part) {
    size_t n = part->length;
    while (n && (part->data[n - 1] == '\n' || part->data[n - 1] == ' '))
        n--;
    return n && !strchr(".!?:;)", part->data[n - 1]);
}

static void case_line(Importer *im, ImportCase *c, Slice raw, Slice line, uint32_t number) {
    Slice rest;
    int marker = part_marker(line, &rest);
    if (marker >= 0) {
        im->fields_open = false;
        im->segment = (Segment)marker;
        im->block_started = rest.length > 0;
        im->block_ended = false;
        im->in_list = false;
        StringBuffer *part = marker == SEGMENT_PROPOSAL ? &c->proposal : &c->decision;
        bool *has = marker == SEGMENT_PROPOSAL ? &c->has_proposal : &c->has_decision;
        if (*has) {
            uncertain(im, number, "a second part of the same kind, kept as case text", line);
            im->segment = SEGMENT_TEXT;
            append_text(im, &c->text, raw);
            return;
        }
        *has = true;
        if (marker == SEGMENT_DECISION)
            im->has_decisions = true;
        report_line(im, number, marker == SEGMENT_PROPOSAL ? "proposal" : "decision", line);
        if (rest.length)
            append_text(im, part, rest);
        return;
    }
    Slice value;
    const char *key = field_key(line, &value);
    if (key && im->fields_open && im->segment == SEGMENT_TEXT) {
        buffer_printf(&c->fields, "%s: %.*s\n", key, (int)value.length, value.data);
        report_line(im, number, "case field", line);
        return;
    }
    const char *attachment = keyword_spelling(KEYWORD_GROUP_FIELD, KEYWORD_FIELD_ATTACHMENT, LANGUAGE_NB);
    size_t attachment_length = strlen(attachment);
    if (starts_with_fold(line, attachment) && line.length < 160 && memchr(line.data, ':', line.length) &&
        line.length > attachment_length + 1 && isdigit((unsigned char)line.data[attachment_length + 1])) {
        buffer_printf(&c->fields, "%s: %.*s\n", attachment, (int)line.length, line.data);
        report_line(im, number, "attachment", line);
        return;
    }
    bool blank = slice_trim(raw).length == 0;
    if (im->segment != SEGMENT_TEXT) {
        StringBuffer *part = im->segment == SEGMENT_PROPOSAL ? &c->proposal : &c->decision;
        /* A part is its first paragraph or list; what follows is case text
         * — except a sentence a page break cut ("… og" / "" /
         * "finansieringsplan."): the next line in lower case goes on. */
        if (!blank && im->block_ended && starts_lower(line) && part_open_sentence(part))
            im->block_ended = false;
        if (!blank && im->block_ended && !(im->in_list && is_list_item(raw))) {
            im->segment = SEGMENT_TEXT;
            uncertain(im, number, "text after a proposal or decision, moved into the case text", line);
        } else {
            if (blank) {
                if (im->block_started)
                    im->block_ended = true;
            } else {
                if (is_list_item(raw)) {
                    /* a list's next item after a blank line: the block goes
                     * on, and so do the item's wrapped lines */
                    im->in_list = true;
                    im->block_ended = false;
                }
                im->block_started = true;
            }
            if (!blank || part->length)
                append_text(im, part, blank ? raw : slice_trim(raw));
            return;
        }
    }
    if (blank && c->text.length == 0)
        return;
    if (blank)
        im->fields_open = false;
    append_text(im, &c->text, raw);
}

/* ---- OCR repair and the agenda ------------------------------------------- */

typedef struct {
    Importer *im;
    uint32_t line;
} RepairContext;

static void report_repair(void *context, Slice original, Slice repaired, bool certain) {
    RepairContext *repair = context;
    if (!certain) {
        buffer_printf(&repair->im->result->report, "? %u: OCR: '%.*s' left as read, but may be '%.*s' (both are words)\n",
                      repair->line, (int)original.length, original.data, (int)repaired.length, repaired.data);
        repair->im->result->uncertain++;
        return;
    }
    buffer_printf(&repair->im->result->report, "  %u: OCR repair (the repaired word is known): %.*s -> %.*s\n",
                  repair->line, (int)original.length, original.data, (int)repaired.length, repaired.data);
}

/* The words a repaired word may be: the importer's vocabulary, the
 * roster's and bodies' names, and the word lists when installed. */
static ImportLexicon *importer_lexicon(Importer *im) {
    ImportLexicon *lexicon = import_lexicon_new(im->arena);
    const Project *project = im->options->project;
    for (size_t b = 0; project && b < project->body_count; b++) {
        const Body *body = &project->bodies[b];
        import_lexicon_add_words(lexicon, body->name);
        for (size_t m = 0; m < body->member_count; m++)
            import_lexicon_add_words(lexicon, body->members[m].name);
    }
    for (const char *const *list = im->options->word_lists; list && *list; list++)
        import_lexicon_load(lexicon, *list);
    import_lexicon_count_document(lexicon, slice_make(im->input->text, im->input->length));
    return lexicon;
}

static bool starts_lower(Slice line) {
    unsigned char c = line.length ? (unsigned char)line.data[0] : 0;
    return (c >= 'a' && c <= 'z') ||
           (c == 0xC3 && line.length > 1 && ((unsigned char)line.data[1] == 0xA6 || (unsigned char)line.data[1] == 0xB8 ||
                                            (unsigned char)line.data[1] == 0xA5));
}

/* A case heading broken over lines by a PDF's large heading type: the
 * next line starts in lower case, or is short and no sentence, after a
 * heading line long enough to have been broken. */
static bool heading_goes_on(Importer *im, const ImportCase *c, Slice line) {
    if (starts_lower(line))
        return true;
    Slice heading = slice_trim(source_line(im->input, c->line));
    char last = line.length ? line.data[line.length - 1] : '.';
    return heading.length >= 35 && line.length < 40 && !strchr(".:;!?", last);
}

/* "Saksbehandler: …", "Arkivsak: …": a short key and a colon. */
static bool looks_like_field(Slice line) {
    const char *colon = memchr(line.data, ':', line.length < 32 ? line.length : 32);
    if (!colon || colon == line.data)
        return false;
    for (const char *p = line.data; p < colon; p++)
        if (isdigit((unsigned char)*p))
            return false;
    return true;
}

static Slice strip_bullet(Slice line) {
    if (line.length >= 2 && (line.data[0] == '-' || line.data[0] == '*') && (line.data[1] == ' ' || line.data[1] == '\t'))
        return slice_trim(slice_make(line.data + 2, line.length - 2));
    return line;
}

/* In the agenda, "Sak 06/23 Tittel" lines are its items. A heading ends
 * the agenda when it has no title on its line ("Sak: 06/23"), is a
 * Markdown heading, or is followed by a case's title, fields or parts. */
static bool agenda_item(Importer *im, Slice raw, Slice title, uint32_t number) {
    Slice trimmed = slice_trim(raw);
    if (trimmed.length && (trimmed.data[0] == '-' || trimmed.data[0] == '*'))
        return true;
    if (!title.length || (trimmed.length && trimmed.data[0] == '#'))
        return false;
    for (uint32_t n = number + 1; n <= im->input->line_count; n++) {
        Slice next = clean(im, source_line(im->input, n));
        if (!next.length)
            continue;
        Slice value, rest;
        return !(starts_with_fold(next, "Tittel:") || field_key(next, &value) || part_marker(next, &rest) >= 0);
    }
    return true;
}

static void agenda_add(Importer *im, Slice number, Slice title, uint32_t line) {
    if (im->agenda_count == im->agenda_capacity) {
        size_t capacity = im->agenda_capacity ? im->agenda_capacity * 2 : 16;
        AgendaEntry *items = arena_alloc_array(im->arena, capacity, sizeof *items);
        if (im->agenda_count)
            memcpy(items, im->agenda, im->agenda_count * sizeof *items);
        im->agenda = items;
        im->agenda_capacity = capacity;
    }
    AgendaEntry *entry = &im->agenda[im->agenda_count++];
    entry->number = copy(im, number);
    entry->title = copy(im, title);
    entry->line = line;
    /* The number's place in the line as the input has it. */
    Slice source = source_line(im->input, line);
    const char *at = NULL;
    for (size_t i = 0; number.length && !at && i + number.length <= source.length; i++)
        if (memcmp(source.data + i, number.data, number.length) == 0)
            at = source.data + i;
    size_t offset = at ? (size_t)(at - source.data) : 0;
    entry->column = (uint32_t)utf8_length(source.data, offset) + 1;
    entry->end_column = entry->column + (uint32_t)(at ? utf8_length(number.data, number.length) : source.length);
}

/* A line of the agenda that is no item: an item's title broken over two
 * lines goes on in lower case. */
static void agenda_line(Importer *im, Slice line, uint32_t number) {
    if (im->agenda_count && starts_lower(line)) {
        AgendaEntry *last = &im->agenda[im->agenda_count - 1];
        last->title = arena_printf(im->arena, "%s %.*s", last->title, (int)line.length, line.data);
    }
    report_line(im, number, "agenda line (generated from the cases)", line);
}

/* "09/23" and "9/2023" alike; -1 if not a case number. */
static long number_key(const char *text) {
    CaseNumber number;
    size_t consumed;
    Slice slice = slice_from_cstring(text);
    if (case_number_parse(slice, CASE_NUMBER_YEARS_IN_2000S, &number, &consumed) != CASE_NUMBER_OK)
        return -1;
    return (long)number.year * 1000 + number.number;
}

/* The title's words, lower case, without a type marker. */
static size_t title_words(Importer *im, const char *title, Slice **words) {
    Slice text = slice_trim(slice_from_cstring(title ? title : ""));
    if (text.length >= 3 && text.data[text.length - 1] == ')' && text.data[text.length - 3] == '(')
        text.length -= 3;
    *words = arena_alloc_array(im->arena, text.length / 2 + 1, sizeof **words);
    size_t count = 0;
    for (size_t i = 0; i < text.length;) {
        while (i < text.length && !isalnum((unsigned char)text.data[i]) && (unsigned char)text.data[i] < 0x80)
            i++;
        size_t start = i;
        while (i < text.length && (isalnum((unsigned char)text.data[i]) || (unsigned char)text.data[i] >= 0x80))
            i++;
        if (i > start)
            (*words)[count++] = slice_make(text.data + start, i - start);
    }
    return count;
}

static bool titles_equal(Importer *im, const char *a, const char *b) {
    Slice *wa, *wb;
    size_t na = title_words(im, a, &wa), nb = title_words(im, b, &wb);
    if (na != nb)
        return false;
    for (size_t i = 0; i < na; i++)
        if (!slice_equal_fold(wa[i], wb[i]))
            return false;
    return true;
}

/* Shared words over the shorter title's words: 1 for a title and its
 * short form, 0 for unrelated ones. */
static double title_overlap(Importer *im, const char *a, const char *b) {
    Slice *wa, *wb;
    size_t na = title_words(im, a, &wa), nb = title_words(im, b, &wb);
    if (!na || !nb)
        return 0;
    size_t shared = 0;
    for (size_t i = 0; i < na; i++) {
        bool found = false;
        for (size_t j = 0; j < nb && !found; j++)
            found = slice_equal_fold(wa[i], wb[j]);
        shared += found;
    }
    return (double)shared / (double)(na < nb ? na : nb);
}

static void agenda_disagrees(Importer *im, uint32_t line, uint32_t column, uint32_t end_column, const char *message) {
    buffer_printf(&im->result->report, "? %u: the agenda disagrees with the cases: %s\n", line, message);
    im->result->uncertain++;
    if (im->options->diagnostics)
        diag_report(im->options->diagnostics, DIAG_W_IMPORT_AGENDA,
                    source_span_at_line(im->input, line, column, end_column), "%s", message);
}

/* The document's agenda against its case headings: every number, title,
 * order, missing and duplicate entry that differs is reported at the
 * agenda's line (a case missing from the agenda at its heading). Each
 * agenda entry is matched with a case by number and title, else by title
 * alone (a case renumbered), else by number alone (a title changed). */
static void agenda_compare(Importer *im) {
    if (!im->agenda_count)
        return;
    size_t none = (size_t)-1;
    size_t *match = arena_alloc_array(im->arena, im->agenda_count, sizeof *match);
    bool *listed = arena_alloc_array(im->arena, im->case_count, sizeof *listed);
    for (size_t i = 0; i < im->agenda_count; i++) {
        const AgendaEntry *entry = &im->agenda[i];
        long key = number_key(entry->number);
        match[i] = none;
        for (size_t c = 0; c < im->case_count && match[i] == none; c++)
            if (!listed[c] && number_key(im->cases[c].number) == key &&
                title_overlap(im, entry->title, im->cases[c].title) >= 0.5)
                match[i] = c;
        double best = 0.6;
        for (size_t c = 0; c < im->case_count && match[i] == none; c++) {
            double overlap = listed[c] ? 0 : title_overlap(im, entry->title, im->cases[c].title);
            if (overlap >= best && (overlap > best || match[i] == none)) {
                best = overlap;
                match[i] = c;
            }
        }
        for (size_t c = 0; c < im->case_count && match[i] == none; c++)
            if (!listed[c] && number_key(im->cases[c].number) == key)
                match[i] = c;
        for (size_t j = 0; j < i; j++) {
            if (number_key(im->agenda[j].number) == key) {
                agenda_disagrees(im, entry->line, entry->column, entry->end_column,
                                 arena_printf(im->arena, "the agenda lists %s twice (first on line %u)", entry->number,
                                              im->agenda[j].line));
                break;
            }
        }
        if (match[i] == none) {
            agenda_disagrees(im, entry->line, entry->column, entry->end_column,
                             arena_printf(im->arena, "the agenda lists %s '%s', but no case has this number or title",
                                          entry->number, entry->title));
            continue;
        }
        const ImportCase *c = &im->cases[match[i]];
        listed[match[i]] = true;
        if (number_key(c->number) != key)
            agenda_disagrees(im, entry->line, entry->column, entry->end_column,
                             arena_printf(im->arena, "the agenda numbers '%s' %s, its case heading %s (line %u)",
                                          entry->title, entry->number, c->number, c->line));
        else if (!titles_equal(im, entry->title, c->title))
            agenda_disagrees(im, entry->line, entry->column, entry->end_column,
                             arena_printf(im->arena, "the agenda titles %s '%s', its case heading '%s' (line %u)",
                                          entry->number, entry->title, c->title ? c->title : "", c->line));
    }
    size_t last = none; /* the agenda entry matched before this one */
    for (size_t i = 0; i < im->agenda_count; i++) {
        if (match[i] == none)
            continue;
        if (last != none && match[i] < match[last])
            agenda_disagrees(im, im->agenda[i].line, im->agenda[i].column, im->agenda[i].end_column,
                             arena_printf(im->arena, "the agenda puts %s after %s; the cases come in the other order",
                                          im->agenda[i].number, im->agenda[last].number));
        if (last == none || match[i] > match[last])
            last = i;
    }
    for (size_t c = 0; c < im->case_count; c++) {
        if (listed[c])
            continue;
        Slice heading = source_line(im->input, im->cases[c].line);
        agenda_disagrees(im, im->cases[c].line, 1, (uint32_t)utf8_length(heading.data, heading.length) + 1,
                         arena_printf(im->arena, "case %s '%s' is not on the agenda", im->cases[c].number,
                                      im->cases[c].title ? im->cases[c].title : ""));
    }
}

/* ---- the document ------------------------------------------------------------- */

/* The length of the minutes' title word the line starts with ("Møtereferat
 * SSU", "Møteprotokoll", "Protokoll fra møte i …", the municipal
 * "Møtebok"), or 0. A whole word: "Referatsaker" is an agenda's section. */
static size_t minutes_title_length(Slice line) {
    static const char *const titles[] = {"Møtereferat", "Møteprotokoll", "Møtebok", "Protokoll", "Referat"};
    for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++) {
        size_t n = strlen(titles[i]);
        if (starts_with_fold(line, titles[i]) && (line.length == n || strchr(" :-\t", line.data[n])))
            return n;
    }
    return 0;
}

static void header_line(Importer *im, Slice line, uint32_t number) {
    size_t title_length = minutes_title_length(line);
    if (title_length) {
        im->minutes_title = true;
        Slice name = slice_trim(slice_make(line.data + title_length, line.length - title_length));
        if (name.length && !im->body_name) {
            const char *open = memchr(name.data, '(', name.length);
            if (open && name.data[name.length - 1] == ')') {
                im->body_short = copy(im, slice_make(open + 1, (size_t)(name.data + name.length - open - 2)));
                im->body_name = copy(im, slice_trim(slice_make(name.data, (size_t)(open - name.data))));
            } else {
                im->body_name = copy(im, name);
            }
        }
        report_line(im, number, "title", line);
        return;
    }
    if (starts_with_fold(line, "Innkalling")) {
        im->notice_title = true;
        report_line(im, number, "title", line);
        return;
    }
    if (starts_with_fold(line, "Dato:") || starts_with_fold(line, "Møtetid:") || starts_with_fold(line, "Møtedato:")) {
        Date date;
        if (!im->date.year && find_date(line, &date))
            im->date = date;
        char *time = find_time(im, line);
        if (time)
            im->time = time;
        report_line(im, number, "date", line);
        return;
    }
    if (starts_with_fold(line, "Kl.slett:") || starts_with_fold(line, "Klokkeslett:") || starts_with_fold(line, "Tid:") ||
        starts_with_fold(line, "Tidspunkt:") || starts_with_fold(line, "Møtetidspunkt:")) {
        char *time = find_time(im, line);
        if (time)
            im->time = time;
        report_line(im, number, "time", line);
        return;
    }
    const char *colon = memchr(line.data, ':', line.length);
    Slice value = colon ? slice_trim(slice_make(colon + 1, (size_t)(line.data + line.length - colon - 1))) : line;
    if (starts_with_fold(line, "Sted:") || starts_with_fold(line, "Stad:") || starts_with_fold(line, "Møtested:") ||
        starts_with_fold(line, "Møtestad:")) {
        im->place = copy(im, value);
        report_line(im, number, "place", line);
        return;
    }
    if ((starts_with_fold(line, "Utvalg:") || starts_with_fold(line, "Utval:") || starts_with_fold(line, "Organ:")) &&
        value.length) {
        /* Named outright: better than the first line's guess. */
        im->body_name = copy(im, value);
        report_line(im, number, "the body's name", line);
        return;
    }
    if (!im->body_name && line.length < 120 && !memchr(line.data, ':', line.length) && im->preamble.length == 0) {
        im->body_name = copy(im, line);
        uncertain(im, number, "the first line taken as the body's name", line);
        return;
    }
    append_text(im, &im->preamble, line);
    uncertain(im, number, "kept in the preamble", line);
}

static char *slug(Importer *im, const char *text) {
    StringBuffer out = {0};
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (isalnum(*p))
            buffer_printf(&out, "%c", tolower(*p));
        else if (*p == 0xC3 && p[1]) {
            p++;
            buffer_append_cstring(&out, (*p == 0xB8 || *p == 0x98) ? "o" : (*p == 0xA6 || *p == 0x86) ? "ae" : "a");
        } else if (out.length && out.data[out.length - 1] != '-')
            buffer_append_cstring(&out, "-");
    }
    while (out.length && out.data[out.length - 1] == '-')
        out.length--;
    char *result = arena_strndup(im->arena, out.data ? out.data : "", out.length);
    buffer_free(&out);
    return result;
}

static void yaml_string(StringBuffer *out, const char *text) {
    buffer_append_cstring(out, "\"");
    for (const char *p = text; *p; p++) {
        if (*p == '"' || *p == '\\')
            buffer_printf(out, "\\%c", *p);
        else if ((unsigned char)*p < 0x20)
            buffer_append_cstring(out, " ");
        else
            buffer_append(out, p, 1);
    }
    buffer_append_cstring(out, "\"");
}

static const char *body_id(Importer *im) {
    if (im->options->body_id)
        return im->options->body_id;
    const Project *project = im->options->project;
    for (size_t i = 0; project && i < project->body_count; i++) {
        const Body *body = &project->bodies[i];
        if ((im->body_short && slice_equal_fold(body->short_name, slice_from_cstring(im->body_short))) ||
            (im->body_name && slice_equal_fold(body->name, slice_from_cstring(im->body_name))))
            return body->id.data;
    }
    const char *made = slug(im, im->body_short ? im->body_short : im->body_name ? im->body_name : "organ");
    uncertain(im, 0, "the body's id made from its name (use --body ID)", slice_from_cstring(made));
    return made;
}

static void write_meeting(Importer *im) {
    StringBuffer *out = &im->result->meeting;
    bool notice = !im->minutes_title && (im->notice_title || im->saw_agenda || !im->has_decisions);
    if (notice) {
        /* A notice proposes; its "Vedtak:" without a proposal is the proposal. */
        for (size_t i = 0; i < im->case_count; i++) {
            ImportCase *c = &im->cases[i];
            if (c->has_decision && !c->has_proposal) {
                StringBuffer swap = c->proposal;
                c->proposal = c->decision;
                c->decision = swap;
                c->has_proposal = true;
                c->has_decision = false;
                uncertain(im, c->line, "a notice's decision written as the proposal (a notice has none)",
                          slice_from_cstring(c->number));
            }
        }
    }
    buffer_printf(out, "---\nbody: %s\nkind: %s\ndate: %04d-%02d-%02d\n", body_id(im), notice ? "notice" : "minutes",
                  im->date.year, im->date.month, im->date.day);
    if (im->time)
        buffer_printf(out, "time: \"%s\"\n", im->time);
    if (im->place) {
        buffer_append_cstring(out, "place: ");
        yaml_string(out, im->place);
        buffer_append_cstring(out, "\n");
    }
    for (int g = 0; g < GROUP_COUNT; g++) {
        const PersonArray *group = &im->groups[g];
        if (!group->count)
            continue;
        buffer_printf(out, "%s:\n", GROUP_KEYS[g]);
        for (size_t i = 0; i < group->count; i++) {
            const ImportPerson *p = &group->items[i];
            buffer_append_cstring(out, "  - name: ");
            yaml_string(out, p->name);
            buffer_append_cstring(out, "\n");
            if (p->role) {
                buffer_append_cstring(out, "    role: ");
                yaml_string(out, p->role);
                buffer_append_cstring(out, "\n");
            }
            if (p->deputy_for) {
                buffer_append_cstring(out, "    for: ");
                yaml_string(out, p->deputy_for);
                buffer_append_cstring(out, "\n");
            }
            if (p->cases) {
                buffer_append_cstring(out, "    cases: [");
                for (const char *q = p->cases; *q; q++)
                    if (*q != ' ')
                        buffer_append(out, q, 1);
                buffer_append_cstring(out, "]\n");
            }
        }
    }
    buffer_append_cstring(out, "---\n");
    if (im->preamble.length)
        buffer_printf(out, "\n%.*s", (int)im->preamble.length, im->preamble.data);
    for (size_t i = 0; i < im->case_count; i++) {
        const ImportCase *c = &im->cases[i];
        buffer_printf(out, "\n## %s %s %s", keyword_spelling(KEYWORD_GROUP_CASE, KEYWORD_CASE_CASE, LANGUAGE_NB), c->number,
                      c->title && *c->title ? c->title : "(uten tittel)");
        if (c->type)
            buffer_printf(out, " (%c)", c->type);
        buffer_append_cstring(out, "\n\n");
        if (c->fields.length)
            buffer_printf(out, "%.*s\n", (int)c->fields.length, c->fields.data);
        Slice text = slice_trim(slice_make(c->text.data ? c->text.data : "", c->text.length));
        if (text.length)
            buffer_printf(out, "%.*s\n\n", (int)text.length, text.data);
        Slice proposal = slice_trim(slice_make(c->proposal.data ? c->proposal.data : "", c->proposal.length));
        if (c->has_proposal)
            buffer_printf(out, "### %s\n\n%.*s\n\n", keyword_spelling(KEYWORD_GROUP_PART, KEYWORD_PART_PROPOSAL, LANGUAGE_NB),
                          (int)proposal.length, proposal.data);
        Slice decision = slice_trim(slice_make(c->decision.data ? c->decision.data : "", c->decision.length));
        if (c->has_decision)
            buffer_printf(out, "### %s\n\n%.*s\n\n", keyword_spelling(KEYWORD_GROUP_PART, KEYWORD_PART_DECISION, LANGUAGE_NB),
                          (int)decision.length, decision.data);
    }
    Slice appendix = slice_trim(slice_make(im->appendix.data ? im->appendix.data : "", im->appendix.length));
    if (appendix.length)
        buffer_printf(out, "\n## Vedlegg\n\n%.*s\n", (int)appendix.length, appendix.data);
}

static void importer_free(Importer *im) {
    for (size_t i = 0; i < im->case_count; i++) {
        buffer_free(&im->cases[i].fields);
        buffer_free(&im->cases[i].text);
        buffer_free(&im->cases[i].proposal);
        buffer_free(&im->cases[i].decision);
    }
    buffer_free(&im->preamble);
    buffer_free(&im->appendix);
}

/* The title on the line after a heading that had none. */
static void title_line(Importer *im, ImportCase *current, Slice line, uint32_t number) {
    if (starts_with_fold(line, "Tittel:")) {
        set_title(im, current, slice_make(line.data + 7, line.length - 7));
        report_line(im, number, "case title", line);
    } else {
        set_title(im, current, line);
        uncertain(im, number, "the line after the case number taken as its title", line);
    }
}

/* A case heading after what was taken for the appendix: it was not the
 * appendix, and its text belongs to the case before. */
static void appendix_undone(Importer *im, ImportCase *current, Slice line, uint32_t number) {
    uncertain(im, number, "text taken for an appendix kept with the case before this one", line);
    buffer_append(&current->text, im->appendix.data, im->appendix.length);
    im->appendix.length = 0;
}

/* A saksframlegg has no meeting header: the date is its case's. */
static void date_from_cases(Importer *im) {
    for (size_t i = 0; i < im->case_count && !im->date.year; i++) {
        Slice fields = slice_make(im->cases[i].fields.data ? im->cases[i].fields.data : "", im->cases[i].fields.length);
        find_date(fields, &im->date);
    }
    for (size_t i = 0; i < im->case_count && !im->date.year; i++) {
        /* … or its text, where a blank line closed the fields before "Møtedato:" */
        const char *text = im->cases[i].text.data;
        const char *at = text ? strstr(text, "Møtedato:") : NULL;
        if (at) {
            const char *end = strchr(at, '\n');
            find_date(slice_make(at, end ? (size_t)(end - at) : strlen(at)), &im->date);
        }
    }
}

/* A title going on over the next line ("Tittel: … i" / "kommunene (O)"):
 * joined until a blank line, a field, a part or (after a heading) a line
 * that is not the heading's end. Returns whether the line was taken. */
static bool title_continued(Importer *im, ImportCase *current, bool after_heading, Slice line, uint32_t number) {
    Slice value, rest;
    if (line.length == 0 || field_key(line, &value) || part_marker(line, &rest) >= 0 || looks_like_field(line) ||
        (after_heading && !heading_goes_on(im, current, line)))
        return false;
    set_title(im, current, slice_from_cstring(arena_printf(im->arena, "%s %.*s", current->title ? current->title : "",
                                                           (int)line.length, line.data)));
    report_line(im, number, "case title, continued", line);
    return true;
}

void import_text(Arena *arena, const SourceFile *input, const ImportOptions *options, ImportResult *result) {
    memset(result, 0, sizeof *result);
    Importer im;
    memset(&im, 0, sizeof im);
    im.arena = arena;
    im.input = input;
    im.options = options;
    im.result = result;
    buffer_append_cstring(&result->report, "Read as structure (line: meaning: text), '?' where uncertain:\n");
    im.lexicon = importer_lexicon(&im);
    enum { STATE_HEADER, STATE_AGENDA, STATE_ATTENDANCE, STATE_CASES, STATE_APPENDIX } state = STATE_HEADER;
    ImportCase *current = NULL;
    bool title_pending = false;
    /* A title that may go on over the next lines: after "Tittel:" until a
     * field, a blank line or the type marker; after a heading only by a
     * line that starts in lower case. */
    enum { TITLE_CLOSED, TITLE_FIELD, TITLE_HEADING } title_open = TITLE_CLOSED;
    bool *furniture = import_layout_page_furniture(arena, input);
    for (uint32_t number = 1; number <= input->line_count; number++) {
        if (furniture[number]) {
            report_line(&im, number, "page furniture (a page number or running header), left out",
                        slice_trim(source_line(input, number)));
            continue;
        }
        RepairContext repair = {&im, number};
        Slice raw = import_ocr_repair(arena, im.lexicon, source_line(input, number), report_repair, &repair);
        Slice line = clean(&im, raw);
        Slice case_number, title;
        bool heading = case_heading(line, &case_number, &title);
        Slice agenda_number, agenda_title;
        if (state == STATE_AGENDA && case_heading(strip_bullet(line), &agenda_number, &agenda_title) &&
            agenda_item(&im, raw, agenda_title, number)) {
            agenda_add(&im, agenda_number, agenda_title, number);
            report_line(&im, number, "agenda item (compared with the cases at the end)", line);
            continue;
        }
        if (title_open != TITLE_CLOSED && current && !heading) {
            if (title_continued(&im, current, title_open == TITLE_HEADING, line, number)) {
                if (current->type)
                    title_open = TITLE_CLOSED;
                continue;
            }
            title_open = TITLE_CLOSED;
        }
        if (heading) {
            if (state == STATE_ATTENDANCE)
                section_flush(&im);
            if (state == STATE_APPENDIX)
                appendix_undone(&im, current, line, number);
            current = case_add(&im, case_number, number);
            set_title(&im, current, title);
            title_pending = title.length == 0;
            Slice trimmed = slice_trim(raw);
            title_open = title.length && !current->type && !(trimmed.length && trimmed.data[0] == '#') ? TITLE_HEADING
                                                                                                       : TITLE_CLOSED;
            state = STATE_CASES;
            report_line(&im, number, "case heading", line);
            continue;
        }
        if (state == STATE_CASES && title_pending && line.length) {
            title_line(&im, current, line, number);
            title_open = current->type ? TITLE_CLOSED : TITLE_FIELD;
            title_pending = false;
            continue;
        }
        if (line.length == 0 && state != STATE_CASES && state != STATE_APPENDIX) {
            if (state == STATE_ATTENDANCE)
                section_add(&im, raw, number);
            continue;
        }
        if (state != STATE_CASES && state != STATE_APPENDIX &&
            attendance_heading(&im, line, number, state == STATE_ATTENDANCE)) {
            state = STATE_ATTENDANCE;
            continue;
        }
        if (state == STATE_ATTENDANCE && import_layout_legend(line)) {
            report_line(&im, number, "legend of the case types (no one's name)", line);
            continue;
        }
        if ((state == STATE_HEADER || state == STATE_ATTENDANCE) &&
            slice_equal_fold(line, slice_from_cstring("Saksliste"))) {
            section_flush(&im);
            state = STATE_AGENDA;
            im.saw_agenda = true;
            report_line(&im, number, "agenda heading (the saksliste is generated from the cases)", line);
            continue;
        }
        switch (state) {
        case STATE_HEADER:
            header_line(&im, line, number);
            break;
        case STATE_AGENDA:
            agenda_line(&im, line, number);
            break;
        case STATE_ATTENDANCE:
            section_add(&im, raw, number);
            break;
        case STATE_CASES: {
            /* After the last decision, a level-1/2 Markdown heading or an
             * all-capitals line opens the appendices. */
            Slice trimmed = slice_trim(raw);
            bool markdown_heading = trimmed.length > 2 && trimmed.data[0] == '#' &&
                                    (trimmed.data[1] == ' ' || (trimmed.data[1] == '#' && trimmed.data[2] == ' '));
            bool decided = current->has_decision && im.block_ended;
            if (markdown_heading || (decided && line.length > 3)) {
                /* After a finished decision, a heading-like line (short, no
                 * closing punctuation) starts the appendices — undone if a
                 * case heading follows. */
                /* An empty heading ("## **") has no last character. */
                char last = line.length ? line.data[line.length - 1] : '.';
                bool heading_like = line.length > 0 && line.length < 80 && !strchr(".:;,", last) && !is_list_item(raw);
                if (markdown_heading || heading_like) {
                    state = STATE_APPENDIX;
                    uncertain(&im, number, "appendix starts here, after the last case", line);
                    append_text(&im, &im.appendix, raw);
                    break;
                }
            }
            case_line(&im, current, raw, line, number);
            break;
        }
        case STATE_APPENDIX:
            append_text(&im, &im.appendix, raw);
            break;
        }
    }
    if (state == STATE_ATTENDANCE)
        section_flush(&im);
    if (im.case_count == 0) {
        result->error = "no case found (expected headings such as 'Sak 01/25 Tittel' or 'Sak: 01/25')";
        importer_free(&im);
        return;
    }
    if (!im.date.year)
        date_from_cases(&im);
    if (!im.date.year) {
        result->error = "no meeting date found (expected 'Dato: DD.MM.YYYY', 'Møtetid: …' or 'Møtedato: …')";
        importer_free(&im);
        return;
    }
    agenda_compare(&im);
    write_meeting(&im);
    importer_free(&im);
}

void import_result_free(ImportResult *result) {
    buffer_free(&result->meeting);
    buffer_free(&result->report);
}

/* ---- the import command ------------------------------------------------ */

/* Debian's wnorwegian word lists; an absent list only means fewer repairs. */
static const char *const IMPORT_WORD_LISTS[] = {"/usr/share/dict/bokmaal", "/usr/share/dict/nynorsk", NULL};

/* The imported meeting through the normal front end: beside DIR's meetings
 * when a project is given (so that duplicate numbers across the archive
 * show), else with a body made up for it. */
static void import_check(Compilation *c, bool with_project, const ImportResult *result, const char *name) {
    Project *project = &c->project;
    if (!with_project) {
        Slice id = slice_from_cstring("imported");
        const char *marker = strstr(result->meeting.data, "\nbody: ");
        if (marker) {
            const char *end = strchr(marker + 7, '\n');
            id = slice_make(marker + 7, (size_t)(end - marker - 7));
        }
        char *config = arena_printf(&c->arena, "bodies:\n  %.*s:\n    seats: 99\n", (int)id.length, id.data);
        project->root = ".";
        config_read(&c->arena, &c->diagnostics, project,
                    source_from_memory(&c->arena, &c->diagnostics, "(imported body)", config, strlen(config)));
    }
    SourceFile *imported = source_from_memory(&c->arena, &c->diagnostics, name, result->meeting.data,
                                              result->meeting.length);
    if (imported) {
        Meeting **meetings = arena_alloc_array(&c->arena, project->meeting_count + 1, sizeof *meetings);
        if (project->meeting_count)
            memcpy(meetings, project->meetings, project->meeting_count * sizeof *meetings);
        meetings[project->meeting_count] = parse_meeting(&c->arena, &c->diagnostics, project, imported);
        project->meetings = meetings;
        project->meeting_count++;
        check_project(&c->arena, &c->diagnostics, project, 1);
    }
    compilation_report(c, stderr, DIAG_FORMAT_HUMAN, false, NULL);
    fprintf(stderr, "referat: the imported document has %zu error%s and %zu warning%s\n", c->diagnostics.error_count,
            c->diagnostics.error_count == 1 ? "" : "s", c->diagnostics.warning_count,
            c->diagnostics.warning_count == 1 ? "" : "s");
}

/* Where a command may write: never referat.yaml (the project's own file,
 * whatever --force says), never a folder, and an existing file only when
 * forced. Checked for every target before anything is written, so that a
 * refused command writes nothing. */
static bool import_target_allowed(const char *path, bool force) {
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    struct stat info;
    bool exists = stat(path, &info) == 0;
    if (strcmp(base, "referat.yaml") == 0) {
        fprintf(stderr, "referat: import: will not write %s: it is a project file\n", path);
        return false;
    }
    if (exists && S_ISDIR(info.st_mode)) {
        fprintf(stderr, "referat: import: %s is a folder; give a file name\n", path);
        return false;
    }
    if (exists && !force) {
        fprintf(stderr, "referat: import: %s exists; use --force to replace it\n", path);
        return false;
    }
    return true;
}

static bool import_write(const char *path, const StringBuffer *text, bool force) {
    bool ok = force ? output_write_file(path, text->data, text->length)
                    : output_create_file(path, text->data, text->length);
    if (!ok)
        fprintf(stderr, "referat: import: cannot write %s: %s\n", path, strerror(errno));
    return ok;
}

/* Writes the meeting and the report to their files (or stdout/stderr);
 * if the second cannot be written, the first is taken back. */
static int import_emit(const ImportCommand *command, const ImportResult *result) {
    if (command->out) {
        if (!import_write(command->out, &result->meeting, command->force))
            return REFERAT_EXIT_USAGE;
    } else {
        fwrite(result->meeting.data, 1, result->meeting.length, stdout);
    }
    if (command->report) {
        if (!import_write(command->report, &result->report, command->force)) {
            if (command->out && !command->force)
                unlink(command->out);
            return REFERAT_EXIT_USAGE;
        }
    } else {
        fwrite(result->report.data, 1, result->report.length, stderr);
    }
    return REFERAT_EXIT_OK;
}

int import_command(const ImportCommand *command) {
    if ((command->out && !import_target_allowed(command->out, command->force)) ||
        (command->report && !import_target_allowed(command->report, command->force)))
        return REFERAT_EXIT_USAGE;
    if (command->out && command->report && strcmp(command->out, command->report) == 0) {
        fprintf(stderr, "referat: import: the meeting and the report cannot both go to %s\n", command->out);
        return REFERAT_EXIT_USAGE;
    }
    Compilation c;
    if (command->directory) {
        compilation_run(&c, command->directory, compilation_default_jobs());
        if (!c.loaded) {
            compilation_report(&c, stderr, DIAG_FORMAT_HUMAN, false, command->directory);
            compilation_free(&c);
            return REFERAT_EXIT_USAGE;
        }
        /* Problems of the project itself are not the import's. */
        diag_dispose(&c.diagnostics);
        diag_init(&c.diagnostics, &c.arena);
    } else {
        memset(&c, 0, sizeof c);
        arena_init(&c.arena);
        diag_init(&c.diagnostics, &c.arena);
    }
    const char *input = command->input;
    const char *slash = strrchr(input, '/');
    char *folder = slash ? arena_strndup(&c.arena, input, (size_t)(slash - input)) : arena_strdup(&c.arena, ".");
    if (slash && !*folder)
        folder = arena_strdup(&c.arena, "/");
    SourceFile *file = source_load(&c.arena, &c.diagnostics, folder, slash ? slash + 1 : input);
    if (!file) {
        compilation_report(&c, stderr, DIAG_FORMAT_HUMAN, false, NULL);
        int status = c.diagnostics.io_error ? REFERAT_EXIT_USAGE : REFERAT_EXIT_ERRORS;
        compilation_free(&c);
        return status;
    }
    ImportOptions options = {command->body, command->directory ? &c.project : NULL, IMPORT_WORD_LISTS, &c.diagnostics};
    ImportResult result;
    import_text(&c.arena, file, &options, &result);
    int status = REFERAT_EXIT_OK;
    if (result.error) {
        fprintf(stderr, "referat: %s: nothing imported: %s\n", input, result.error);
        status = REFERAT_EXIT_ERRORS;
    } else {
        status = import_emit(command, &result);
        if (status == REFERAT_EXIT_OK)
            fprintf(stderr, "referat: imported %s; %zu placement%s to review (marked '?' in the report)\n", input,
                    result.uncertain, result.uncertain == 1 ? "" : "s");
    }
    if (status == REFERAT_EXIT_OK && command->check) {
        import_check(&c, command->directory != NULL, &result, command->out ? command->out : "(imported)");
        if (c.diagnostics.error_count)
            status = REFERAT_EXIT_ERRORS;
    } else if (c.diagnostics.count) {
        /* The document's own inconsistencies, shown without --check too. */
        compilation_report(&c, stderr, DIAG_FORMAT_HUMAN, false, NULL);
    }
    import_result_free(&result);
    compilation_free(&c);
    return status;
}
