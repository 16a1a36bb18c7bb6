/* emit_search: the search index — an emitter beside emit_html, reading the
 * cases as published (present.c decided what that is: a withheld case
 * brings its public title and nothing else).
 *
 * The index is split so that a reader's browser loads only what a query
 * needs, with <script> elements (not fetch, which file:// forbids), each
 * file calling window.referatSearch(name, data):
 *
 *   index.js  the directory: the first word of every word file and the
 *             number of cases — loaded with the search page;
 *   tN.js     words in byte order with their cases, ranked (title hits,
 *             then occurrences, then newest); a file holds at most
 *             SEARCH_CHUNK_BUDGET bytes of cases, so a larger project has
 *             more files, not larger ones. A word whose cases alone exceed
 *             the budget gets files of its own (its parts), best first: a
 *             one-word query reads only the first;
 *   pN.js     the positions of the words of tN.js, for phrase queries;
 *   dN.js     SEARCH_CASES_PER_FILE cases: heading, body, date, address,
 *             the start of the text.
 *
 * A digest of all the files is returned for the search page, which puts
 * it on every address (?v=…) so that no browser cache mixes two builds.
 *
 * Cases are numbered by present_compare_cases (date, body, number), so a
 * larger number is a newer case and adding the newest meeting renumbers
 * nothing.
 * Numbers are written as base-32 digits, the last from "0"–"v", the
 * others from "A"–"_" (self-delimiting, no separators). Everything is
 * sorted by a total order: the same project gives the same bytes.
 *
 * The cases are indexed in slices (whole dN.js files each) on the build's
 * worker threads, each slice into a vocabulary of its own; the slice that
 * finishes last merges them in slice order — a word's cases stay in case
 * order and the words in order of first occurrence, as one slice would
 * have them — and writes the words' files. */
#include "memory.h"
#include "emit_search.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "json.h"
#include "trace.h"

enum {
    SEARCH_CHUNK_BUDGET = 32 * 1024, /* bytes of cases per word file */
    SEARCH_CASES_PER_FILE = 8,       /* a result costs at most one such file */
    SEARCH_EXCERPT_BYTES = 180,
    SEARCH_PART_GAP = 2, /* positions skipped between heading, text, proposal, decision: no phrase spans them */
    /* Slices: enough to share among the workers and even out their ends,
     * few enough that merging their vocabularies stays cheap. */
    SEARCH_SLICES_MAX = 8,
    SEARCH_SLICE_MIN_CASES = 512,
};

static const char FINAL_DIGITS[] = "0123456789abcdefghijklmnopqrstuv";
static const char MORE_DIGITS[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_";

/* ---- words: the rule search.js repeats ---------------------------------- */

/* Per ASCII byte: the letter or digit it folds to; 0 for a separator. Most
 * of the text is ASCII, read through this table without decoding. */
static const char ASCII_FOLD[128] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 0, 0, 0, 0, 0, 0,
    0, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 0, 0, 0, 0, 0,
    0, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 0, 0, 0, 0, 0,
};

/* 0xC0–0xFF: æ→ae, ø→o, å→a, other accents dropped; ×, ÷ are no letters. */
static const char *const LATIN1_FOLD[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "y"};
/* 0x100–0x17F (Latin Extended-A): the base letter. */
static const char LATIN_A_FOLD[] = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkklllllllllln"
                                   "nnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/* Beyond ASCII (ASCII_FOLD says which ASCII bytes are letters). */
static bool is_word_code(uint32_t c) {
    if (c < 0x80)
        return ASCII_FOLD[c] != 0;
    if (c == 0xD7 || c == 0xF7)
        return false;
    return (c >= 0xC0 && c <= 0x24F) || (c >= 0x300 && c <= 0x36F) || (c >= 0x370 && c <= 0x1FFF) ||
           (c >= 0x2C00 && c <= 0x2DFF) || (c >= 0x3040 && c <= 0xD7FF);
}

/* A word being folded: at most SEARCH_WORD_MAX bytes kept; longer ones
 * are marked and left out. */
typedef struct {
    char text[SEARCH_WORD_MAX + 8]; /* zeros after the word: see hash_padded */
    size_t length;
    bool too_long;
} Word;

/* Appends one folded byte, making every run of "a" one ("aa" is the old
 * spelling of "å", which folds to "a"). */
static inline void word_put_byte(Word *word, char byte) {
    if (byte == 'a' && word->length && word->text[word->length - 1] == 'a')
        return;
    if (word->length == SEARCH_WORD_MAX) {
        word->too_long = true;
        return;
    }
    word->text[word->length++] = byte;
}

static void word_put(Word *word, const char *bytes, size_t count) {
    for (size_t i = 0; i < count; i++)
        word_put_byte(word, bytes[i]);
}

