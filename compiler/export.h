/* export: `referat export`, the driver of the archive exports — a Noark 5
 * deposit (metadata, the meetings' PDF/A files and their checksums) and
 * eInnsyn JSON. Both read a project that check passed. */
#ifndef REFERAT_EXPORT_H
#define REFERAT_EXPORT_H

#include <stdbool.h>

#include "ast.h"
#include "diag.h"

/* The deposit into the folder `out` (written whole, atomically; an
 * existing folder is replaced only if referat wrote it, or with force). */
bool export_noark5(Arena *arena, Diagnostics *diagnostics, const Project *project, const char *out, bool force);
/* The eInnsyn JSON into the file `out` (an existing file only with force). */
bool export_einnsyn(Arena *arena, Diagnostics *diagnostics, const Project *project, const char *out, bool force);

#endif
