/* fix: `referat check --fix` — the corrections that are certain, applied
 * by span: renumbering a meeting's cases to close gaps and duplicates (with
 * the file's references to them), a field key's unique near miss, a
 * member's name's unique roster match. Nothing else is touched. */
#ifndef REFERAT_FIX_H
#define REFERAT_FIX_H

#include "ast.h"
#include "diag.h"
#include "template.h"

/* The fixed text of one meeting file, and how many fixes were made (0:
 * out is the file unchanged). */
size_t fix_meeting(const Project *project, const Meeting *meeting, const Diagnostics *diagnostics, StringBuffer *out);

#endif
