/* emit_site: `referat build` — every meeting's HTML page and JSON, and the
 * index site (home, body pages, case register, search, feeds, sitemap,
 * 404), rendered through the templates into an atomically swapped folder. */
#ifndef REFERAT_EMIT_SITE_H
#define REFERAT_EMIT_SITE_H

#include <stdbool.h>

#include "ast.h"
#include "diag.h"

typedef struct {
    bool internal; /* include exempt cases, marked */
    bool force;    /* replace an output folder that referat did not build */
    bool pdf;      /* write a PDF per meeting */
    unsigned jobs; /* worker threads for per-meeting work; 0 or 1: none */
    /* Called after each meeting's files are written, from any worker thread
     * (NULL: none): `referat build` shows progress on a terminal. */
    void (*progress)(size_t done, size_t total);
} SiteOptions;

/* Returns false (with diagnostics) if nothing was written. The project
 * must have passed the checks. */
bool site_build(Arena *arena, Diagnostics *diagnostics, const Project *project, const char *out, SiteOptions options);

#endif
