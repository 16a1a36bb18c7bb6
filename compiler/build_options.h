/* build_options: what `referat build` is asked for — which forms of each
 * meeting, which edition, how many threads. Its own header so that the
 * build's shared state (site.h) and the driver (build.h) both read it
 * without including each other. */
#ifndef REFERAT_BUILD_OPTIONS_H
#define REFERAT_BUILD_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

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
    bool pretty; /* the meetings' JSON indented, one member per line (default: compact) */
} BuildOptions;

#endif
