/* build: `referat build` — each meeting's HTML page, PDF and JSON, and the
 * index site (home, body pages, case register, search, feeds, sitemap,
 * 404), written into an atomically swapped folder. */
#ifndef REFERAT_BUILD_H
#define REFERAT_BUILD_H

#include <stdbool.h>

#include "ast.h"
#include "diag.h"

/* Which emitters run (`build --only`, `--no-pdf`). */
enum {
    BUILD_HTML = 1, /* the meeting pages, the index site and the attachments */
    BUILD_PDF = 2,
    BUILD_JSON = 4,
    BUILD_ALL = BUILD_HTML | BUILD_PDF | BUILD_JSON,
};

typedef struct {
    bool internal;    /* include exempt cases, marked */
    bool force;       /* replace an output folder that referat did not build */
    unsigned outputs; /* BUILD_* bits; 0: all */
    unsigned jobs;    /* worker threads for per-meeting work; 0 or 1: none */
    /* Called after each meeting's files are written, from any worker thread
     * (NULL: none): `referat build` shows progress on a terminal. */
    void (*progress)(size_t done, size_t total);
} BuildOptions;

/* Returns false (with diagnostics) if nothing was written. The project
 * must have passed the checks. */
bool build_site(Arena *arena, Diagnostics *diagnostics, const Project *project, const char *out, BuildOptions options);

#endif
