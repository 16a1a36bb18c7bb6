/* import_layout: attendance sections of imported documents, read by their
 * layout rather than by the file they came from. A section's lines are
 * first classified one by one (a name and a role in columns; a name and
 * a role on one line; a name alone; a role or a piece of one), then the
 * section's layout is decided by what its lines are, and names are paired
 * with roles accordingly. Pairings made by count and order alone carry a
 * doubt that the import reports. */
#include "import_layout.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"

/* ---- headings -------------------------------------------------------- */

/* Lower case, å→a, æ→ae, ø/@→g (the letter OCR reads for ø), '*', '#'
 * and a final ':' dropped, spaces collapsed: "Medlemmer med mgte- og
 * talerett" and "Medlemmer med møte- og talerett" fold alike. */
static size_t heading_fold(Slice text, char *out, size_t capacity) {
    size_t n = 0;
    bool space = false;
    for (size_t i = 0; i < text.length && n + 2 < capacity; i++) {
        unsigned char c = (unsigned char)text.data[i];
        if (c == '*' || c == '#' || c == '_')
            continue;
        if (c == ' ' || c == '\t') {
            space = n > 0;
            continue;
        }
        if (space)
            out[n++] = ' ';
        space = false;
        if (c == 0xC3 && i + 1 < text.length) {
            unsigned char d = (unsigned char)text.data[++i];
            if (d == 0xA5 || d == 0x85)
                out[n++] = 'a';
            else if (d == 0xA6 || d == 0x86) {
                out[n++] = 'a';
                out[n++] = 'e';
            } else if (d == 0xB8 || d == 0x98)
                out[n++] = 'g';
            else
                out[n++] = '?';
            continue;
        }
        out[n++] = c == '@' ? 'g' : (char)tolower(c);
    }
    while (n && (out[n - 1] == ':' || out[n - 1] == ' '))
        n--;
    out[n] = '\0';
    return n;
}

int import_layout_heading(Slice line) {
    static const struct {
        const char *label;
        ImportGroup group;
    } labels[] = {
        {"Medlemmer med stemmerett", IMPORT_GROUP_PRESENT},
        {"Medlemmar med røysterett", IMPORT_GROUP_PRESENT},
        {"Faste medlemmer", IMPORT_GROUP_PRESENT},
        {"Faste medlemmar", IMPORT_GROUP_PRESENT},
        {"Møtende medlemmer", IMPORT_GROUP_PRESENT},
        {"Møtande medlemmar", IMPORT_GROUP_PRESENT},
        {"Tilstede", IMPORT_GROUP_PRESENT},
        {"Til stede", IMPORT_GROUP_PRESENT},
        {"Til stades", IMPORT_GROUP_PRESENT},
        {"Medlemmer med møte- og talerett", IMPORT_GROUP_ADVISORY},
        {"Medlemmar med møte- og talerett", IMPORT_GROUP_ADVISORY},
        {"Møte- og talerett", IMPORT_GROUP_ADVISORY},
        {"Sekretariatet", IMPORT_GROUP_SECRETARIAT},
        {"Sekretariat", IMPORT_GROUP_SECRETARIAT},
        {"Fra sekretariatet", IMPORT_GROUP_SECRETARIAT},
        {"Frå sekretariatet", IMPORT_GROUP_SECRETARIAT},
        {"Referent", IMPORT_GROUP_SECRETARIAT},
        {"Protokollfører", IMPORT_GROUP_SECRETARIAT},
        {"Sekretær", IMPORT_GROUP_SECRETARIAT},
        {"Møtende varamedlemmer", IMPORT_GROUP_PRESENT},
        {"Møtende vara", IMPORT_GROUP_PRESENT},
        {"Møtande vara", IMPORT_GROUP_PRESENT},
        {"Møtande varamedlem", IMPORT_GROUP_PRESENT},
        {"Møtende varamedlem", IMPORT_GROUP_PRESENT},
        {"Møtande varamedlemmar", IMPORT_GROUP_PRESENT},
        {"Møtt", IMPORT_GROUP_PRESENT},
        {"Møtte", IMPORT_GROUP_PRESENT},
        {"Følgende møtte", IMPORT_GROUP_PRESENT},
        {"Fra administrasjonen", IMPORT_GROUP_SECRETARIAT},
        {"Frå administrasjonen", IMPORT_GROUP_SECRETARIAT},
        {"Følgende fra administrasjonen møtte", IMPORT_GROUP_SECRETARIAT},
        {"Møtende fra administrasjonen", IMPORT_GROUP_SECRETARIAT},
        {"Følgende faste medlemmer møtte", IMPORT_GROUP_PRESENT},
        {"Følgjande faste medlemmar møtte", IMPORT_GROUP_PRESENT},
        {"Følgende medlemmer møtte", IMPORT_GROUP_PRESENT},
        {"Følgende varamedlemmer møtte", IMPORT_GROUP_PRESENT},
        {"Følgjande varamedlemmar møtte", IMPORT_GROUP_PRESENT},
        {"Følgende medlemmer hadde forfall", IMPORT_GROUP_ABSENT},
        {"Følgjande medlemmar hadde forfall", IMPORT_GROUP_ABSENT},
        {"Følgende hadde forfall", IMPORT_GROUP_ABSENT},
        {"Følgende medlemmer møtte ikke", IMPORT_GROUP_ABSENT},
        {"Andre til stede", IMPORT_GROUP_OBSERVERS},
        {"Andre tilstede", IMPORT_GROUP_OBSERVERS},
        {"Andre til stades", IMPORT_GROUP_OBSERVERS},
        {"I tillegg møtte", IMPORT_GROUP_OBSERVERS},
        {"Fast observatør", IMPORT_GROUP_OBSERVERS},
        {"Faste observatører", IMPORT_GROUP_OBSERVERS},
        {"Faste observatørar", IMPORT_GROUP_OBSERVERS},
        {"Observatører", IMPORT_GROUP_OBSERVERS},
        {"Observatørar", IMPORT_GROUP_OBSERVERS},
        {"Deltakere på sak", IMPORT_GROUP_GUESTS},
        {"Deltaker på sak", IMPORT_GROUP_GUESTS},
        {"Deltakarar på sak", IMPORT_GROUP_GUESTS},
        {"Deltakar på sak", IMPORT_GROUP_GUESTS},
        {"Forfall", IMPORT_GROUP_ABSENT},
        {"Meldt forfall", IMPORT_GROUP_ABSENT},
        {"Ikke til stede", IMPORT_GROUP_ABSENT},
        {"Ikkje til stades", IMPORT_GROUP_ABSENT},
        {"Fraværende", IMPORT_GROUP_ABSENT},
        {"Fråverande", IMPORT_GROUP_ABSENT},
        {"Forfall meldt", IMPORT_GROUP_ABSENT},
    };
    char folded[128], label[128];
    if (line.length >= sizeof folded / 2)
        return -1;
    heading_fold(line, folded, sizeof folded);
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        heading_fold(slice_from_cstring(labels[i].label), label, sizeof label);
        if (strcmp(folded, label) == 0)
            return (int)labels[i].group;
    }
    return -1;
}

