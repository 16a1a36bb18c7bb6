/* workers: the threads of the per-file and per-meeting stages (`-j N`).
 * Each worker has its own arena and diagnostics, so the stages need no
 * locks for their own memory; when all are done, the workers' arenas and
 * diagnostics join the compilation's in worker order, and the diagnostics
 * are sorted later as always: output does not depend on the thread count. */
#ifndef REFERAT_WORKERS_H
#define REFERAT_WORKERS_H

#include <stddef.h>

#include "arena.h"
#include "buffer.h"
#include "diag.h"

typedef struct {
    Arena arena;             /* kept: joins the caller's arena */
    Arena scratch;           /* emptied after every item (its memory kept for the next) */
    StringBuffer text;       /* the stage's to reuse for every item; freed at the end */
    Diagnostics diagnostics; /* in `arena` */
    void *state;             /* the stage's own, set by `begin` */
} Worker;

typedef struct {
    void (*begin)(Worker *worker, void *shared); /* may be NULL */
    void (*work)(Worker *worker, size_t index, void *shared);
    void *shared;
} WorkerJob;

/* Calls job->work for every index below count, each once, on up to `jobs`
 * threads, the calling thread among them. */
void workers_run(Arena *arena, Diagnostics *diagnostics, unsigned jobs, size_t count, const WorkerJob *job);

#endif