static void put_code(Word *word, uint32_t c) {
    char bytes[3];
    if (c < 0x80) {
        bytes[0] = (char)c;
        word_put(word, bytes, 1);
    } else if (c < 0x800) {
        bytes[0] = (char)(0xC0 | (c >> 6));
        bytes[1] = (char)(0x80 | (c & 0x3F));
        word_put(word, bytes, 2);
    } else {
        bytes[0] = (char)(0xE0 | (c >> 12));
        bytes[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        bytes[2] = (char)(0x80 | (c & 0x3F));
        word_put(word, bytes, 3);
    }
}

/* Lower case, Norwegian letters to their ASCII spelling, accents and
 * combining marks dropped. */
static void fold_code(Word *word, uint32_t c) {
    if (c < 0x80) {
        word_put_byte(word, ASCII_FOLD[c]);
    } else if (c >= 0xC0 && c <= 0xFF) {
        const char *folded = LATIN1_FOLD[c - 0xC0];
        word_put(word, folded, folded[1] ? 2 : 1);
    } else if (c >= 0x100 && c <= 0x17F) {
        word_put_byte(word, LATIN_A_FOLD[c - 0x100]);
    } else if (c >= 0x300 && c <= 0x36F) {
        /* a combining mark: å written as a + ring folds like å */
    } else if ((c >= 0x391 && c <= 0x3A9) || (c >= 0x410 && c <= 0x42F)) {
        put_code(word, c + 0x20);
    } else if (c >= 0x400 && c <= 0x40F) {
        put_code(word, c + 0x50);
    } else {
        put_code(word, c);
    }
}

/* One code point of UTF-8 at text[*at] (advanced); 0 for a malformed or
 * 4-byte sequence (no letter: astral characters are left out, which keeps
 * JavaScript's UTF-16 order of words the same as the bytes' order). */
static uint32_t next_code(const unsigned char *text, size_t length, size_t *at) {
    unsigned char b = text[(*at)++];
    if (b < 0x80)
        return b;
    size_t extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0;
    if (!extra || *at + extra > length)
        return 0;
    uint32_t c = b & (0x3F >> extra);
    for (size_t i = 0; i < extra; i++) {
        if ((text[*at] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (text[(*at)++] & 0x3F);
    }
    return extra == 3 ? 0 : c;
}

/* Eight bytes at a time (SWAR): for each byte below 0x80, whether it lies
 * in lo..hi, as its high bit. */
#define BYTES(b) (0x0101010101010101u * (uint8_t)(b))
static inline uint64_t bytes_between(uint64_t x, uint8_t lo, uint8_t hi) {
    uint64_t low7 = x & BYTES(0x7F); /* no carry between bytes below */
    return (low7 + BYTES(0x80 - lo)) & ~(low7 + BYTES(0x7F - hi)) & ~x & BYTES(0x80);
}

/* The ASCII start of a word at text[*at], folded into out[*n..] (at
 * most SEARCH_WORD_MAX - 8 bytes in, out has 8 to spare) eight bytes at
 * a time; stops (for next_word's loop to go on byte by byte) at the end
 * of the word or of the text, a byte beyond ASCII, an "aa". */
static inline void ascii_run(const unsigned char *text, size_t length, size_t *at, char *out, size_t *n) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    size_t i = *at, count = *n;
    while (i + 8 <= length && count + 8 <= SEARCH_WORD_MAX) {
        uint64_t x;
        memcpy(&x, text + i, 8);
        if (x & BYTES(0x80))
            break;
        uint64_t upper = bytes_between(x, 'A', 'Z');
        uint64_t letters = bytes_between(x, '0', '9') | bytes_between(x, 'a', 'z') | upper;
        uint64_t ends = ~letters & BYTES(0x80);
        size_t run = ends ? (size_t)__builtin_ctzll(ends) / 8 : 8;
        if (!run)
            break;
        uint64_t folded = x | (upper >> 2); /* upper case + 0x20 */
        uint64_t other = folded ^ BYTES('a');
        uint64_t is_a = ~(((other & BYTES(0x7F)) + BYTES(0x7F)) | other) & BYTES(0x80);
        uint64_t in_run = run == 8 ? ~(uint64_t)0 : ((uint64_t)1 << (8 * run)) - 1;
        if ((is_a & (is_a << 8) & in_run) || ((is_a & 0x80) && count && out[count - 1] == 'a'))
            break; /* a run of a's is one: byte by byte */
        memcpy(out + count, &folded, 8);
        count += run;
        i += run;
        if (run < 8)
            break;
    }
    *at = i;
    *n = count;
#else
    (void)text, (void)length, (void)at, (void)out, (void)n;
#endif
}

/* The next word of text from *at, folded into *word (emptied first).
 * False at the end of the text. ASCII bytes are folded by table; only the
 * others are decoded. */
static bool next_word(const char *text, size_t length, size_t *at, Word *word) {
    const unsigned char *bytes = (const unsigned char *)text;
    size_t i = *at;
    word->length = 0;
    word->too_long = false;
    for (;; i++) {
        while (i < length && bytes[i] < 0x80 && !ASCII_FOLD[bytes[i]])
            i++;
        if (i >= length) {
            *at = i;
            return false;
        }
        if (bytes[i] < 0x80)
            break;
        size_t next = i;
        if (is_word_code(next_code(bytes, length, &next)))
            break;
        i = next - 1; /* the loop's i++ steps past the separator */
    }
    /* word_put_byte's rule, in locals: the stores to the text could
     * otherwise alias the length */
    char *out = word->text;
    size_t n = 0;
    bool too_long = false;
    ascii_run(bytes, length, &i, out, &n);
    while (i < length) {
        unsigned char b = bytes[i];
        if (b < 0x80) {
            char folded = ASCII_FOLD[b];
            if (!folded)
                break;
            i++;
            if (folded == 'a' && n && out[n - 1] == 'a')
                continue;
            if (n == SEARCH_WORD_MAX)
                too_long = true;
            else
                out[n++] = folded;
            continue;
        }
        if (b == 0xC3 && i + 1 < length && (bytes[i + 1] & 0xC0) == 0x80) {
            /* U+00C0–U+00FF, Norwegian's own letters among them */
            uint32_t c = 0xC0 + (bytes[i + 1] & 0x3F);
            if (c == 0xD7 || c == 0xF7)
                break;
            i += 2;
            for (const char *folded = LATIN1_FOLD[c - 0xC0]; *folded; folded++) {
                if (*folded == 'a' && n && out[n - 1] == 'a')
                    continue;
                if (n == SEARCH_WORD_MAX)
                    too_long = true;
                else
                    out[n++] = *folded;
            }
            ascii_run(bytes, length, &i, out, &n);
            continue;
        }
        size_t next = i;
        uint32_t c = next_code(bytes, length, &next);
        if (!is_word_code(c))
            break;
        word->length = n;
        fold_code(word, c);
        n = word->length;
        too_long |= word->too_long;
        i = next;
    }
    memset(out + n, 0, 8);
    word->length = n;
    word->too_long = too_long;
    *at = i;
    return true;
}

void search_fold_text(const char *text, size_t length, StringBuffer *out) {
    Word word;
    size_t at = 0;
    bool first = true;
    while (next_word(text, length, &at, &word)) {
        if (!word.length || word.too_long)
            continue;
        if (!first)
            buffer_append(out, " ", 1);
        buffer_append(out, word.text, word.length);
        first = false;
    }
    if (!out->data)
        buffer_append(out, "", 0);
}

/* ---- numbers ------------------------------------------------------------ */

/* Written in place: millions of numbers go into the word files. */
static inline void append_number(StringBuffer *out, uint32_t n) {
    if (out->length + 8 > out->capacity)
        buffer_reserve(out, 7);
    char digits[8];
    size_t count = 0;
    digits[count++] = FINAL_DIGITS[n & 31];
    for (n >>= 5; n; n >>= 5)
        digits[count++] = MORE_DIGITS[n & 31];
    char *at = out->data + out->length;
    while (count)
        *at++ = digits[--count];
    *at = '\0';
    out->length = (size_t)(at - out->data);
}

static void append_decimal(StringBuffer *out, uint32_t n) {
    char digits[10];
    size_t count = 0;
    do
        digits[sizeof digits - ++count] = (char)('0' + n % 10);
    while (n /= 10);
    buffer_append(out, digits + sizeof digits - count, count);
}

/* The in-memory record of a word's cases: per case, varint(case),
 * varint(occurrences), varint(occurrences in the heading), then the
 * positions as varint gaps. About a byte and a half per word of text. */
static inline void append_varint(StringBuffer *out, uint32_t n) {
    if (out->length + 6 > out->capacity) {
        /* most words are rare: a record starts small (buffer_reserve's
         * first size is 256 bytes) */
        size_t capacity = out->capacity ? out->capacity * 2 : 32;
        out->data = xrealloc(out->data, capacity);
        out->capacity = capacity;
    }
    char *at = out->data + out->length;
    for (; n >= 0x80; n >>= 7)
        *at++ = (char)(0x80 | (n & 0x7F));
    *at++ = (char)n;
    *at = '\0';
    out->length = (size_t)(at - out->data);
}

static inline uint32_t read_varint(const unsigned char **at) {
    uint32_t n = 0;
    for (int shift = 0;; shift += 7) {
        unsigned char byte = *(*at)++;
        n |= (uint32_t)(byte & 0x7F) << shift;
        if (!(byte & 0x80))
            return n;
    }
}

/* ---- the vocabulary ------------------------------------------------------ */

typedef struct {
    char *text;
    uint32_t length;
    uint32_t cases;      /* how many cases have the word */
    uint64_t hash;       /* hash_padded's */
    StringBuffer record; /* see append_varint */
    /* In the case being indexed (when mark is its number + 1): the word's
     * first and last occurrence, linked in order through Occurrence.next. */
    uint32_t mark, first, last;
} Term;

/* One slice's words, in order of first occurrence (the merge tells
 * merge_ocr_forms that order), found by hash. */
typedef struct {
    Term *terms;
    size_t count, capacity;
    uint32_t *slots; /* open addressing: term index + 1, 0 empty */
    size_t mask;
} Vocabulary;

/* Eight bytes at a time: words are short, and every word of the text is
 * looked up. */
static inline uint64_t hash_mix(uint64_t h, uint64_t chunk) {
    h = (h ^ chunk) * 0x9E3779B97F4A7C15u;
    return h ^ (h >> 29);
}

/* A word followed by at least 8 zero bytes (a Word's text, padded_copy). */
static inline uint64_t hash_padded(const char *text, size_t length) {
    uint64_t h = hash_mix(0, length);
    for (size_t i = 0; i < length; i += 8) {
        uint64_t chunk;
        memcpy(&chunk, text + i, 8);
        h = hash_mix(h, chunk);
    }
    return h ^ (h >> 32);
}

static void vocabulary_grow(Vocabulary *v) {
    size_t size = v->mask ? (v->mask + 1) * 2 : 1024;
    uint32_t *slots = xcalloc(size, sizeof *slots);
    for (size_t i = 0; i < v->count; i++) {
        size_t slot = v->terms[i].hash & (size - 1);
        while (slots[slot])
            slot = (slot + 1) & (size - 1);
        slots[slot] = (uint32_t)i + 1;
    }
    free(v->slots);
    v->slots = slots;
    v->mask = size - 1;
}

/* A term's text: zeros after it up to a multiple of 8 bytes (at least
 * one, its NUL), so that words compare a word (8 bytes) at a time. */
static char *padded_copy(const char *text, size_t length) {
    char *copy = xcalloc(length / 8 + 1, 8);
    memcpy(copy, text, length);
    return copy;
}

/* Two words of `length` bytes, both padded with zeros (padded_copy, a
 * Word's text). */
static inline bool same_padded(const char *a, const char *b, size_t length) {
    for (size_t i = 0; i < length; i += 8) {
        uint64_t x, y;
        memcpy(&x, a + i, 8);
        memcpy(&y, b + i, 8);
        if (x != y)
            return false;
    }
    return true;
}

/* The slot of the word (padded with zeros: same_padded): its term's, or
 * the empty one it would take. */
static uint32_t *vocabulary_slot(const Vocabulary *v, const char *text, size_t length, uint64_t hash) {
    size_t slot = hash & v->mask;
    while (v->slots[slot]) {
        const Term *t = &v->terms[v->slots[slot] - 1];
        if (t->hash == hash && t->length == length && same_padded(t->text, text, length))
            break;
        slot = (slot + 1) & v->mask;
    }
    return &v->slots[slot];
}

/* The word's (padded) term, added (with `text` its own padded_copy, or
 * NULL for one made here) if new. */
static uint32_t vocabulary_add(Vocabulary *v, const char *word, size_t length, uint64_t hash, char *text) {
    if ((v->count + 1) * 2 > v->mask + 1)
        vocabulary_grow(v);
    uint32_t *slot = vocabulary_slot(v, word, length, hash);
    if (*slot) {
        free(text);
        return *slot - 1;
    }
    if (v->count == v->capacity) {
        v->capacity = v->capacity ? v->capacity * 2 : 1024;
        v->terms = xreallocarray(v->terms, v->capacity, sizeof *v->terms);
    }
    Term *t = &v->terms[v->count];
    memset(t, 0, sizeof *t);
    t->text = text ? text : padded_copy(word, length);
    t->length = (uint32_t)length;
    t->hash = hash;
    *slot = (uint32_t)v->count + 1;
    return (uint32_t)v->count++;
}

static void vocabulary_free(Vocabulary *v) {
    for (size_t i = 0; i < v->count; i++) {
        free(v->terms[i].text);
        buffer_free(&v->terms[i].record);
    }
    free(v->terms);
    free(v->slots);
    memset(v, 0, sizeof *v);
}

/* Byte order of words (memcmp, then the shorter first), eight bytes at a
 * time: padded with zeros (padded_copy), and no word holds a zero byte. */
static inline uint64_t word_chunk(const char *text) {
    uint64_t chunk;
    memcpy(&chunk, text, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    chunk = __builtin_bswap64(chunk);
#endif
    return chunk;
}

static int compare_words(const char *a, size_t a_length, const char *b, size_t b_length) {
    size_t shorter = a_length < b_length ? a_length : b_length;
    for (size_t i = 0; i < shorter; i += 8) {
        uint64_t x = word_chunk(a + i), y = word_chunk(b + i);
        if (x != y)
            return x < y ? -1 : 1;
    }
    return (a_length > b_length) - (a_length < b_length);
}

/* A term in byte order: its first eight bytes and its length decide most
 * comparisons without reading the term. */
typedef struct {
    uint64_t prefix;
    uint32_t length;
    Term *term;
} SortedTerm;

static int compare_sorted_terms(const SortedTerm *a, const SortedTerm *b) {
    if (a->prefix != b->prefix)
        return a->prefix < b->prefix ? -1 : 1;
    if (a->length <= 8 && b->length <= 8) /* the prefixes are the words */
        return (a->length > b->length) - (a->length < b->length);
    return compare_words(a->term->text, a->term->length, b->term->text, b->term->length);
}

static int compare_sorted_terms_qsort(const void *left, const void *right) {
    return compare_sorted_terms(left, right);
}

/* The vocabulary's terms in byte order. */
static SortedTerm *vocabulary_sort(const Vocabulary *v) {
    SortedTerm *sorted = xreallocarray(NULL, v->count + 1, sizeof *sorted);
    for (size_t i = 0; i < v->count; i++)
        sorted[i] = (SortedTerm){word_chunk(v->terms[i].text), v->terms[i].length, &v->terms[i]};
    qsort(sorted, v->count, sizeof *sorted, compare_sorted_terms_qsort);
    return sorted;
}

/* One word of one case: which, where, whether in the heading, and the
 * same word's next occurrence in the case (UINT32_MAX: none). */
typedef struct {
    uint32_t term, position, next;
    bool heading;
} Occurrence;

/* The words of the case being indexed, grouped by word as they come (no
 * sort: linear in the text). */
typedef struct {
    Occurrence *items;
    size_t count, capacity;
    uint32_t position;
    uint32_t mark;     /* the case's number + 1 */
    uint32_t *touched; /* the words it has, in order of first occurrence */
    size_t touched_count, touched_capacity;
} CaseWords;

static void add_words(Vocabulary *v, CaseWords *words, Slice text, bool heading) {
    Word word;
    size_t at = 0;
    while (next_word(text.data, text.length, &at, &word)) {
        uint32_t position = words->position++;
        if (!word.length || word.too_long)
            continue;
        if (words->count == words->capacity) {
            words->capacity = words->capacity ? words->capacity * 2 : 256;
            words->items = xreallocarray(words->items, words->capacity, sizeof *words->items);
        }
        uint32_t term = vocabulary_add(v, word.text, word.length, hash_padded(word.text, word.length), NULL);
        uint32_t index = (uint32_t)words->count++;
        words->items[index] = (Occurrence){term, position, UINT32_MAX, heading};
        Term *t = &v->terms[term];
        if (t->mark == words->mark) {
            words->items[t->last].next = index;
            t->last = index;
            continue;
        }
        t->mark = words->mark;
        t->first = t->last = index;
        if (words->touched_count == words->touched_capacity) {
            words->touched_capacity = words->touched_capacity ? words->touched_capacity * 2 : 256;
            words->touched = xreallocarray(words->touched, words->touched_capacity, sizeof *words->touched);
        }
        words->touched[words->touched_count++] = term;
    }
    words->position += SEARCH_PART_GAP;
}

/* Appends one case's words to the vocabulary's records. */
static void index_case(Vocabulary *v, CaseWords *words, uint32_t id, Slice heading, const Slice *texts, size_t text_count) {
    words->count = words->touched_count = 0;
    words->position = 0;
    words->mark = id + 1;
    add_words(v, words, heading, true);
    for (size_t i = 0; i < text_count; i++)
        add_words(v, words, texts[i], false);
    for (size_t i = 0; i < words->touched_count; i++) {
        Term *t = &v->terms[words->touched[i]];
        uint32_t count = 0, in_heading = 0;
        for (uint32_t k = t->first; k != UINT32_MAX; k = words->items[k].next) {
            count++;
            in_heading += words->items[k].heading;
        }
        t->cases++;
        append_varint(&t->record, id);
        append_varint(&t->record, count);
        append_varint(&t->record, in_heading);
        uint32_t previous = 0;
        for (uint32_t k = t->first; k != UINT32_MAX; k = words->items[k].next) {
            append_varint(&t->record, words->items[k].position - previous);
            previous = words->items[k].position;
        }
    }
}

/* ---- OCR's g for ø ---------------------------------------------------------- */

/* Text read by OCR has "g" where "ø" was printed (Lgnnum, mgte, hgring).
 * Folding g to o everywhere would make every g match o; instead a rare
 * word (in at most OCR_RARE cases, three letters or more) with a g
 * between consonants (or at its start or end next to one), which becomes
 * a word in at least OCR_COMMONER times as many cases with that g read
 * as ø (o, folded), is also indexed under that word: "Lønnum" finds
 * "Lgnnum", "Lgnnum" finds itself only. */
enum { OCR_RARE = 3, OCR_COMMONER = 4 };

static bool is_vowel(char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

static bool is_consonant(char c) {
    return c >= 'b' && c <= 'z' && !is_vowel(c);
}

/* The term of the word (padded with zeros) among terms in byte order, or
 * UINT32_MAX. */
static uint32_t words_find(const Term *terms, size_t count, const char *text, size_t length) {
    size_t low = 0, high = count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        int order = compare_words(terms[middle].text, terms[middle].length, text, length);
        if (!order)
            return (uint32_t)middle;
        if (order < 0)
            low = middle + 1;
        else
            high = middle;
    }
    return UINT32_MAX;
}

/* One case of a record, read in place. */
typedef struct {
    const unsigned char *at, *end;
    uint32_t id, count, heading;
    const unsigned char *positions;
} RecordReader;

static bool record_next(RecordReader *r) {
    if (r->at >= r->end)
        return false;
    r->id = read_varint(&r->at);
    r->count = read_varint(&r->at);
    r->heading = read_varint(&r->at);
    r->positions = r->at;
    for (uint32_t k = 0; k < r->count; k++)
        read_varint(&r->at);
    return true;
}

static void append_case(StringBuffer *out, const RecordReader *r) {
    append_varint(out, r->id);
    append_varint(out, r->count);
    append_varint(out, r->heading);
    buffer_append(out, (const char *)r->positions, (size_t)(r->at - r->positions));
}

/* target's record with source's cases merged in, by case number; a case
 * in both gets both words' positions. */
static void merge_records(Term *target, const Term *source) {
    StringBuffer merged = {0};
    RecordReader a = {(const unsigned char *)target->record.data, (const unsigned char *)target->record.data + target->record.length, 0, 0, 0, NULL};
    RecordReader b = {(const unsigned char *)source->record.data, (const unsigned char *)source->record.data + source->record.length, 0, 0, 0, NULL};
    bool has_a = record_next(&a), has_b = record_next(&b);
    uint32_t cases = 0;
    while (has_a || has_b) {
        cases++;
        if (has_a && (!has_b || a.id < b.id)) {
            append_case(&merged, &a);
            has_a = record_next(&a);
        } else if (has_b && (!has_a || b.id < a.id)) {
            append_case(&merged, &b);
            has_b = record_next(&b);
        } else {
            append_varint(&merged, a.id);
            append_varint(&merged, a.count + b.count);
            append_varint(&merged, a.heading + b.heading);
            const unsigned char *pa = a.positions, *pb = b.positions;
            uint32_t na = 0, nb = 0, va = 0, vb = 0, previous = 0;
            if (a.count)
                va = read_varint(&pa);
            if (b.count)
                vb = read_varint(&pb);
            while (na < a.count || nb < b.count) {
                uint32_t next;
                if (nb >= b.count || (na < a.count && va < vb)) {
                    next = va;
                    if (++na < a.count)
                        va += read_varint(&pa);
                } else {
                    next = vb;
                    if (++nb < b.count)
                        vb += read_varint(&pb);
                }
                append_varint(&merged, next - previous);
                previous = next;
            }
            has_a = record_next(&a);
            has_b = record_next(&b);
        }
    }
    buffer_free(&target->record);
    target->record = merged;
    target->cases = cases;
}

typedef struct {
    uint64_t arrival; /* slice << 32 | place in the slice's vocabulary */
    uint32_t index;   /* among the terms in byte order */
} RareWord;

static int compare_arrivals(const void *left, const void *right) {
    uint64_t a = ((const RareWord *)left)->arrival, b = ((const RareWord *)right)->arrival;
    return (a > b) - (a < b);
}

/* terms: in byte order; arrival: for each, where it first occurs (slice,
 * then place in the slice's vocabulary). The rare words are read in that
 * order, as one vocabulary in order of first occurrence would have them: a
 * commoner word that took a rare one's cases has more for the next. (A
 * rare word only gives: it takes nothing, having too few cases.) */
static void merge_ocr_forms(Term *terms, size_t count, const uint64_t *arrival) {
    RareWord *rare = xreallocarray(NULL, count + 1, sizeof *rare);
    size_t rare_count = 0;
    for (size_t i = 0; i < count; i++)
        if (terms[i].cases <= OCR_RARE && terms[i].length <= SEARCH_WORD_MAX && terms[i].length >= 3 &&
            memchr(terms[i].text, 'g', terms[i].length))
            rare[rare_count++] = (RareWord){arrival[i], (uint32_t)i};
    qsort(rare, rare_count, sizeof *rare, compare_arrivals);
    char candidate[SEARCH_WORD_MAX + 8]; /* padded with zeros, for words_find */
    for (size_t r = 0; r < rare_count; r++) {
        const Term *t = &terms[rare[r].index];
        for (size_t k = 0; k < t->length; k++) {
            /* ø stands between consonants, or begins or ends a word next to one */
            bool before = k == 0 || is_consonant(t->text[k - 1]);
            bool after = k + 1 == t->length || is_consonant(t->text[k + 1]);
            if (t->text[k] != 'g' || !before || !after || t->length < 3)
                continue;
            memcpy(candidate, t->text, t->length);
            memset(candidate + t->length, 0, 8);
            candidate[k] = 'o';
            uint32_t j = words_find(terms, count, candidate, t->length);
            if (j != UINT32_MAX && terms[j].cases >= OCR_COMMONER * t->cases) {
                merge_records(&terms[j], t);
                break;
            }
        }
    }
    free(rare);
}

/* ---- ranking and encoding ------------------------------------------------ */

typedef struct {
    uint32_t id, count;
    bool heading;
    const unsigned char *positions; /* into the term's record */
} Posting;

/* Heading hits first, then more occurrences, then newer cases. */
static int compare_postings(const void *left, const void *right) {
    const Posting *a = left, *b = right;
    if (a->heading != b->heading)
        return a->heading ? -1 : 1;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return a->id > b->id ? -1 : a->id < b->id;
}

/* The term's cases, in case order. */
static size_t read_postings(const Term *t, Posting *out) {
    const unsigned char *at = (const unsigned char *)t->record.data;
    const unsigned char *end = at + t->record.length;
    size_t n = 0;
    while (at < end) {
        Posting *p = &out[n++];
        p->id = read_varint(&at);
        p->count = read_varint(&at);
        p->heading = read_varint(&at) > 0;
        p->positions = at;
        for (uint32_t k = 0; k < p->count; k++)
            read_varint(&at);
    }
    return n;
}

/* Scratch for rank_postings, grown as needed. */
typedef struct {
    Posting *ranked;
    size_t ranked_capacity;
    size_t *starts;
    size_t starts_capacity;
} Ranking;

/* postings (in case order) ranked by compare_postings: a counting sort on
 * (heading, occurrences), filled from the newest case back, so that each
 * rank holds its cases newest first. qsort when the occurrences spread
 * far wider than the cases. Returns the ranked array. */
static const Posting *rank_postings(Ranking *r, const Posting *postings, size_t count) {
    if (count + 1 > r->ranked_capacity) {
        r->ranked_capacity = count + 1;
        r->ranked = xreallocarray(r->ranked, r->ranked_capacity, sizeof *r->ranked);
    }
    uint32_t most = 0;
    for (size_t i = 0; i < count; i++)
        if (postings[i].count > most)
            most = postings[i].count;
    size_t ranks = 2 * ((size_t)most + 1);
    if (ranks > 4 * count + 64) {
        memcpy(r->ranked, postings, count * sizeof *postings);
        qsort(r->ranked, count, sizeof *r->ranked, compare_postings);
        return r->ranked;
    }
    if (ranks + 1 > r->starts_capacity) {
        r->starts_capacity = ranks + 1;
        r->starts = xreallocarray(r->starts, r->starts_capacity, sizeof *r->starts);
    }
    /* rank 0 is the best: heading hits with the most occurrences */
    memset(r->starts, 0, ranks * sizeof *r->starts);
    for (size_t i = 0; i < count; i++)
        r->starts[(postings[i].heading ? 0 : most + 1) + (most - postings[i].count)]++;
    size_t start = 0;
    for (size_t k = 0; k < ranks; k++) {
        size_t n = r->starts[k];
        r->starts[k] = start;
        start += n;
    }
    for (size_t i = count; i-- > 0;)
        r->ranked[r->starts[(postings[i].heading ? 0 : most + 1) + (most - postings[i].count)]++] = postings[i];
    return r->ranked;
}

/* Encodes postings[from..] into *cases (groups of one heading flag and
 * count: header (count·2 + heading), size, case numbers, each after the
 * first as the gap below the one before minus one) and *positions (per
 * case its positions, as gaps minus one), stopping before *cases would
 * pass `budget` (at least one case is taken). Returns the cases taken. */
static size_t encode_postings(const Posting *postings, size_t from, size_t count, size_t budget, StringBuffer *cases,
                              StringBuffer *positions, StringBuffer *group) {
    size_t i = from;
    while (i < count) {
        size_t start = i;
        group->length = 0;
        uint32_t previous = 0;
        while (i < count && postings[i].heading == postings[start].heading && postings[i].count == postings[start].count) {
            size_t before = group->length;
            append_number(group, i == start ? postings[i].id : previous - postings[i].id - 1);
            /* header and size take at most 8 bytes */
            if (i > from && cases->length + group->length + 8 > budget) {
                group->length = before;
                break;
            }
            previous = postings[i].id;
            i++;
        }
        if (i == start)
            break;
        append_number(cases, postings[start].count * 2 + postings[start].heading);
        append_number(cases, (uint32_t)(i - start));
        buffer_append(cases, group->data, group->length);
        for (size_t k = start; k < i; k++) {
            const unsigned char *at = postings[k].positions;
            uint32_t position = 0;
            for (uint32_t n = 0; n < postings[k].count; n++) {
                uint32_t gap = read_varint(&at);
                position += gap;
                append_number(positions, n ? gap - 1 : position);
            }
        }
        if (i < count && postings[i].heading == postings[start].heading && postings[i].count == postings[start].count)
            break; /* the budget stopped the group */
    }
    if (!cases->data)
        buffer_append(cases, "", 0);
    if (!positions->data)
        buffer_append(positions, "", 0);
    return i - from;
}

/* ---- the files ------------------------------------------------------------ */

/* Every file of the index goes through here: its name and bytes make the
 * index's version (*version, one build's), which the search page puts on
 * the files' addresses (?v=…) so that a browser never mixes files of two
 * builds from its cache. */
static void write_index_file(Site *site, Digest *version, const char *relative, const char *data, size_t length) {
    digest_string(version, relative);
    digest_field(version, data, length);
    site_write(site, relative, data, length);
}

typedef struct {
    Site *site;
    Digest *version;
    StringBuffer words, positions, directory;
    size_t files;
    size_t word_count; /* in the open file */
} Chunks;

static void chunk_open(Chunks *c, const Term *first) {
    c->words.length = c->positions.length = 0;
    buffer_printf(&c->words, "referatSearch(\"t%zu\",[", c->files);
    buffer_printf(&c->positions, "referatSearch(\"p%zu\",[", c->files);
    if (c->files)
        buffer_append(&c->directory, ",", 1);
    json_append_string(&c->directory, slice_make(first->text, first->length), JSON_IN_SCRIPT);
    c->word_count = 0;
}

static void chunk_close(Chunks *c) {
    if (!c->word_count)
        return;
    buffer_append_cstring(&c->words, "]);\n");
    buffer_append_cstring(&c->positions, "]);\n");
    Arena *a = c->site->arena;
    write_index_file(c->site, c->version, arena_printf(a, "assets/search/t%zu.js", c->files), c->words.data, c->words.length);
    write_index_file(c->site, c->version, arena_printf(a, "assets/search/p%zu.js", c->files), c->positions.data,
                     c->positions.length);
    c->files++;
    c->word_count = 0;
}

static void chunk_add(Chunks *c, const Term *t, const StringBuffer *cases, const StringBuffer *positions) {
    if (c->word_count) {
        buffer_append(&c->words, ",", 1);
        buffer_append(&c->positions, ",", 1);
    }
    buffer_append(&c->words, "[", 1);
    json_append_string(&c->words, slice_make(t->text, t->length), JSON_IN_SCRIPT);
    buffer_append(&c->words, ",", 1);
    append_decimal(&c->words, t->cases);
    buffer_append(&c->words, ",\"", 2);
    buffer_append(&c->words, cases->data, cases->length);
    buffer_append(&c->words, "\"]", 2);
    buffer_append(&c->positions, "\"", 1);
    buffer_append(&c->positions, positions->data, positions->length);
    buffer_append(&c->positions, "\"", 1);
    c->word_count++;
}

/* Writes tN.js and pN.js of the terms (in byte order); *directory gets
 * the first word of each, as JSON strings separated by commas. */
static void write_word_files(Site *site, Digest *version, const Term *terms, size_t term_count, StringBuffer *directory) {
    size_t most = 0;
    for (size_t i = 0; i < term_count; i++)
        if (terms[i].cases > most)
            most = terms[i].cases;
    Posting *postings = xreallocarray(NULL, most + 1, sizeof *postings);
    Ranking ranking = {0};
    Chunks c = {.site = site, .version = version};
    StringBuffer cases = {0}, positions = {0}, group = {0};
    for (size_t i = 0; i < term_count; i++) {
        const Term *t = &terms[i];
        size_t count = read_postings(t, postings);
        const Posting *ranked = rank_postings(&ranking, postings, count);
        cases.length = positions.length = 0;
        size_t taken = encode_postings(ranked, 0, count, SIZE_MAX, &cases, &positions, &group);
        size_t entry = cases.length + t->length + 16;
        if (taken == count && entry <= SEARCH_CHUNK_BUDGET) {
            if (c.word_count && c.words.length + entry > SEARCH_CHUNK_BUDGET)
                chunk_close(&c);
            if (!c.word_count)
                chunk_open(&c, t);
            chunk_add(&c, t, &cases, &positions);
            continue;
        }
        /* A word too large for one file: files of its own, best first. */
        chunk_close(&c);
        for (size_t from = 0; from < count;) {
            cases.length = positions.length = 0;
            from += encode_postings(ranked, from, count, SEARCH_CHUNK_BUDGET - t->length - 64, &cases, &positions, &group);
            chunk_open(&c, t);
            chunk_add(&c, t, &cases, &positions);
            chunk_close(&c);
        }
    }
    chunk_close(&c);
    *directory = c.directory;
    buffer_free(&c.words);
    buffer_free(&c.positions);
    buffer_free(&cases);
    buffer_free(&positions);
    buffer_free(&group);
    free(ranking.ranked);
    free(ranking.starts);
    free(postings);
}

/* The start of a case's text for its result: blanks made one space,
 * Markdown's emphasis stars dropped, cut at a word. */
static void append_excerpt(StringBuffer *out, const Slice *texts, size_t text_count) {
    char excerpt[SEARCH_EXCERPT_BYTES + 8];
    size_t length = 0;
    bool space = false;
    for (size_t t = 0; t < text_count; t++) {
        for (size_t i = 0; i < texts[t].length && length < SEARCH_EXCERPT_BYTES; i++) {
            char ch = texts[t].data[i];
            if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
                space = length > 0;
                continue;
            }
            if (ch == '*' || ch == '#')
                continue;
            if (space)
                excerpt[length++] = ' ';
            space = false;
            excerpt[length++] = ch;
        }
        space = length > 0;
    }
    size_t full = length;
    if (full >= SEARCH_EXCERPT_BYTES) {
        while (length && excerpt[length - 1] != ' ')
            length--;
        if (!length) {
            /* One long word: cut before its last character if the bytes
             * taken end inside it. */
            size_t start = full - 1;
            while (start && ((unsigned char)excerpt[start] & 0xC0) == 0x80)
                start--;
            unsigned char lead = (unsigned char)excerpt[start];
            size_t size = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
            length = start + size <= full ? full : start;
        }
        while (length && excerpt[length - 1] == ' ')
            length--;
        memcpy(excerpt + length, "…", strlen("…"));
        length += strlen("…");
    }
    json_append_string(out, slice_make(excerpt, length), JSON_IN_SCRIPT);
}

/* ---- the slices ------------------------------------------------------------ */

/* Cases [first, end) — whole dN.js files — indexed into a vocabulary of
 * their own; their dN.js files are kept for the version, which digests
 * every file in order. */
typedef struct {
    size_t first, end;
    Vocabulary vocabulary;
    SortedTerm *sorted;  /* its terms in byte order, for the merge */
    StringBuffer files;  /* the slice's dN.js, one after another */
    size_t *file_ends;   /* where each ends in `files` */
    size_t file_count;
} SearchSlice;

struct SearchIndex {
    const Case **cases; /* by present_compare_cases: the case numbers */
    size_t count;
    SearchSlice *slices;
    size_t slice_count;
    atomic_size_t finished;
    Term *terms; /* the slices' merged, in byte order */
    size_t term_count;
};

static int compare_cases(const void *left, const void *right) {
    return present_compare_cases(*(const Case *const *)left, *(const Case *const *)right);
}

SearchIndex *search_index_begin(const Site *site, size_t slices) {
    SearchIndex *index = xcalloc(1, sizeof *index);
    size_t count = 0;
    for (size_t i = 0; i < site->meeting_count; i++)
        count += site->meetings[i]->case_count;
    index->cases = xreallocarray(NULL, count + 1, sizeof *index->cases);
    size_t n = 0;
    for (size_t i = 0; i < site->meeting_count; i++)
        for (size_t k = 0; k < site->meetings[i]->case_count; k++)
            index->cases[n++] = site->meetings[i]->cases[k];
    qsort(index->cases, count, sizeof *index->cases, compare_cases);
    index->count = count;

    size_t files = (count + SEARCH_CASES_PER_FILE - 1) / SEARCH_CASES_PER_FILE;
    if (!slices) {
        slices = count / SEARCH_SLICE_MIN_CASES;
        if (slices > SEARCH_SLICES_MAX)
            slices = SEARCH_SLICES_MAX;
    }
    if (slices > files)
        slices = files;
    if (!slices)
        slices = 1;
    index->slice_count = slices;
    index->slices = xcalloc(slices, sizeof *index->slices);
    for (size_t s = 0; s < slices; s++) {
        SearchSlice *slice = &index->slices[s];
        slice->first = files * s / slices * SEARCH_CASES_PER_FILE;
        slice->end = files * (s + 1) / slices * SEARCH_CASES_PER_FILE;
        if (slice->end > count)
            slice->end = count;
    }
    atomic_init(&index->finished, 0);
    return index;
}

size_t search_index_slice_count(const SearchIndex *index) {
    return index->slice_count;
}

/* Appends "number title" — a case's heading words. */
static void append_heading(StringBuffer *out, const char *number, Slice title) {
    buffer_append_cstring(out, number);
    buffer_append(out, " ", 1);
    buffer_append(out, title.data, title.length);
}

/* Indexes the slice's cases and writes their dN.js files. */
static void index_slice(SearchIndex *index, Site *site, SearchSlice *slice) {
    CaseWords words = {0};
    StringBuffer heading = {0};
    StringBuffer *file = &slice->files;
    size_t file_start = 0;
    slice->file_ends = xreallocarray(NULL, (slice->end - slice->first) / SEARCH_CASES_PER_FILE + 1, sizeof *slice->file_ends);
    const char *case_label = present_label(site->presentation, "case");
    for (size_t id = slice->first; id < slice->end; id++) {
        const Case *c = index->cases[id];
        const Meeting *m = c->meeting;
        const char *number = present_case_number(site->arena, c->number, m->body);
        Slice texts[] = {c->text, c->proposal ? c->proposal->text : slice_make("", 0),
                         c->decision ? c->decision->text : slice_make("", 0)};
        heading.length = 0;
        append_heading(&heading, number, c->title);
        index_case(&slice->vocabulary, &words, (uint32_t)id, slice_make(heading.data, heading.length), texts, 3);

        if (id % SEARCH_CASES_PER_FILE == 0) {
            file_start = file->length;
            buffer_printf(file, "referatSearch(\"d%zu\",[", id / SEARCH_CASES_PER_FILE);
        } else {
            buffer_append(file, ",", 1);
        }
        buffer_append(file, "[", 1);
        heading.length = 0;
        buffer_append_cstring(&heading, case_label);
        buffer_append(&heading, " ", 1);
        append_heading(&heading, number, c->title);
        json_append_string(file, slice_make(heading.data, heading.length), JSON_IN_SCRIPT);
        buffer_append(file, ",", 1);
        json_append_string(file, m->body->short_name, JSON_IN_SCRIPT);
        buffer_append(file, ",", 1);
        json_append_string(file, slice_from_cstring(present_date(site->presentation, site->arena, m->date)),
                           JSON_IN_SCRIPT);
        buffer_append(file, ",", 1);
        heading.length = 0;
        buffer_append_cstring(&heading, present_meeting_path(site->arena, m));
        buffer_append(&heading, ".html#", 6);
        buffer_append_cstring(&heading, present_case_anchor(site->arena, c->number));
        json_append_string(file, slice_make(heading.data, heading.length), JSON_IN_SCRIPT);
        buffer_append(file, ",", 1);
        append_excerpt(file, texts, 3);
        buffer_append(file, "]", 1);
        if (id % SEARCH_CASES_PER_FILE == SEARCH_CASES_PER_FILE - 1 || id + 1 == index->count) {
            buffer_append_cstring(file, "]);\n");
            char name[64];
            snprintf(name, sizeof name, "assets/search/d%zu.js", id / SEARCH_CASES_PER_FILE);
            site_write(site, name, file->data + file_start, file->length - file_start);
            slice->file_ends[slice->file_count++] = file->length;
        }
        arena_reset(site->arena);
    }
    free(words.items);
    free(words.touched);
    buffer_free(&heading);
    slice->sorted = vocabulary_sort(&slice->vocabulary);
}

/* The slices' terms merged in byte order: a word in several slices gets
 * their records one after another, in slice order — its cases in case
 * order, as one slice would have them. *arrival gets where each term
 * first occurs (slice << 32 | place in its vocabulary). */
static void merge_slices(SearchIndex *index, uint64_t **arrival) {
    size_t slices = index->slice_count, most = 0;
    size_t *next = xcalloc(slices, sizeof *next), *holders = xcalloc(slices, sizeof *holders);
    for (size_t s = 0; s < slices; s++)
        most += index->slices[s].vocabulary.count;
    Term *terms = xreallocarray(NULL, most + 1, sizeof *terms);
    *arrival = xreallocarray(NULL, most + 1, sizeof **arrival);
    size_t count = 0;
    for (;;) {
        const SortedTerm *least = NULL;
        for (size_t s = 0; s < slices; s++) {
            const SearchSlice *slice = &index->slices[s];
            if (next[s] < slice->vocabulary.count &&
                (!least || compare_sorted_terms(&slice->sorted[next[s]], least) < 0))
                least = &slice->sorted[next[s]];
        }
        if (!least)
            break;
        /* the word outlives the slice term its text is taken from */
        SortedTerm word = *least;
        const char *text = least->term->text;
        Term *merged = &terms[count];
        memset(merged, 0, sizeof *merged);
        size_t with = 0, bytes = 0; /* the slices with the word, in order */
        for (size_t s = 0; s < slices; s++) {
            SearchSlice *slice = &index->slices[s];
            if (next[s] >= slice->vocabulary.count)
                continue;
            const SortedTerm *head = &slice->sorted[next[s]];
            if (head->prefix != word.prefix || head->length != word.length ||
                (word.length > 8 && compare_words(head->term->text, head->length, text, word.length) != 0))
                continue;
            holders[with++] = s;
            bytes += head->term->record.length;
        }
        for (size_t h = 0; h < with; h++) {
            SearchSlice *slice = &index->slices[holders[h]];
            Term *t = slice->sorted[next[holders[h]]++].term;
            if (!h) { /* the first slice with the word: its text and record taken */
                (*arrival)[count] = (uint64_t)holders[h] << 32 | (uint64_t)(t - slice->vocabulary.terms);
                merged->text = t->text;
                merged->length = t->length;
                merged->record = t->record;
                t->text = NULL;
                memset(&t->record, 0, sizeof t->record);
                buffer_reserve(&merged->record, bytes - merged->record.length);
            } else {
                buffer_append(&merged->record, t->record.data, t->record.length);
                buffer_free(&t->record);
            }
            merged->cases += t->cases;
        }
        count++;
    }
    free(next);
    free(holders);
    for (size_t s = 0; s < slices; s++) {
        vocabulary_free(&index->slices[s].vocabulary);
        free(index->slices[s].sorted);
        index->slices[s].sorted = NULL;
    }
    index->terms = terms;
    index->term_count = count;
}

/* The last slice's work: the slices' vocabularies merged in order, the
 * version begun with the dN.js files in order, then the words' files and
 * the directory. */
static void finish_index(SearchIndex *index, Site *site, char version[SEARCH_VERSION_SIZE]) {
    double began = trace_clock();
    Digest version_hash;
    digest_init(&version_hash);
    for (size_t s = 0; s < index->slice_count; s++) {
        SearchSlice *slice = &index->slices[s];
        size_t start = 0;
        for (size_t f = 0; f < slice->file_count; f++) {
            char name[64];
            snprintf(name, sizeof name, "assets/search/d%zu.js", slice->first / SEARCH_CASES_PER_FILE + f);
            digest_string(&version_hash, name);
            digest_field(&version_hash, slice->files.data + start, slice->file_ends[f] - start);
            start = slice->file_ends[f];
        }
        buffer_free(&slice->files);
    }
    uint64_t *arrival;
    merge_slices(index, &arrival);
    trace_task("search-merge", began);
    began = trace_clock();
    merge_ocr_forms(index->terms, index->term_count, arrival);
    free(arrival);
    trace_task("search-ocr", began);
    began = trace_clock();
    StringBuffer directory = {0}, file = {0};
    write_word_files(site, &version_hash, index->terms, index->term_count, &directory);
    trace_task("search-words", began);
    buffer_printf(&file, "referatSearch(\"index\",{\"cases\":%zu,\"per_file\":%d,\"words\":[%s]});\n", index->count,
                  SEARCH_CASES_PER_FILE, directory.data ? directory.data : "");
    write_index_file(site, &version_hash, "assets/search/index.js", file.data, file.length);
    snprintf(version, SEARCH_VERSION_SIZE, "%016llx", (unsigned long long)version_hash.state);
    buffer_free(&file);
    buffer_free(&directory);
}

bool search_index_slice(SearchIndex *index, Site *site, size_t slice, char version[SEARCH_VERSION_SIZE]) {
    Arena *page_arena = site->arena;
    Arena case_arena;
    arena_init(&case_arena);
    site->arena = &case_arena;
    double began = trace_clock();
    index_slice(index, site, &index->slices[slice]);
    trace_task("search-cases", began);
    /* The slices' work is seen by the one that finishes last (the counter
     * orders it). */
    bool last = atomic_fetch_add(&index->finished, 1) + 1 == index->slice_count;
    if (last)
        finish_index(index, site, version);
    arena_free(&case_arena);
    site->arena = page_arena;
    return last;
}

void search_index_free(SearchIndex *index) {
    if (!index)
        return;
    for (size_t s = 0; s < index->slice_count; s++) {
        vocabulary_free(&index->slices[s].vocabulary);
        free(index->slices[s].sorted);
        buffer_free(&index->slices[s].files);
        free(index->slices[s].file_ends);
    }
    for (size_t i = 0; i < index->term_count; i++) {
        free(index->terms[i].text);
        buffer_free(&index->terms[i].record);
    }
    free(index->terms);
    free(index->slices);
    free(index->cases);
    free(index);
}
