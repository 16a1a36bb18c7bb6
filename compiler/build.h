/* build: `referat build` — each meeting's HTML page, PDF and JSON, and the
 * index site (home, body pages, case register, search, feeds, sitemap,
 * 404), written into an atomically swapped folder. */
#ifndef REFERAT_BUILD_H
#define REFERAT_BUILD_H

#include <stdbool.h>

#include "ast.h"
#include "build_options.h"
#include "diag.h"



/* Returns false (with diagnostics) if nothing was written. The project
 * must have passed the checks. */
bool build_site(Arena *arena, Diagnostics *diagnostics, const Project *project, const char *out, BuildOptions options);

#endif
