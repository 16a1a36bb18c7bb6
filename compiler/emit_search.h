/* emit_search: the site's search index, split so that a reader downloads
 * only what a query needs (issue 18). Words are folded to one canonical
 * form (search_fold_word), the same rule templates/search.js applies to a
 * query; the index holds the cases as published (site->meetings). */
#ifndef REFERAT_EMIT_SEARCH_H
#define REFERAT_EMIT_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "buffer.h"
#include "site.h"

/* The largest folded word indexed; longer ones (addresses, hashes) are
 * left out, by search.js too. */
#define SEARCH_WORD_MAX 64

/* 16 hex digits and a NUL. */
#define SEARCH_VERSION_SIZE 17

/* The index being built: assets/search/ — index.js (the directory, loaded
 * with the page), t*.js (words and their cases, ranked), p*.js (word
 * positions, for phrases), d*.js (each case's heading, address and
 * excerpt). It is built in slices of the cases, on any threads, and comes
 * out the same bytes however many slices there are. */
typedef struct SearchIndex SearchIndex;

/* Numbers the published cases and splits them into at most `slices`
 * slices (0: as many as suit the project; at least one). */
SearchIndex *search_index_begin(const Site *site, size_t slices);
size_t search_index_slice_count(const SearchIndex *index);
/* Indexes one slice and writes its d*.js files; each slice once, in any
 * order, on any thread (site is that thread's). The call that completes
 * the last slice writes the rest of the index and returns true, with
 * *version a digest of all the files, for the search page's addresses. */
bool search_index_slice(SearchIndex *index, Site *site, size_t slice, char version[SEARCH_VERSION_SIZE]);
/* After every slice has run (or none). */
void search_index_free(SearchIndex *index);

/* Appends the words of `text` folded, separated by one space, to *out —
 * the tokeniser and folding the index uses (exposed for the tests). */
void search_fold_text(const char *text, size_t length, StringBuffer *out);

#endif
