/* emit_search: the site's search index, split so that a reader downloads
 * only what a query needs (issue 18). Words are folded to one canonical
 * form (search_fold_word), the same rule templates/search.js applies to a
 * query; the index holds the cases as published (site->meetings). */
#ifndef REFERAT_EMIT_SEARCH_H
#define REFERAT_EMIT_SEARCH_H

#include <stddef.h>

#include "buffer.h"
#include "site.h"

/* The largest folded word indexed; longer ones (addresses, hashes) are
 * left out, by search.js too. */
#define SEARCH_WORD_MAX 64

/* 16 hex digits and a NUL. */
#define SEARCH_VERSION_SIZE 17

/* Writes assets/search/: index.js (the directory, loaded with the page),
 * t*.js (words and their cases, ranked), p*.js (word positions, for
 * phrases), d*.js (each case's heading, address and excerpt). *version
 * gets a digest of them all, for the search page's addresses. */
void search_write_index(Site *site, char version[SEARCH_VERSION_SIZE]);

/* Appends the words of `text` folded, separated by one space, to *out —
 * the tokeniser and folding the index uses (exposed for the tests). */
void search_fold_text(const char *text, size_t length, StringBuffer *out);

#endif
