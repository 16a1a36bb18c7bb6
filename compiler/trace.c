/* trace: phase timings on stderr for bench/run (see trace.h). The state is
 * the previous mark of the driver's thread; worker threads only print. */
#include "trace.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int trace_state = -1; /* -1 not yet read, 0 off, 1 on */
static double previous_wall, previous_cpu;

static double milliseconds(clockid_t clock) {
    struct timespec now;
    clock_gettime(clock, &now);
    return (double)now.tv_sec * 1000.0 + (double)now.tv_nsec / 1e6;
}

bool trace_enabled(void) {
    if (trace_state < 0) {
        const char *value = getenv("REFERAT_TRACE");
        trace_state = value && *value && *value != '0';
        previous_wall = milliseconds(CLOCK_MONOTONIC);
        previous_cpu = milliseconds(CLOCK_PROCESS_CPUTIME_ID);
    }
    return trace_state == 1;
}

void trace_phase(const char *name) {
    if (!trace_enabled())
        return;
    double wall = milliseconds(CLOCK_MONOTONIC), cpu = milliseconds(CLOCK_PROCESS_CPUTIME_ID);
    fprintf(stderr, "referat-trace: %s %.2f %.2f\n", name, wall - previous_wall, cpu - previous_cpu);
    previous_wall = wall;
    previous_cpu = cpu;
}

/* The thread's CPU clock at its last few trace_clock() calls, found again
 * by their wall time: a task's CPU time is its own thread's, which the
 * wall time is not on a machine busy with other work. Tasks nest (the
 * search index's parts inside its task, a PDF's fonts inside its layout
 * inside the PDF), hence more than one. */
enum { TRACE_OPEN_MARKS = 32 };
static _Thread_local struct {
    double wall, cpu;
} open_marks[TRACE_OPEN_MARKS];
static _Thread_local unsigned next_mark;

double trace_clock(void) {
    if (!trace_enabled())
        return 0;
    double wall = milliseconds(CLOCK_MONOTONIC);
    open_marks[next_mark % TRACE_OPEN_MARKS].wall = wall;
    open_marks[next_mark % TRACE_OPEN_MARKS].cpu = milliseconds(CLOCK_THREAD_CPUTIME_ID);
    next_mark++;
    return wall;
}

void trace_task(const char *name, double began) {
    if (!trace_enabled())
        return;
    double wall = milliseconds(CLOCK_MONOTONIC), cpu = milliseconds(CLOCK_THREAD_CPUTIME_ID);
    for (unsigned i = 0; i < TRACE_OPEN_MARKS; i++)
        if (open_marks[i].wall == began) {
            fprintf(stderr, "referat-trace: task:%s %.2f %.2f\n", name, wall - began, cpu - open_marks[i].cpu);
            return;
        }
    fprintf(stderr, "referat-trace: task:%s %.2f -\n", name, wall - began);
}