int import_layout_heading_inline(Slice line, Slice *rest) {
    const char *colon = memchr(line.data, ':', line.length < 64 ? line.length : 64);
    if (!colon)
        return -1;
    Slice label = slice_make(line.data, (size_t)(colon - line.data));
    Slice after = slice_trim(slice_make(colon + 1, (size_t)(line.data + line.length - colon - 1)));
    int group = after.length ? import_layout_heading(label) : -1;
    if (group >= 0)
        *rest = after;
    return group;
}

bool import_layout_legend(Slice line) {
    char folded[64];
    heading_fold(slice_make(line.data, line.length < 40 ? line.length : 40), folded, sizeof folded);
    /* "Sakstyper: B=…", "Saktype: O=…": a word for case types, letters given meanings */
    return strncmp(folded, "sakstype", 8) == 0 || strncmp(folded, "saktype", 7) == 0 ||
           (strstr(folded, "b=") && strstr(folded, "o="));
}

/* ---- one line ------------------------------------------------------------ */

typedef enum {
    LINE_COLUMNS,   /* name, a tab or a gap of spaces, role */
    LINE_NAME_ROLE, /* name and role on one line, told apart by the words */
    LINE_NAME,      /* a name alone */
    LINE_ROLE,      /* a role, or a piece of one */
} LineKind;

typedef struct {
    Slice text;      /* trimmed, bullet dropped */
    size_t indent;   /* leading spaces */
    uint32_t line;
    LineKind kind;
    size_t split;    /* LINE_COLUMNS / LINE_NAME_ROLE: where the role starts in text */
    size_t name_end; /* … and where the name ends */
    bool bullet;
    const char *doubt; /* why the split of name and role is uncertain */
} Item;

enum { MAX_WORDS = 64 };

typedef struct {
    Slice word[MAX_WORDS];
    size_t count;
} Words;

static void split_words(Slice text, Words *words) {
    words->count = 0;
    size_t i = 0;
    while (i < text.length && words->count < MAX_WORDS) {
        while (i < text.length && (text.data[i] == ' ' || text.data[i] == '\t'))
            i++;
        size_t start = i;
        while (i < text.length && text.data[i] != ' ' && text.data[i] != '\t')
            i++;
        if (i > start)
            words->word[words->count++] = slice_make(text.data + start, i - start);
    }
}

static bool upper_start(Slice word) {
    unsigned char c = (unsigned char)word.data[0];
    return (c >= 'A' && c <= 'Z') ||
           (c == 0xC3 && word.length > 1 && ((unsigned char)word.data[1] == 0x86 || (unsigned char)word.data[1] == 0x98 ||
                                            (unsigned char)word.data[1] == 0x85));
}

static bool lower_start(Slice word) {
    unsigned char c = (unsigned char)word.data[0];
    return (c >= 'a' && c <= 'z') ||
           (c == 0xC3 && word.length > 1 && ((unsigned char)word.data[1] == 0xA6 || (unsigned char)word.data[1] == 0xB8 ||
                                            (unsigned char)word.data[1] == 0xA5));
}

/* The word without a final comma. */
static Slice bare(Slice word) {
    while (word.length && strchr(",;:", word.data[word.length - 1]))
        word.length--;
    return word;
}

/* "Heidi", "Geir-Hugo", "J.", "Strømsø": capitalised, letters, hyphens,
 * an initial's period; not an acronym (UNN, NSF). */
