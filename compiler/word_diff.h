/* word_diff: how a decision differs from its proposal, word by word, as
 * HTML with <del> and <ins>. */
#ifndef REFERAT_WORD_DIFF_H
#define REFERAT_WORD_DIFF_H

#include <stdbool.h>

#include "arena.h"
#include "source.h"

/* Whether the two texts differ in their words (white space ignored). */
bool word_diff_differs(Slice before, Slice after);
/* The difference as escaped HTML; for very long texts (over 4 million word
 * pairs) the whole before is deleted and the whole after inserted. */
Slice word_diff_html(Arena *arena, Slice before, Slice after);

#endif
