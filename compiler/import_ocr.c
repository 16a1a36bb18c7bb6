/* import_ocr: OCR slip repair for the import front end. Owns the lexicon
 * (a hash set of known words) and the table of slips seen in scanned
 * Norwegian minutes: ø read as g (or go), å as a, Ø as @, æ as ae, and
 * typographic ligatures. A slip is undone only where the word as read is
 * unknown and the repaired word is known, so that a word list's absence
 * means fewer repairs, never wrong ones. */
#include "import_ocr.h"

#include "buffer.h"
#include "keywords.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    Slice word; /* data NULL: empty */
    size_t count;
} DocumentWord;

struct ImportLexicon {
    Arena *arena;
    const char **slots; /* open addressing over NUL-terminated words; NULL: empty */
    size_t count, capacity;
    /* how often the document being imported writes each word */
    DocumentWord *document;
    size_t document_count, document_capacity;
    /* distinct words of the document that only a repair makes known: the
     * sign that it went through OCR at all */
    size_t damaged;
    /* a word list was read: only then does "unknown" mean "not a word" */
    bool word_list;
};

/* The words slips damage most in minutes, and the short words a slip
 * would otherwise turn into others (ga is a word, not gå misread). */
static const char *const VOCABULARY[] = {
    "møte", "møtet", "møtes", "møter", "møtereferat", "møtetid", "møtested", "referat",
    "på", "å", "år", "også", "både", "så", "nå", "få", "gå", "må", "går", "får", "før", "ønsker", "øvrige",
    "råd", "tråd", "låg", "står", "ført", "først", "søke", "søker", "hør", "gjør", "gjøre", "bør", "kjør",
    "og", "i", "av", "at", "en", "et", "er", "de", "da", "ga", "ha", "la", "se", "vi", "om", "to",
    "ut", "ja", "ny", "sa", "med", "som", "var", "vår", "ved", "har", "kan", "skal", "saker",
    "direktør", "administrerende", "kommunedirektør", "avdelingsdirektør", "sosialdirektør", "fagdirektør",
    "observatør", "observatører", "fast", "faste", "medlemmer", "medlemmar", "stemmerett", "røysterett",
    "talerett", "tilstede", "stede", "stades", "forfall", "sekretariat", "sekretariatet", "deltaker",
    "deltakere", "deltakar", "deltakarar", "vara", "kommunalsjef", "klinikksjef", "klinikkssjef",
    "brukerrepresentant", "fastlegerepresentant", "rådgiver", "seniorrådgiver", "samhandlingssjef",
    "samhandlingsleder", "seksjonsleder", "avdelingsleder", "driftsleder", "leder", "nestleder", "fylkeslege",
    "forslag", "godkjent", "godkjennes", "dagsorden", "innkalling", "orientering",
    "tittel", "saksliste", "sakstyper", "beslutningssak", "orienteringssak", "drøftingssak", "kommunene",
    "kommune", "helsefellesskapet", "samarbeidsutvalg", "utvalg", "strategisk", "faglig", "fastlegerådet",
    "tromsø", "hålogalandsrådet", "tromsøregionen", "nordland", "ansattrepresentant", "koordinator",
    "eventuelt", "neste", "kommende", "løsning", "løsninger", "nødvendig",
    "økonomi", "ønske", "øke", "tjenester", "tjenestene", "helse", "omsorg", "samhandling", "behandling",
};

static void lexicon_insert(ImportLexicon *lexicon, const char *word);

static bool in_vocabulary(Slice word) {
    for (size_t i = 0; i < sizeof VOCABULARY / sizeof VOCABULARY[0]; i++)
        if (slice_equal_cstring(word, VOCABULARY[i]))
            return true;
    return false;
}

/* Room for n more words at a load factor of two thirds. The old table
 * stays in the arena: doubling keeps the waste below the final size. */