static bool name_shaped(Slice word) {
    word = bare(word);
    if (word.length == 0 || word.length > 40 || !upper_start(word))
        return false;
    size_t upper = 0;
    for (size_t i = 0; i < word.length; i++) {
        unsigned char c = (unsigned char)word.data[i];
        if (isdigit(c) || c == '/' || c == '(' || c == ')' || c == '&' || c == '=')
            return false;
        upper += c >= 'A' && c <= 'Z';
    }
    if (word.data[word.length - 1] == '.')
        return word.length == 2; /* an initial */
    if (word.data[word.length - 1] == '-')
        return false; /* "Helse- og …": a compound's first half, not a name */
    return upper < word.length || word.length == 1;
}

static bool ends_with_fold(Slice word, const char *suffix) {
    size_t n = strlen(suffix);
    return word.length >= n && slice_equal_fold(slice_make(word.data + word.length - n, n), slice_from_cstring(suffix));
}

/* A title by its ending (kommunalsjef, fastlegerepresentant), or a
 * combined one (lege/rådgiver). */
static bool title_word(Slice word) {
    static const char *const endings[] = {"sjef",      "leder",     "direktør", "representant", "rådgiver",
                                          "rådgjevar", "lege",      "koordinator", "konsulent",  "sekretær",
                                          "sykepleier", "ordfører", "rådmann",  "professor",    "dekan",
                                          "referent",  "psykolog",  "spesialist", "konstituert", "administrerende",
                                          "kst."};
    word = bare(word);
    for (size_t i = 0; i < sizeof endings / sizeof endings[0]; i++)
        if (ends_with_fold(word, endings[i]))
            return true;
    return memchr(word.data, '/', word.length) != NULL;
}

/* A name, perhaps with a parenthesis after it ("Marit Strøm (referent)",
 * "Per Lie (vara for Trine Olsen)"): two to five name-shaped words first. */
static bool name_with_note(Slice part) {
    const char *open = memchr(part.data, '(', part.length);
    Slice name = slice_trim(slice_make(part.data, open ? (size_t)(open - part.data) : part.length));
    if (open && part.data[part.length - 1] != ')')
        return false;
    Words words;
    split_words(name, &words);
    if (words.count < 2 || words.count > 5)
        return false;
    for (size_t i = 0; i < words.count; i++)
        if (!name_shaped(words.word[i]) || title_word(words.word[i]))
            return false;
    return true;
}

size_t import_layout_inline_people(Slice text, Slice *parts, size_t capacity) {
    size_t count = 0, start = 0, depth = 0;
    bool names = capacity > 0;
    for (size_t i = 0; i <= text.length && names; i++) {
        bool end = i == text.length;
        size_t skip = 0;
        if (!end && text.data[i] == '(')
            depth++;
        else if (!end && text.data[i] == ')' && depth)
            depth--;
        else if (!end && depth == 0 && (text.data[i] == ',' || text.data[i] == ';'))
            skip = 1;
        else if (!end && depth == 0 && i + 4 <= text.length && memcmp(text.data + i, " og ", 4) == 0)
            skip = 4;
        if (!end && !skip)
            continue;
        Slice part = slice_trim(slice_make(text.data + start, i - start));
        if (part.length) {
            if (count == capacity || !name_with_note(part))
                names = false;
            else
                parts[count++] = part;
        }
        start = i + skip;
        i += skip ? skip - 1 : 0;
    }
    if (names && count)
        return count;
    parts[0] = text;
    return capacity ? 1 : 0;
}

/* Words a role starts with: titles, and common words known to the word
 * list. */
static bool role_word(const ImportLexicon *lexicon, Slice word, bool last) {
    if (title_word(word))
        return true;
    word = bare(word);
    /* A surname may be a common word (Sund, Berg): only a word with more
     * after it is taken for the start of a role this way. */
    return !last && lexicon && import_lexicon_common(lexicon, word);
}

/* Prepositions and conjunctions a role can break after ("vara for" /
 * "Torill Skår"); one string, as they are prose, not the language's
 * keywords that some of them also spell. */
static bool function_word(Slice word) {
    static const char words[] = " og i for av på til med ved ";
    if (word.length == 0 || word.length > 4)
        return false;
    char needle[8];
    needle[0] = ' ';
    memcpy(needle + 1, word.data, word.length);
    needle[word.length + 1] = ' ';
    needle[word.length + 2] = '\0';
    return strstr(words, needle) != NULL;
}

/* Whether the text ends so that the next line must continue it. */
static bool ends_open(Slice text) {
    text = slice_trim(text);
    if (!text.length)
        return false;
    char last = text.data[text.length - 1];
    if (last == ',' || last == '-' || last == '/' || last == '(' || last == '&')
        return true;
    Words words;
    split_words(text, &words);
    if (!words.count)
        return false;
    Slice tail = words.word[words.count - 1];
    if (function_word(tail))
        return true;
    /* "…, og Anne-Berit" — a second person's name broken over the line
     * (not "Troms og Finnmark", which has no comma before og) */
    if (words.count < 3 || !slice_equal_cstring(words.word[words.count - 2], "og") || !upper_start(tail))
        return false;
    Slice before = words.word[words.count - 3];
    return before.data[before.length - 1] == ',';
}

