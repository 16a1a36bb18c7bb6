/* suggest: did-you-mean. Edit distance over code points, and the choice of
 * one clearly best candidate (never a guess between equals). */
#ifndef REFERAT_SUGGEST_H
#define REFERAT_SUGGEST_H

#include <stddef.h>

#include "source.h"

/* Optimal-string-alignment distance (Levenshtein plus adjacent swaps),
 * counted in code points, ignoring ASCII/æøå case. */
size_t edit_distance(Slice a, Slice b);

/* The candidate nearest to word if it is within max_distance and strictly
 * nearer than every other candidate; NULL otherwise. */
const char *suggest_nearest(Slice word, const char *const *candidates, size_t count, size_t max_distance);

/* The distance a word of this many code points may be off by and still get a
 * suggestion: 1 for short words, 2 from 5, 3 from 10 code points. */
size_t suggest_default_distance(Slice word);

#endif