static void lexicon_reserve(ImportLexicon *lexicon, size_t n) {
    if ((lexicon->count + n) * 3 <= lexicon->capacity * 2)
        return;
    size_t capacity = (lexicon->count + n) * 3 + 1024;
    const char **old = lexicon->slots;
    size_t old_capacity = lexicon->capacity;
    lexicon->slots = arena_alloc_array(lexicon->arena, capacity, sizeof *lexicon->slots);
    lexicon->capacity = capacity;
    lexicon->count = 0;
    for (size_t i = 0; i < old_capacity; i++)
        if (old[i])
            lexicon_insert(lexicon, old[i]);
}

static void lexicon_insert(ImportLexicon *lexicon, const char *word) {
    if (!*word)
        return;
    lexicon_reserve(lexicon, 1);
    Slice key = slice_from_cstring(word);
    for (size_t i = (size_t)(slice_hash_fold(key) % lexicon->capacity);; i = (i + 1) % lexicon->capacity) {
        if (!lexicon->slots[i]) {
            lexicon->slots[i] = word;
            lexicon->count++;
            return;
        }
        if (slice_equal_fold(slice_from_cstring(lexicon->slots[i]), key)) {
            /* "andre" and "Andre": the common word is the one kept, so
             * that a lower-case word is known as one. */
            unsigned char c = (unsigned char)word[0];
            if ((c >= 'a' && c <= 'z') || (c == 0xC3 && (unsigned char)word[1] >= 0xA0))
                lexicon->slots[i] = word;
            return;
        }
    }
}

static bool lexicon_has(const ImportLexicon *lexicon, Slice word) {
    if (!lexicon->capacity || word.length == 0)
        return false;
    for (size_t i = (size_t)(slice_hash_fold(word) % lexicon->capacity); lexicon->slots[i];
         i = (i + 1) % lexicon->capacity)
        if (slice_equal_fold(slice_from_cstring(lexicon->slots[i]), word))
            return true;
    return false;
}

static bool word_byte(unsigned char c);

/* A keyword's words are common words ("Fra:" is the word fra). */
static void add_lower_case_words(ImportLexicon *lexicon, Slice text) {
    char *lower = arena_strndup(lexicon->arena, text.data, text.length);
    for (size_t i = 0; i < text.length; i++) {
        unsigned char c = (unsigned char)lower[i];
        if (c >= 'A' && c <= 'Z')
            lower[i] = (char)(c + 32);
        else if (c == 0xC3 && i + 1 < text.length && (unsigned char)lower[i + 1] >= 0x80 &&
                 (unsigned char)lower[i + 1] < 0xA0)
            lower[i + 1] = (char)((unsigned char)lower[i + 1] + 0x20); /* Æ Ø Å → æ ø å */
    }
    import_lexicon_add_words(lexicon, slice_from_cstring(lower));
}

ImportLexicon *import_lexicon_new(Arena *arena) {
    ImportLexicon *lexicon = arena_alloc(arena, sizeof *lexicon);
    lexicon->arena = arena;
    for (size_t i = 0; i < sizeof VOCABULARY / sizeof VOCABULARY[0]; i++)
        lexicon_insert(lexicon, VOCABULARY[i]);
    /* The language's own keywords (Vedtak, Saksbehandler, Møtedato, …) are
     * words of every document too. */
    for (int group = 0; group < KEYWORD_GROUP_COUNT; group++) {
        for (Language language = LANGUAGE_NB; language <= LANGUAGE_NN; language = (Language)(language * 2)) {
            const char *spellings[256];
            size_t count = keyword_spellings((KeywordGroup)group, language, spellings, 256);
            for (size_t i = 0; i < count && i < 256; i++)
                add_lower_case_words(lexicon, slice_from_cstring(spellings[i]));
        }
    }
    return lexicon;
}

static bool word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80 || c == '@';
}

static Slice repair_word(Arena *arena, const ImportLexicon *lexicon, Slice word, Slice *doubt);

