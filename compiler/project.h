/* project: the driver of the front end for a whole folder — referat.yaml,
 * then every meeting file below it, each loaded, lexed and parsed. */
#ifndef REFERAT_PROJECT_H
#define REFERAT_PROJECT_H

#include "ast.h"
#include "diag.h"

/* Returns false when the project cannot be read at all (no referat.yaml,
 * unreadable folder): reported, exit status 2. Files are read and parsed
 * by `jobs` threads (1: the calling thread only); the result and the
 * diagnostics do not depend on it. */
bool project_load(Arena *arena, Diagnostics *diagnostics, const char *root, Project *project, unsigned jobs);
/* What project_load would read, without reading it: referat.yaml (for
 * `exclude:`) and the meeting files' paths, relative to the root, in path
 * order (in `arena`). The build's no-op shortcut compares them with the
 * last build's. False when the project cannot be read. */
bool project_meeting_paths(Arena *arena, Diagnostics *diagnostics, const char *root, Project *project,
                           char ***paths, size_t *count);

#endif