/* Where a gap of two spaces or a tab splits the text, or 0. */
static size_t column_gap(Slice text, size_t *name_end) {
    for (size_t i = 1; i + 1 < text.length; i++) {
        /* "Anne-Lise Berg – Harstad kommune": a spaced dash parts the
         * columns as a tab does (a hyphen inside a name has no spaces). */
        size_t dash = i + 4 < text.length && text.data[i + 1] == '-'                      ? 1
                      : i + 6 < text.length && (memcmp(text.data + i + 1, "\xE2\x80\x93", 3) == 0 ||
                                                memcmp(text.data + i + 1, "\xE2\x80\x94", 3) == 0) ? 3
                                                                                                   : 0;
        if (text.data[i] == ' ' && dash && text.data[i + 1 + dash] == ' ') {
            *name_end = i;
            return i + 2 + dash;
        }
        if (text.data[i] == '\t' || (text.data[i] == ' ' && text.data[i + 1] == ' ')) {
            size_t j = i;
            while (j < text.length && (text.data[j] == ' ' || text.data[j] == '\t'))
                j++;
            if (j == text.length)
                return 0;
            *name_end = i;
            return j;
        }
    }
    return 0;
}

static void classify(const ImportLexicon *lexicon, Item *item) {
    Slice text = item->text;
    size_t name_end;
    size_t gap = column_gap(text, &name_end);
    if (gap) {
        item->kind = LINE_COLUMNS;
        item->split = gap;
        item->name_end = name_end;
        return;
    }
    Words words;
    split_words(text, &words);
    size_t run = 0;
    bool comma = false;
    while (run < words.count && name_shaped(words.word[run]) && run < 6) {
        comma = words.word[run].data[words.word[run].length - 1] == ',';
        run++;
        if (comma)
            break;
    }
    item->kind = LINE_ROLE;
    if (run < 2 || (run < words.count && !comma && run == 1))
        return;
    /* Where the role starts: the first word from the third on that reads
     * as a title, or is followed by a lower-case word (a capitalised
     * title before its description), else after the name's comma, else
     * at the first word that is not name-shaped. */
    size_t start = 0;
    /* A title's ending or a description after it first; a common word
     * (Fagforbundet) only where neither is found, since surnames are often
     * common words too (Haugen, Sund). */
    for (size_t j = 2; j < run && !start; j++) {
        bool comma_word = comma && j + 1 == run;
        bool followed_by_lower = !comma_word && j + 1 < words.count && lower_start(words.word[j + 1]) &&
                                 !function_word(words.word[j + 1]);
        if (title_word(words.word[j]) || (followed_by_lower && j + 1 >= run))
            start = j;
    }
    for (size_t j = 2; j < run && !start; j++) {
        /* The word before the name's comma is a surname unless it has a
         * title's ending ("Lars Nesje, fastlege" / "… Kommunalsjef, Narvik"). */
        bool comma_word = comma && j + 1 == run;
        bool last = j + 1 == words.count || comma_word;
        bool followed_by_lower = !comma_word && j + 1 < words.count && lower_start(words.word[j + 1]) &&
                                 !function_word(words.word[j + 1]);
        if (role_word(lexicon, words.word[j], last) || (followed_by_lower && j + 1 >= run)) {
            start = j;
            item->doubt = "name and role told apart by the word list (the role taken to start at a common word)";
        }
    }
    if (!start && run > 4 && comma) {
        /* Five capitalised words before the comma: more than a name. */
        start = 3;
        item->doubt = "name and role told apart by length only (a name of three words assumed)";
    }
    if (!start && run < words.count)
        start = run;
    if (!start && comma)
        start = run; /* "Lars Nesje, fastlege …": run ends with the comma */
    if (!start) {
        /* Capitalised words only: a name alone, unless too long for one
         * or ending in a title. */
        if (run == words.count && run <= 5 && !title_word(words.word[run - 1]) &&
            !(words.count == 2 && title_word(words.word[0])))
            item->kind = LINE_NAME;
        return;
    }
    if (start >= words.count) {
        item->kind = LINE_NAME;
        return;
    }
    if (start < 2)
        return;
    item->kind = LINE_NAME_ROLE;
    item->split = (size_t)(words.word[start].data - text.data);
    Slice last_name = bare(words.word[start - 1]);
    item->name_end = (size_t)(last_name.data + last_name.length - text.data);
}

/* ---- the section ---------------------------------------------------------- */

typedef struct {
    Arena *arena;
    ImportLayoutEntry *entries;
    size_t count;
    StringBuffer role; /* of the last entry, while it grows */
    bool open;
} Builder;

static void entry_finish(Builder *b) {
    if (!b->open)
        return;
    ImportLayoutEntry *e = &b->entries[b->count - 1];
    Slice role = slice_trim(slice_make(b->role.data ? b->role.data : "", b->role.length));
    e->role = role.length ? arena_strndup(b->arena, role.data, role.length) : NULL;
    b->role.length = 0;
    b->open = false;
}

static void entry_start(Builder *b, Slice name, uint32_t line, const char *doubt) {
    entry_finish(b);
    ImportLayoutEntry *e = &b->entries[b->count++];
    name = slice_trim(bare(slice_trim(name)));
    e->name = arena_strndup(b->arena, name.data, name.length);
    e->line = line;
    e->doubt = doubt;
    e->role = NULL;
    b->open = true;
}