static DocumentWord *document_slot(DocumentWord *table, size_t capacity, Slice word) {
    size_t i = (size_t)(slice_hash_fold(word) % capacity);
    while (table[i].word.data && !slice_equal_fold(table[i].word, word))
        i = (i + 1) % capacity;
    return &table[i];
}

static size_t document_count(const ImportLexicon *lexicon, Slice word) {
    if (!lexicon->document_capacity)
        return 0;
    return document_slot(lexicon->document, lexicon->document_capacity, word)->count;
}

/* The next word of `text` from *at (false at its end). */
static bool next_word(Slice text, size_t *at, Slice *word) {
    size_t i = *at;
    while (i < text.length && !word_byte((unsigned char)text.data[i]))
        i++;
    size_t start = i;
    while (i < text.length && word_byte((unsigned char)text.data[i]))
        i++;
    *at = i;
    *word = slice_make(text.data + start, i - start);
    return i > start;
}

void import_lexicon_count_document(ImportLexicon *lexicon, Slice text) {
    size_t i = 0;
    Slice word;
    while (next_word(text, &i, &word)) {
        if ((lexicon->document_count + 1) * 3 > lexicon->document_capacity * 2) {
            size_t capacity = lexicon->document_capacity * 2 + 1024;
            DocumentWord *table = arena_alloc_array(lexicon->arena, capacity, sizeof *table);
            for (size_t k = 0; k < lexicon->document_capacity; k++)
                if (lexicon->document[k].word.data)
                    *document_slot(table, capacity, lexicon->document[k].word) = lexicon->document[k];
            lexicon->document = table;
            lexicon->document_capacity = capacity;
        }
        DocumentWord *slot = document_slot(lexicon->document, lexicon->document_capacity, word);
        if (!slot->word.data) {
            slot->word = word;
            lexicon->document_count++;
        }
        slot->count++;
    }
    lexicon->damaged = 0;
    for (size_t k = 0; k < lexicon->document_capacity; k++) {
        Slice counted = lexicon->document[k].word;
        if (counted.data && repair_word(lexicon->arena, lexicon, counted, NULL).data)
            lexicon->damaged++;
    }
}

void import_lexicon_add_words(ImportLexicon *lexicon, Slice text) {
    size_t i = 0;
    Slice word;
    while (next_word(text, &i, &word))
        lexicon_insert(lexicon, arena_strndup(lexicon->arena, word.data, word.length));
}

bool import_lexicon_load(ImportLexicon *lexicon, const char *path) {
    FILE *file = fopen(path, "rb");
    if (!file)
        return false;
    StringBuffer text = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, file)) > 0)
        buffer_append(&text, chunk, n);
    fclose(file);
    /* ISO-8859-1 lines are widened to UTF-8 into the arena; the words
     * point there, one NUL-terminated word a line. */
    size_t length = 0, line_start = 0, lines = 0;
    for (size_t i = 0; i < text.length; i++)
        lines += text.data[i] == '\n';
    char *words = arena_alloc_uninitialized(lexicon->arena, text.length * 2 + lines + 2);
    lexicon_reserve(lexicon, lines + 1);
    for (size_t i = 0; i <= text.length; i++) {
        if (i < text.length && text.data[i] != '\n')
            continue;
        const unsigned char *line = (const unsigned char *)text.data + line_start;
        size_t line_length = i - line_start;
        while (line_length && (line[line_length - 1] == '\r' || line[line_length - 1] == ' '))
            line_length--;
        bool utf8 = true;
        for (size_t j = 0; j < line_length && utf8;) {
            size_t step = utf8_sequence_length(line + j, line_length - j);
            utf8 = step > 0;
            j += step ? step : 1;
        }
        size_t word_start = length;
        for (size_t j = 0; j < line_length; j++) {
            if (utf8 || line[j] < 0x80) {
                words[length++] = (char)line[j];
            } else {
                words[length++] = (char)(0xC0 | (line[j] >> 6));
                words[length++] = (char)(0x80 | (line[j] & 0x3F));
            }
        }
        words[length++] = '\0';
        if (length > word_start + 1)
            lexicon_insert(lexicon, words + word_start);
        line_start = i + 1;
    }
    buffer_free(&text);
    lexicon->word_list = true;
    return true;
}

