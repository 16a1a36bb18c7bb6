/* fix: `referat check --fix` — the corrections that are certain, applied
 * by span: renumbering a meeting's cases to close gaps and duplicates (with
 * the file's references to them), a field key's unique near miss, a
 * member's name's unique roster match. Nothing else is touched. */
#ifndef REFERAT_FIX_H
#define REFERAT_FIX_H

#include <stdio.h>

#include "ast.h"
#include "diag.h"
#include "referat.h"
#include "buffer.h"

/* The fixed text of one meeting file, and how many fixes were made (0:
 * out is the file unchanged). */
size_t fix_meeting(const Project *project, const Meeting *meeting, const Diagnostics *diagnostics, StringBuffer *out);

/* `check --fix`: fixes the project's files one at a time in date order,
 * showing each change as a diff on `diffs` and checking again after each,
 * until no certain fix is left. *c is the project as it is at the end.
 * Returns the number of fixes (not files) applied. */
size_t fix_project(Compilation *c, const char *directory, unsigned jobs, FILE *diffs);

#endif