/* Joins a piece of a role: "Nord-" + "Tromsrådet" without a space. */
static void role_append(Builder *b, Slice piece) {
    piece = slice_trim(piece);
    if (!piece.length)
        return;
    if (b->role.length) {
        char last = b->role.data[b->role.length - 1];
        bool joined = last == '-' && b->role.length > 1 && isalpha((unsigned char)b->role.data[b->role.length - 2]) &&
                      upper_start(piece);
        if (!joined)
            buffer_append_cstring(&b->role, " ");
    }
    for (size_t i = 0; i < piece.length; i++)
        buffer_append(&b->role, piece.data[i] == '\t' ? " " : piece.data + i, 1);
}

static Slice item_name(const Item *item) {
    if (item->kind == LINE_COLUMNS || item->kind == LINE_NAME_ROLE)
        return slice_make(item->text.data, item->name_end);
    return item->text;
}

static Slice item_role(const Item *item) {
    if (item->kind == LINE_COLUMNS || item->kind == LINE_NAME_ROLE)
        return slice_make(item->text.data + item->split, item->text.length - item->split);
    return item->text;
}

/* One person a line (columns, or name and role on one line): a line of
 * its own kind starts a person, other lines continue the role before. */
static void read_rows(Builder *b, const Item *items, size_t count, LineKind row, size_t base_indent) {
    for (size_t i = 0; i < count; i++) {
        const Item *item = &items[i];
        /* "…, og Anne-Berit" / "Norman Paulsen, rådgiver": a line that
         * must go on is continued even by a line shaped like a person's,
         * except in columns, whose gap is the stronger sign. */
        bool open_before = b->open && i > 0 && !item->bullet && row != LINE_COLUMNS && ends_open(items[i - 1].text);
        bool continues = open_before || (b->open && i > 0 && !item->bullet &&
                                         (lower_start(item->text) ||
                                          (row == LINE_COLUMNS && item->indent >= base_indent + 8) ||
                                          item->kind == LINE_ROLE));
        /* A line of another shape is still a person ("Anne-Lise Berg –
         * Harstad kommune" among "Name, role" lines). */
        bool person = item->kind != LINE_ROLE;
        if ((item->bullet && item->kind != LINE_ROLE) || (person && !open_before && (item->kind == row || !continues))) {
            entry_start(b, item_name(item), item->line, item->kind == LINE_NAME_ROLE ? item->doubt : NULL);
            if (item->kind == LINE_COLUMNS || item->kind == LINE_NAME_ROLE)
                role_append(b, item_role(item));
        } else if (b->open) {
            role_append(b, item->text);
        } else {
            entry_start(b, item->text, item->line, "a line without a name, kept as one");
        }
    }
}

/* How strongly the role line continues the one before it (for merging a
 * block of roles down to the number of names). */
static int continuation_score(const Item *before, const Item *item) {
    int score = 0;
    if (lower_start(item->text))
        score += 4;
    if (ends_open(before->text))
        score += 4;
    Words words;
    split_words(item->text, &words);
    if (words.count <= 2 && !memchr(item->text.data, ',', item->text.length))
        score += 1;
    if (before->text.length >= 40)
        score += 1;
    return score;
}

/* Names and roles on lines of their own: a name takes the roles up to the
 * next name; a run of several names takes the run of roles after it by
 * count and order (a name column extracted before its role column). */
static void read_name_role_lines(Builder *b, Item *items, size_t count) {
    for (size_t i = 0; i < count; i++) {
        if (items[i].kind != LINE_ROLE)
            items[i].kind = LINE_NAME; /* "Fagforbundet Troms, …" among roles is decided below */
        if (items[i].kind == LINE_NAME && i > 0 && ends_open(items[i - 1].text))
            items[i].kind = LINE_ROLE; /* "…, vara for" / "Torill Skår" */
    }
    /* A NAME_ROLE-shaped line right after another line of a role block
     * was a role: only runs of names directly followed by roles pair. */
    size_t i = 0;
    while (i < count) {
        size_t names = 0;
        while (i + names < count && items[i + names].kind == LINE_NAME)
            names++;
        size_t roles = 0;
        while (i + names + roles < count && items[i + names + roles].kind == LINE_ROLE)
            roles++;
        Item *name_run = items + i, *role_run = items + i + names;
        if (names == 0) {
            /* Roles before any name: continue the last person, or stand alone. */
            for (size_t r = 0; r < roles; r++) {
                if (b->open)
                    role_append(b, role_run[r].text);
                else
                    entry_start(b, role_run[r].text, role_run[r].line, "a line without a name, kept as one");
            }
        } else if (names == 1 || roles == 0) {
            for (size_t n = 0; n < names; n++)
                entry_start(b, name_run[n].text, name_run[n].line, NULL);
            for (size_t r = 0; r < roles; r++)
                role_append(b, role_run[r].text);
        } else {
            /* Merge the likeliest continuations until the counts agree. */
            bool *merged = arena_alloc_array(b->arena, roles, sizeof *merged);
            size_t left = roles;
            while (left > names) {
                int best = -1;
                size_t at = 0;
                for (size_t r = 1; r < roles; r++) {
                    if (merged[r])
                        continue;
                    size_t before = r - 1;
                    while (before > 0 && merged[before])
                        before--;
                    int score = continuation_score(&role_run[before], &role_run[r]);
                    if (score > best) {
                        best = score;
                        at = r;
                    }
                }
                if (best < 0)
                    break;
                merged[at] = true;
                left--;
            }
            const char *doubt = left == names
                                    ? "paired by count and order (a column of names, then a column of roles)"
                                    : "paired by order, but the names and roles differ in number";
            size_t r = 0;
            for (size_t n = 0; n < names; n++) {
                entry_start(b, name_run[n].text, name_run[n].line, doubt);
                if (r < roles) {
                    role_append(b, role_run[r].text);
                    for (r++; r < roles && merged[r]; r++)
                        role_append(b, role_run[r].text);
                }
            }
            for (; r < roles; r++)
                role_append(b, role_run[r].text);
        }
        i += names + roles;
    }
}