bool import_lexicon_common(const ImportLexicon *lexicon, Slice word) {
    if (!lexicon->capacity || word.length == 0)
        return false;
    for (size_t i = (size_t)(slice_hash_fold(word) % lexicon->capacity); lexicon->slots[i];
         i = (i + 1) % lexicon->capacity) {
        const unsigned char *entry = (const unsigned char *)lexicon->slots[i];
        if (slice_equal_fold(slice_from_cstring(lexicon->slots[i]), word))
            return (entry[0] >= 'a' && entry[0] <= 'z') || (entry[0] == 0xC3 && entry[1] >= 0xA0);
    }
    return false;
}

size_t import_lexicon_size(const ImportLexicon *lexicon) {
    return lexicon->count;
}

bool import_lexicon_knows(const ImportLexicon *lexicon, Slice word) {
    if (lexicon_has(lexicon, word))
        return true;
    /* A compound: two known words of three letters or more, perhaps with
     * the binding s or e between (samhandlings|leder). */
    for (size_t split = 3; split + 3 <= word.length; split++) {
        if ((word.data[split] & 0xC0) == 0x80)
            continue;
        Slice head = slice_make(word.data, split);
        Slice tail = slice_make(word.data + split, word.length - split);
        if (utf8_length(head.data, head.length) < 3 || utf8_length(tail.data, tail.length) < 4 ||
            !lexicon_has(lexicon, head))
            continue;
        if (lexicon_has(lexicon, tail))
            return true;
        if (tail.length > 3 && (tail.data[0] == 's' || tail.data[0] == 'e') &&
            lexicon_has(lexicon, slice_make(tail.data + 1, tail.length - 1)))
            return true;
    }
    return false;
}

/* ---- the slips ------------------------------------------------------------ */

typedef struct {
    const char *read;   /* as OCR reads it */
    const char *lower;  /* the letter meant, in a lower-case word */
    const char *upper;  /* … at the start of a capitalised word */
} Slip;

/* Longest readings first, so that "go" is tried before "g". */
static const Slip SLIPS[] = {
    {"go", "ø", "Ø"}, {"ae", "æ", "Æ"}, {"g", "ø", "Ø"}, {"a", "å", "Å"}, {"@", "ø", "Ø"},
    {"G", "Ø", "Ø"},  {"A", "Å", "Å"},
};

/* Words only a repair makes known, from which on a document is taken
 * for OCR output: below it, a known word is never changed. */
enum { MAX_SITES = 8, MAX_WORD = 64, DAMAGED_DOCUMENT = 3 };

typedef struct {
    size_t at;
    const Slip *slip;
} Site;

/* The word with the sites in mask replaced; false if it would not fit. */
static bool build_candidate(Slice word, const Site *sites, size_t site_count, unsigned mask, char *out, size_t *length) {
    size_t n = 0, i = 0, s = 0;
    while (i < word.length) {
        while (s < site_count && sites[s].at < i)
            s++;
        if (s < site_count && sites[s].at == i && (mask >> s) & 1) {
            const char *with = i == 0 ? sites[s].slip->upper : sites[s].slip->lower;
            if (i == 0 && word.data[0] >= 'a' && word.data[0] <= 'z')
                with = sites[s].slip->lower;
            size_t w = strlen(with);
            if (n + w > MAX_WORD)
                return false;
            memcpy(out + n, with, w);
            n += w;
            i += strlen(sites[s].slip->read);
            continue;
        }
        if (n + 1 > MAX_WORD)
            return false;
        out[n++] = word.data[i++];
    }
    *length = n;
    return true;
}

/* A repaired spelling of the word, or an empty slice. */
static bool lower_case_word(Slice word) {
    unsigned char c = (unsigned char)word.data[0];
    return (c >= 'a' && c <= 'z') || (c == 0xC3 && word.length > 1 && (unsigned char)word.data[1] >= 0xA0);
}

