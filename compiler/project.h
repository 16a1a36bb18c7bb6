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

/* The pieces of project_load, for a caller that keeps parsed files between
 * compilations (session.c): referat.yaml alone; the meeting files below
 * the root in path order (in `arena`); one file read and parsed. */
bool project_load_config(Arena *arena, Diagnostics *diagnostics, const char *root, Project *project);
size_t project_list_meeting_files(Arena *arena, Diagnostics *diagnostics, const Project *project, char ***paths);
Meeting *project_parse_file(Arena *arena, Diagnostics *diagnostics, const Project *project, const char *relative);
/* Whether the walk would read the file at `relative` as a meeting (an
 * editor's unsaved new file is not on disk for the walk to find). */
bool project_is_meeting_path(const Project *project, const char *relative);

#endif