static bool ruled(Slice text) {
    for (size_t i = 0; i < text.length; i++)
        if (!strchr("-_=\t ", text.data[i]))
            return false;
    return true;
}

/* ---- tables with a header row --------------------------------------------- */

/* A municipal protocol's tables name their columns: "Navn  Funksjon
 * Representerer", "Navn  Møtte for  Representerer", "Navn  Stilling". The
 * header row is dropped (the report keeps it) and each row is rewritten as
 * "name<TAB>role (party), vara for X", which the rest of this stage and the
 * importer read like any other name and role. */
typedef enum { COLUMN_NAME, COLUMN_ROLE, COLUMN_DEPUTY_FOR, COLUMN_PARTY } ColumnMeaning;

enum { MAX_COLUMNS = 8 };

typedef struct {
    size_t count;
    size_t start[MAX_COLUMNS]; /* byte offset in the untrimmed line */
    ColumnMeaning meaning[MAX_COLUMNS];
} TableHeader;

/* The cells of a line: runs of text parted by a tab or two spaces. */
static size_t table_cells(Slice text, size_t *starts, Slice *cells, size_t capacity) {
    size_t count = 0, i = 0;
    while (i < text.length && count < capacity) {
        while (i < text.length && (text.data[i] == ' ' || text.data[i] == '\t'))
            i++;
        if (i == text.length)
            break;
        size_t start = i;
        while (i < text.length && text.data[i] != '\t' &&
               !(text.data[i] == ' ' && i + 1 < text.length && (text.data[i + 1] == ' ' || text.data[i + 1] == '\t')))
            i++;
        starts[count] = start;
        cells[count++] = slice_make(text.data + start, i - start);
    }
    return count;
}

static bool table_header(Slice text, TableHeader *header) {
    static const struct {
        const char *label;
        ColumnMeaning meaning;
    } labels[] = {
        {"navn", COLUMN_NAME},         {"namn", COLUMN_NAME},          {"funksjon", COLUMN_ROLE},
        {"rolle", COLUMN_ROLE},        {"stilling", COLUMN_ROLE},      {"tittel", COLUMN_ROLE},
        {"verv", COLUMN_ROLE},         {"representerer", COLUMN_PARTY}, {"parti", COLUMN_PARTY},
        {"møtte for", COLUMN_DEPUTY_FOR}, {"møtte for/vara for", COLUMN_DEPUTY_FOR}, {"vara for", COLUMN_DEPUTY_FOR},
        {"organisasjon", COLUMN_ROLE}, {"virksomhet", COLUMN_ROLE},
    };
    Slice cells[MAX_COLUMNS];
    size_t count = table_cells(text, header->start, cells, MAX_COLUMNS);
    if (count < 2)
        return false;
    for (size_t c = 0; c < count; c++) {
        bool known = false;
        for (size_t k = 0; k < sizeof labels / sizeof labels[0] && !known; k++) {
            if (slice_equal_fold(bare(cells[c]), slice_from_cstring(labels[k].label))) {
                header->meaning[c] = labels[k].meaning;
                known = true;
            }
        }
        if (!known || (c == 0) != (header->meaning[c] == COLUMN_NAME))
            return false;
    }
    header->count = count;
    return true;
}

/* A row under `header` as "name<TAB>role", in `arena`; the row itself when
 * it has one cell only (a name alone). */
static Slice table_row(Arena *arena, const TableHeader *header, Slice text) {
    size_t starts[MAX_COLUMNS];
    Slice cells[MAX_COLUMNS];
    size_t count = table_cells(text, starts, cells, MAX_COLUMNS);
    if (count < 2)
        return text;
    StringBuffer role = {0}, party = {0}, deputy = {0};
    for (size_t c = 1; c < count; c++) {
        /* The column whose header starts nearest before the cell (a cell
         * may be empty, so counting cells would misplace the rest). */
        size_t column = 1;
        for (size_t h = 1; h < header->count; h++)
            if (header->start[h] <= starts[c] + 2)
                column = h;
        StringBuffer *into = header->meaning[column] == COLUMN_PARTY        ? &party
                             : header->meaning[column] == COLUMN_DEPUTY_FOR ? &deputy
                                                                            : &role;
        if (into->length)
            buffer_append_cstring(into, ", ");
        buffer_append(into, cells[c].data, cells[c].length);
    }
    char *row = arena_printf(arena, "%.*s\t%s%s%s%s%s%s", (int)cells[0].length, cells[0].data, role.data ? role.data : "",
                             party.length ? (role.length ? " (" : "(") : "", party.data ? party.data : "",
                             party.length ? ")" : "", deputy.length ? (role.length || party.length ? ", vara for " : "vara for ") : "",
                             deputy.data ? deputy.data : "");
    buffer_free(&role);
    buffer_free(&party);
    buffer_free(&deputy);
    return slice_from_cstring(row);
}

