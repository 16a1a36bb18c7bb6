/* format: `referat fmt` — one canonical layout for a meeting file, without
 * changing its meaning: the typed model before and after is the same. */
#ifndef REFERAT_FORMAT_H
#define REFERAT_FORMAT_H

#include <stdbool.h>
#include <stdio.h>

#include "ast.h"
#include "referat.h"
#include "buffer.h"

/* The canonical text of a parsed meeting (its front matter read without
 * YAML errors). Front-matter blocks move with their comments; values stay as
 * written. With keep_front_matter, the front matter is copied as it is and
 * only the body is laid out. */
void format_meeting(const Meeting *meeting, Language language, bool keep_front_matter, StringBuffer *out);

/* The canonical text of the meeting, or, when reordering the front matter
 * would change what it says (a YAML construct the line-based reordering
 * misreads), the text with the front matter as written. False when neither
 * reads as the same meeting (the file is then left as it is). */
bool format_meeting_safely(const Project *project, const Meeting *meeting, const char *path, StringBuffer *out);

/* A line diff of two texts (for `fmt --check`), headed with the path. */
void format_diff(const char *path, Slice before, Slice after, StringBuffer *out);

/* `referat fmt FILE`: rewrites the file in the canonical layout (saying so
 * on stderr) or, with `check`, writes the difference to `diffs` and
 * changes nothing. Returns the exit status for this file. */
int format_file(const char *path, bool check, FILE *diffs);

#endif
