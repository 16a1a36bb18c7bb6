/* keywords: lookup in the generated tables of grammar/keywords.tsv. No other
 * module spells a keyword of the language. */
#ifndef REFERAT_KEYWORDS_H
#define REFERAT_KEYWORDS_H

#include <stdbool.h>
#include <stddef.h>

#include "keywords_table.h"
#include "source.h"

typedef enum { LANGUAGE_NB = 1, LANGUAGE_NN = 2, LANGUAGE_EN = 4 } Language;

/* The concept that `text` spells in `group` for `language` (case-folded), or -1. */
int keyword_lookup(KeywordGroup group, Slice text, Language language);
/* The canonical spelling of a concept in a language. */
const char *keyword_spelling(KeywordGroup group, int concept, Language language);
/* Every spelling of the group in the language, for did-you-mean; returns the
 * count, fills up to capacity. */
size_t keyword_spellings(KeywordGroup group, Language language, const char **out, size_t capacity);
/* The longest keyword of the group that `text` starts with, followed by a
 * non-letter; sets *length to its byte length. -1 if none. */
int keyword_prefix(KeywordGroup group, Slice text, Language language, size_t *length);
/* The table's spelling of the keyword `text` spells (ignoring case), or
 * NULL: an alias keeps its own wording, only its case becomes canonical. */
const char *keyword_written_spelling(KeywordGroup group, Slice text, Language language);
const char *language_code(Language language);

/* Whether some keyword of the group may start with this byte: a cheap test
 * before keyword_prefix, for scanners that try every word. */
static inline bool keyword_may_start(KeywordGroup group, unsigned char byte) {
    return keyword_first_bytes[group][byte / 8] & (1u << (byte % 8));
}

#endif
