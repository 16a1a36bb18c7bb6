/* init: `referat init [DIR]` — a new project to start from. */
#ifndef REFERAT_INIT_H
#define REFERAT_INIT_H

#include <stdbool.h>

/* Writes referat.yaml, meetings/BODY/, .gitignore and CI workflows into
 * `directory` (created if missing). Refuses (exit status 2, nothing
 * written) if any of those files exists, unless `force`. Returns the exit
 * status. */
int init_project(const char *directory, bool force);

#endif
