/* keywords: queries over the generated keyword table. */
#include "keywords.h"

#include <string.h>

/* Every loop below walks one group's entries (keyword_group_entries), in
 * table order, so the first match, the canonical spelling, is the one a
 * walk over the whole table gave. */

int keyword_lookup(KeywordGroup group, Slice text, Language language) {
    for (unsigned slot = keyword_group_first[group]; slot < keyword_group_first[group + 1]; slot++) {
        const KeywordEntry *entry = &keyword_entries[keyword_group_entries[slot]];
        if ((entry->languages & language) && slice_equal_fold(text, slice_make(entry->spelling, entry->length)))
            return entry->concept;
    }
    return -1;
}

const char *keyword_spelling(KeywordGroup group, int concept, Language language) {
    for (unsigned slot = keyword_group_first[group]; slot < keyword_group_first[group + 1]; slot++) {
        const KeywordEntry *entry = &keyword_entries[keyword_group_entries[slot]];
        if (entry->concept == concept && (entry->languages & language))
            return entry->spelling;
    }
    return NULL;
}

size_t keyword_spellings(KeywordGroup group, Language language, const char **out, size_t capacity) {
    size_t count = 0;
    for (unsigned slot = keyword_group_first[group]; slot < keyword_group_first[group + 1]; slot++) {
        const KeywordEntry *entry = &keyword_entries[keyword_group_entries[slot]];
        if (entry->languages & language) {
            if (count < capacity)
                out[count] = entry->spelling;
            count++;
        }
    }
    return count;
}

static bool is_word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

static unsigned char ascii_lower(unsigned char c) {
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* Called at every word of every text line (reference scanning), so the
 * first byte rules out most words, and most entries, before any folding
 * compare: this was a third of `referat check`. */
int keyword_prefix(KeywordGroup group, Slice text, Language language, size_t *length) {
    int best = -1;
    size_t best_length = 0;
    if (length)
        *length = 0;
    if (!text.length)
        return -1;
    unsigned char first = (unsigned char)text.data[0];
    if (!keyword_may_start(group, first))
        return -1;
    first = ascii_lower(first);
    for (unsigned slot = keyword_group_first[group]; slot < keyword_group_first[group + 1]; slot++) {
        const KeywordEntry *entry = &keyword_entries[keyword_group_entries[slot]];
        if (!(entry->languages & language))
            continue;
        unsigned char entry_first = ascii_lower((unsigned char)entry->spelling[0]);
        if (first < 0x80 && entry_first < 0x80 && first != entry_first)
            continue;
        size_t n = entry->length;
        if (n > text.length || n <= best_length)
            continue;
        if (!slice_equal_fold(slice_make(text.data, n), slice_make(entry->spelling, n)))
            continue;
        if (n < text.length && is_word_byte((unsigned char)text.data[n]))
            continue;
        best = entry->concept;
        best_length = n;
    }
    if (length)
        *length = best_length;
    return best;
}

const char *keyword_written_spelling(KeywordGroup group, Slice text, Language language) {
    for (unsigned slot = keyword_group_first[group]; slot < keyword_group_first[group + 1]; slot++) {
        const KeywordEntry *entry = &keyword_entries[keyword_group_entries[slot]];
        if ((entry->languages & language) && slice_equal_fold(text, slice_make(entry->spelling, entry->length)))
            return entry->spelling;
    }
    return NULL;
}

const char *language_code(Language language) {
    switch (language) {
    case LANGUAGE_NN: return "nn";
    case LANGUAGE_EN: return "en";
    default: return "nb";
    }
}