/* A word OCR may have made of another known word (far/får, sa/så, rad/råd):
 * the other is taken where the document itself writes it at least three
 * times and twice as often, so the document's own usage decides. */
static Slice repair_known_word(Arena *arena, const ImportLexicon *lexicon, Slice word, const Site *sites,
                               size_t site_count, Slice *doubt) {
    if (lexicon->damaged < DAMAGED_DOCUMENT || !lexicon->word_list)
        return slice_make(NULL, 0);
    size_t as_read = document_count(lexicon, word);
    char candidate[MAX_WORD + 1];
    for (size_t s = 0; s < site_count; s++) {
        size_t length;
        if (!build_candidate(word, sites + s, 1, 1, candidate, &length))
            continue;
        Slice repaired = slice_make(candidate, length);
        size_t written = document_count(lexicon, repaired);
        if (written >= 3 && written >= 2 * as_read && lexicon_has(lexicon, repaired))
            return slice_make(arena_strndup(arena, candidate, length), length);
        /* Left as read, but named in the report where the document
         * writes the other as often: "far" may be "får". */
        if (doubt && !doubt->data && lower_case_word(word) &&
            ((written >= 1 && written >= as_read) || in_vocabulary(repaired)) && import_lexicon_common(lexicon, repaired))
            *doubt = slice_make(arena_strndup(arena, candidate, length), length);
    }
    return slice_make(NULL, 0);
}

static size_t find_sites(Slice word, Site *sites) {
    size_t site_count = 0;
    for (size_t i = 0; i < word.length && site_count < MAX_SITES; i++) {
        for (size_t k = 0; k < sizeof SLIPS / sizeof SLIPS[0]; k++) {
            size_t n = strlen(SLIPS[k].read);
            if (i + n <= word.length && memcmp(word.data + i, SLIPS[k].read, n) == 0) {
                sites[site_count++] = (Site){i, &SLIPS[k]};
                break;
            }
        }
    }
    return site_count;
}

static Slice repair_word(Arena *arena, const ImportLexicon *lexicon, Slice word, Slice *doubt) {
    if (word.length < 2 || word.length > MAX_WORD)
        return slice_make(NULL, 0);
    size_t capitals = 0;
    for (size_t i = 0; i < word.length; i++)
        capitals += word.data[i] >= 'A' && word.data[i] <= 'Z';
    if (capitals == word.length)
        return slice_make(NULL, 0); /* an acronym (AK, UNN) */
    /* "pa" is known only as the abbreviation PA: a lower-case word is
     * known when the list has it in lower case. */
    if (lexicon_has(lexicon, word) && (!lower_case_word(word) || import_lexicon_common(lexicon, word))) {
        Site sites[MAX_SITES];
        size_t site_count = find_sites(word, sites);
        return site_count ? repair_known_word(arena, lexicon, word, sites, site_count, doubt) : slice_make(NULL, 0);
    }
    /* A word read as a compound (fastlege|radet) is repaired only into a
     * word known as it stands (fastlegerådet), not into another compound. */
    bool compound = import_lexicon_knows(lexicon, word);
    Site sites[MAX_SITES];
    size_t site_count = find_sites(word, sites);
    if (!site_count)
        return slice_make(NULL, 0);
    /* Fewest changes first: one slip is likelier than two. */
    char candidate[MAX_WORD + 1];
    for (unsigned changes = 1; changes <= 2 && changes <= site_count; changes++) {
        for (unsigned mask = 1; mask < (1u << site_count); mask++) {
            if ((unsigned)__builtin_popcount(mask) != changes)
                continue;
            size_t length;
            if (!build_candidate(word, sites, site_count, mask, candidate, &length))
                continue;
            Slice repaired = slice_make(candidate, length);
            /* Without a word list most words are unknown, so only a word of
             * four letters or more known as it stands is repaired into. */
            if (!lexicon->word_list && (utf8_length(candidate, length) < 4 || !lexicon_has(lexicon, repaired)))
                continue;
            if (lexicon_has(lexicon, repaired) || (!compound && import_lexicon_knows(lexicon, repaired)))
                return slice_make(arena_strndup(arena, candidate, length), length);
        }
    }
    /* "go" read for ø: the site for "go" hides the "g" reading at the same place. */
    for (size_t s = 0; s < site_count; s++) {
        if (sites[s].slip->read[1] != 'o' || sites[s].slip->read[0] != 'g')
            continue;
        Site alone = {sites[s].at, &SLIPS[2]};
        size_t length;
        if (build_candidate(word, &alone, 1, 1, candidate, &length) &&
            (lexicon->word_list || utf8_length(candidate, length) >= 4) &&
            (compound || !lexicon->word_list ? lexicon_has(lexicon, slice_make(candidate, length))
                      : import_lexicon_knows(lexicon, slice_make(candidate, length))))
            return slice_make(arena_strndup(arena, candidate, length), length);
    }
    return slice_make(NULL, 0);
}

