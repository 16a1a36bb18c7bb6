/* names: comparing people's names the way minutes misspell them — one-letter
 * slips, a missing or extra middle name, initials, and æ/ø/å typed as
 * ae/o/a or lost in OCR — to suggest the roster's spelling. */
#ifndef REFERAT_NAMES_H
#define REFERAT_NAMES_H

#include <stddef.h>

#include "arena.h"
#include "source.h"

/* 0: the same name (ignoring case and æ/ø/å transliteration); 1: one slip
 * (one letter, a middle name, an initial); larger: further apart. */
size_t name_distance(Slice written, Slice candidate);

/* The index of the candidate that is clearly the name meant: within the
 * distance a name of that length allows, and strictly nearer than every
 * other candidate. -1 for an exact match or a name far from everything. */
long name_suggest(Slice written, const Slice *candidates, size_t count);

/* A set of names under slice_equal_fold (case and æ/ø/å case ignored),
 * each with an index the caller gives: exact lookups in O(1), so that
 * rosters and attendance lists of thousands stay linear to check. Sized
 * for `capacity` names when made; the arena owns it. */
typedef struct NameSet NameSet;

NameSet *name_set_new(Arena *arena, size_t capacity);
/* Adds `name` with `index` unless a fold-equal name is there: then returns
 * that name's index and adds nothing; -1 when added. Empty names are not
 * added. */
long name_set_add(NameSet *set, Slice name, long index);
/* The index of the fold-equal name, or -1. */
long name_set_find(const NameSet *set, Slice name);

#endif
