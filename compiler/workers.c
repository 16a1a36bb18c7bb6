/* workers: a shared counter hands out the items, so a slow meeting (a long
 * PDF) does not hold up the others' share. */
#include "workers.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "limits.h"
#include "memory.h"

typedef struct {
    Worker worker;
    const WorkerJob *job;
    size_t count;
    atomic_size_t *next;
} WorkerThread;

static void *worker_thread_run(void *argument) {
    WorkerThread *thread = argument;
    for (;;) {
        size_t index = atomic_fetch_add(thread->next, 1);
        if (index >= thread->count)
            break;
        thread->job->work(&thread->worker, index, thread->job->shared);
        /* Emptied, not freed: the next item reuses the same memory. */
        arena_reset(&thread->worker.scratch);
    }
    return NULL;
}

void workers_run(Arena *arena, Diagnostics *diagnostics, unsigned jobs, size_t count, const WorkerJob *job) {
    if (jobs < 1)
        jobs = 1;
    if (jobs > LIMIT_JOBS)
        jobs = LIMIT_JOBS;
    if (jobs > count)
        jobs = count ? (unsigned)count : 1;
    WorkerThread *threads = xcalloc(jobs, sizeof *threads);
    pthread_t *handles = xcalloc(jobs, sizeof *handles);
    atomic_size_t next = 0;
    unsigned used = 0;
    for (unsigned w = 0; w < jobs; w++) {
        WorkerThread *thread = &threads[w];
        arena_init(&thread->worker.arena);
        arena_init(&thread->worker.scratch);
        diag_init(&thread->worker.diagnostics, &thread->worker.arena);
        thread->job = job;
        thread->count = count;
        thread->next = &next;
        if (job->begin)
            job->begin(&thread->worker, job->shared);
        /* The calling thread is worker 0; a thread that cannot start
         * leaves its share to the others. */
        if (w > 0 && pthread_create(&handles[w], NULL, worker_thread_run, thread) != 0) {
            arena_free(&thread->worker.arena);
            break;
        }
        used = w + 1;
    }
    worker_thread_run(&threads[0]);
    for (unsigned w = 1; w < used; w++)
        pthread_join(handles[w], NULL);
    for (unsigned w = 0; w < used; w++) {
        arena_free(&threads[w].worker.scratch);
        buffer_free(&threads[w].worker.text);
        arena_adopt(arena, &threads[w].worker.arena);
        diag_adopt(diagnostics, &threads[w].worker.diagnostics);
    }
    free(threads);
    free(handles);
}