/* Typographic ligatures (U+FB00–FB04) as the letters they join. */
static const char *ligature(const unsigned char *p, size_t available) {
    if (available < 3 || p[0] != 0xEF || p[1] != 0xAC || p[2] > 0x84)
        return NULL;
    static const char *const letters[] = {"ff", "fi", "fl", "ffi", "ffl"};
    return letters[p[2] - 0x80];
}

Slice import_ocr_repair(Arena *arena, const ImportLexicon *lexicon, Slice line, ImportRepairReport report,
                        void *context) {
    StringBuffer out = {0};
    bool changed = false;
    size_t i = 0, copied = 0;
    while (i < line.length) {
        if (!word_byte((unsigned char)line.data[i])) {
            i++;
            continue;
        }
        size_t start = i;
        bool has_ligature = false;
        while (i < line.length && word_byte((unsigned char)line.data[i])) {
            has_ligature = has_ligature || ligature((const unsigned char *)line.data + i, line.length - i);
            i++;
        }
        Slice word = slice_make(line.data + start, i - start);
        Slice repaired = slice_make(NULL, 0);
        if (has_ligature) {
            StringBuffer plain = {0};
            for (size_t j = 0; j < word.length;) {
                const char *letters = ligature((const unsigned char *)word.data + j, word.length - j);
                if (letters) {
                    buffer_append_cstring(&plain, letters);
                    j += 3;
                } else {
                    buffer_append(&plain, word.data + j, 1);
                    j++;
                }
            }
            repaired = slice_make(arena_strndup(arena, plain.data, plain.length), plain.length);
            buffer_free(&plain);
        } else if (word.length == 1 && word.data[0] == 'a' && start > 1 && line.data[start - 1] == ' ' &&
                   line.data[start - 2] != '.' && i < line.length && line.data[i] == ' ' &&
                   lexicon->damaged >= DAMAGED_DOCUMENT) {
            /* "a" alone between spaces is no Norwegian word: in a document
             * that went through OCR it is "å" ("imøteser å få"); "a)" in a
             * list and "bl. a" keep their letter. */
            repaired = slice_from_cstring("å");
        } else {
            Slice doubt = slice_make(NULL, 0);
            repaired = repair_word(arena, lexicon, word, &doubt);
            if (doubt.data && report)
                report(context, word, doubt, false);
        }
        if (!repaired.data)
            continue;
        if (report)
            report(context, word, repaired, true);
        buffer_append(&out, line.data + copied, start - copied);
        buffer_append(&out, repaired.data, repaired.length);
        copied = i;
        changed = true;
    }
    if (!changed)
        return line;
    buffer_append(&out, line.data + copied, line.length - copied);
    Slice result = slice_make(arena_strndup(arena, out.data, out.length), out.length);
    buffer_free(&out);
    return result;
}