size_t import_layout_people(Arena *arena, const ImportLexicon *lexicon, const ImportLayoutLine *lines, size_t count,
                            ImportLayoutEntry **entries) {
    Item *items = arena_alloc_array(arena, count ? count : 1, sizeof *items);
    size_t n = 0, base_indent = (size_t)-1;
    size_t kinds[4] = {0};
    TableHeader header;
    bool in_table = false;
    for (size_t i = 0; i < count; i++) {
        Slice text = lines[i].text;
        size_t indent = 0;
        while (indent < text.length && text.data[indent] == ' ')
            indent++;
        text = slice_trim(text);
        if (!text.length || ruled(text))
            continue;
        if (table_header(lines[i].text, &header)) {
            in_table = true;
            continue;
        }
        if (in_table)
            text = table_row(arena, &header, lines[i].text);
        Item *item = &items[n++];
        memset(item, 0, sizeof *item);
        if (text.length >= 2 && strchr("-*", text.data[0]) && text.data[1] == ' ') {
            item->bullet = true;
            text = slice_trim(slice_make(text.data + 2, text.length - 2));
        } else if (text.length >= 4 && memcmp(text.data, "\xE2\x80\xA2", 3) == 0) {
            item->bullet = true; /* • */
            text = slice_trim(slice_make(text.data + 3, text.length - 3));
        }
        item->text = text;
        item->indent = indent;
        item->line = lines[i].line;
        classify(lexicon, item);
        kinds[item->kind]++;
        if (indent < base_indent)
            base_indent = indent;
    }
    Builder b = {arena, arena_alloc_array(arena, n ? n : 1, sizeof(ImportLayoutEntry)), 0, {0}, false};
    if (kinds[LINE_COLUMNS] && kinds[LINE_COLUMNS] * 2 >= kinds[LINE_COLUMNS] + kinds[LINE_NAME_ROLE] + kinds[LINE_NAME])
        read_rows(&b, items, n, LINE_COLUMNS, base_indent);
    else if (kinds[LINE_NAME_ROLE] >= kinds[LINE_NAME] || kinds[LINE_ROLE] == 0)
        /* No line is a role alone: one person a line, with or without a role. */
        read_rows(&b, items, n, LINE_NAME_ROLE, base_indent);
    else
        read_name_role_lines(&b, items, n);
    entry_finish(&b);
    buffer_free(&b.role);
    *entries = b.entries;
    return b.count;
}

/* ---- page furniture ---------------------------------------------------------- */

/* "Side 2 av 6", "Sida 2 av 6", "Page 2 of 6", "2 av 6", "- 2 -", "Side 2":
 * 2; a bare number, which is a page number only beside a form feed: 1;
 * else 0. Not "2/6", which a case number alone on its line looks like. */
static int page_number_line(Slice text) {
    static const char *const words[] = {"side ", "sida ", "page ", "s. "};
    bool named = false, dashed = false;
    for (size_t i = 0; i < sizeof words / sizeof words[0] && !named; i++) {
        size_t n = strlen(words[i]);
        if (text.length > n && slice_equal_fold(slice_make(text.data, n), slice_from_cstring(words[i]))) {
            text = slice_trim(slice_make(text.data + n, text.length - n));
            named = true;
        }
    }
    if (text.length >= 3 && text.data[0] == '-' && text.data[text.length - 1] == '-') {
        text = slice_trim(slice_make(text.data + 1, text.length - 2));
        dashed = true;
    }
    size_t i = 0;
    while (i < text.length && isdigit((unsigned char)text.data[i]))
        i++;
    if (!i || i > 4)
        return 0;
    Slice rest = slice_trim(slice_make(text.data + i, text.length - i));
    if (!rest.length)
        return named || dashed ? 2 : 1;
    static const char *const joins[] = {"av ", "of "};
    for (size_t k = 0; k < sizeof joins / sizeof joins[0]; k++) {
        size_t n = strlen(joins[k]);
        if (rest.length > n && slice_equal_fold(slice_make(rest.data, n), slice_from_cstring(joins[k]))) {
            Slice total = slice_trim(slice_make(rest.data + n, rest.length - n));
            size_t t = 0;
            while (t < total.length && isdigit((unsigned char)total.data[t]))
                t++;
            return t > 0 && t == total.length && t <= 4 ? 2 : 0;
        }
    }
    return 0;
}

/* Whether `before` and `after`, with a page break between them, read as two
 * paragraphs: not two items of one list, not a sentence going on. */
static bool paragraph_boundary(Slice before, Slice after) {
    if (!before.length || !after.length)
        return false;
    bool before_item = strchr("-*", before.data[0]) || isdigit((unsigned char)before.data[0]);
    bool after_item = strchr("-*", after.data[0]) || isdigit((unsigned char)after.data[0]);
    if (before_item && after_item)
        return false;
    return !(lower_start(after) && !strchr(".:;!?", before.data[before.length - 1]));
}

static uint64_t furniture_hash(Slice text) {
    uint64_t hash = 14695981039346656037ULL;
    for (size_t i = 0; i < text.length; i++)
        if (text.data[i] != ' ' && text.data[i] != '\t') /* columns shift between pages */
            hash = (hash ^ (unsigned char)text.data[i]) * 1099511628211ULL;
    return hash;
}

