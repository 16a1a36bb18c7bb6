/* config: referat.yaml → the Project's site settings and bodies (with
 * numbering form, quorum rule, seats and roster). Reports W-CONFIG-KEY with
 * did-you-mean, and E-CONFIG for values that cannot be used. */
#ifndef REFERAT_CONFIG_H
#define REFERAT_CONFIG_H

#include "ast.h"
#include "diag.h"

/* Loads DIR/referat.yaml into project (root set by the caller). Returns
 * false if the file is missing or unreadable (reported; exit status 2). */
bool config_load(Arena *arena, Diagnostics *diagnostics, Project *project);
/* Reads a config already in memory (tests). */
void config_read(Arena *arena, Diagnostics *diagnostics, Project *project, const SourceFile *file);

#endif
