/* session: one project kept parsed between compilations, for a process that
 * checks the same project again and again while it is edited (referat
 * lsp). Only the files whose text changed are read and parsed again; the
 * checks then run over every meeting. */
#ifndef REFERAT_SESSION_H
#define REFERAT_SESSION_H

#include <stddef.h>

#include "referat.h"
#include "source.h"

typedef struct Session Session;

/* A session of the project in the folder `root` (an absolute path); nothing
 * is read until session_check. */
Session *session_new(const char *root);
/* Checks the project as it is now: on disk, except the files in
 * `overlays` (an editor's unsaved text, full paths; an overlay of a new
 * meeting file that is not on disk yet counts as a meeting). The result is
 * the session's and stays valid until the next session_check or
 * session_free; it is the same as compilation_run's on the same text. */
Compilation *session_check(Session *session, const SourceOverlay *overlays, size_t overlay_count,
                                 unsigned jobs);
/* The last check's work: the meeting files it kept and those it parsed. */
void session_last_counts(const Session *session, size_t *files, size_t *parsed);
void session_free(Session *session);

#endif