typedef struct {
    uint64_t hash;
    uint32_t line;
} FurnitureLine;

static int compare_furniture(const void *left, const void *right) {
    const FurnitureLine *a = left, *b = right;
    if (a->hash != b->hash)
        return a->hash < b->hash ? -1 : 1;
    return a->line < b->line ? -1 : a->line > b->line;
}

bool *import_layout_page_furniture(Arena *arena, const SourceFile *input) {
    uint32_t count = input->line_count;
    bool *furniture = arena_alloc_array(arena, (size_t)count + 2, sizeof *furniture);
    /* Page boundaries: a form feed (pdftotext starts each page with one),
     * or a page number. */
    bool *boundary = arena_alloc_array(arena, (size_t)count + 2, sizeof *boundary);
    for (uint32_t n = 1; n <= count; n++) {
        Slice raw = source_line(input, n);
        if (memchr(raw.data, '\f', raw.length))
            boundary[n] = true;
        if (page_number_line(slice_trim(raw)) == 2)
            furniture[n] = boundary[n] = true;
    }
    /* A bare number is a page number only right beside a form feed. */
    for (uint32_t n = 1; n <= count; n++) {
        if (page_number_line(slice_trim(source_line(input, n))) != 1)
            continue;
        bool feed_here = memchr(source_line(input, n).data, '\f', source_line(input, n).length) != NULL;
        bool feed_next = n < count && memchr(source_line(input, n + 1).data, '\f', source_line(input, n + 1).length);
        if (feed_here || feed_next)
            furniture[n] = boundary[n] = true;
    }
    /* A running header or footer: a line next to a page boundary (within
     * two lines, blank lines not counted) whose text comes back next to
     * another one. Its first appearance, the document's own title before
     * any boundary, is kept. */
    uint64_t *hashes = arena_alloc_array(arena, (size_t)count + 2, sizeof *hashes);
    bool *near = arena_alloc_array(arena, (size_t)count + 2, sizeof *near);
    bool any_boundary = false;
    size_t boundaries = 0;
    for (uint32_t n = 1; n <= count; n++) {
        Slice text = slice_trim(source_line(input, n));
        any_boundary = any_boundary || boundary[n];
        boundaries += boundary[n] && memchr(source_line(input, n).data, '\f', source_line(input, n).length);
        if (!text.length || furniture[n] || !any_boundary)
            continue;
        hashes[n] = furniture_hash(text) | 1; /* 0: no candidate */
        int seen = 0;
        for (uint32_t k = n; k >= 1 && seen < 3; k--) { /* a boundary at or just before */
            if (boundary[k]) {
                near[n] = true;
                break;
            }
            seen += slice_trim(source_line(input, k)).length > 0;
        }
        seen = 0;
        for (uint32_t k = n + 1; k <= count && seen < 2 && !near[n]; k++) { /* … or just after */
            if (boundary[k] && !memchr(source_line(input, k).data, '\f', source_line(input, k).length))
                near[n] = true; /* a page number below it */
            seen += slice_trim(source_line(input, k)).length > 0;
        }
    }
    /* Grouped by text through a sort, not compared pairwise: linear
     * enough for a document of any length. */
    FurnitureLine *lines = arena_alloc_array(arena, (size_t)count + 1, sizeof *lines);
    size_t used = 0;
    for (uint32_t n = 1; n <= count; n++)
        if (hashes[n])
            lines[used++] = (FurnitureLine){hashes[n], n};
    qsort(lines, used, sizeof *lines, compare_furniture);
    for (size_t start = 0; start < used;) {
        size_t end = start, near_count = 0, far_count = 0;
        while (end < used && lines[end].hash == lines[start].hash) {
            near_count += near[lines[end].line];
            far_count += !near[lines[end].line];
            end++;
        }
        /* Beside half the page boundaries or more, and hardly anywhere
         * else: a field that recurs in every case ("Vedtak:", "Møtedato:
         * …") is not furniture even where pages happen to break beside it. */
        if (near_count >= 2 && near_count * 2 >= boundaries && far_count <= 1)
            for (size_t k = start; k < end; k++)
                furniture[lines[k].line] = near[lines[k].line];
        start = end;
    }
    /* The blank lines around a page break belong to it: left in, they
     * would cut a list or a sentence the page break ran through. One is
     * kept where the text on both sides reads as two paragraphs. */
    for (uint32_t n = 1; n <= count; n++) {
        if (!furniture[n] || (n > 1 && furniture[n - 1]))
            continue;
        uint32_t first = n, last = n; /* the break: furniture and blank lines */
        while (first > 1 && (furniture[first - 1] || !slice_trim(source_line(input, first - 1)).length))
            first--;
        while (last < count && (furniture[last + 1] || !slice_trim(source_line(input, last + 1)).length))
            last++;
        bool blank = false;
        for (uint32_t k = first; k <= last; k++) {
            blank = blank || !slice_trim(source_line(input, k)).length;
            furniture[k] = true;
        }
        if (blank && first > 1 && last < count &&
            paragraph_boundary(slice_trim(source_line(input, first - 1)), slice_trim(source_line(input, last + 1)))) {
            uint32_t kept = first;
            while (slice_trim(source_line(input, kept)).length)
                kept++;
            furniture[kept] = false;
        }
    }
    return furniture;
}
