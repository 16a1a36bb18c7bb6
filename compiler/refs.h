/* refs: case references in running text (`sak 72/24`, `SSU-sak 26/2024`,
 * `sak 03-2023`), found line by line by the parser and resolved against the
 * whole project by the checks. */
#ifndef REFERAT_REFS_H
#define REFERAT_REFS_H

#include "ast.h"
#include "arena.h"

/* Appends every reference found in file->text[start, end) to *list (kept
 * in source order through *tail). `reference_year` is the meeting's: a
 * two-digit year is the latest with those digits up to the year after it
 * (values.c: `79/99` in 2100 is 2099; approved_in may name a case of the
 * next January). */
void refs_scan_line(Arena *arena, const SourceFile *file, size_t start, size_t end, Language language,
                    int reference_year, CaseRef ***tail);

/* Parses a whole value such as `72/24`, `SSU 72/24` or `SSU-sak 72/24`.
 * Returns NULL if it is not a case reference. */
CaseRef *refs_parse_value(Arena *arena, const SourceFile *file, Slice value, size_t value_offset,
                          Language language, int reference_year);

#endif
