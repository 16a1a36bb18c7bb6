/* trace: where a command's time goes, phase by phase. bench/run reads it
 * to explain the targets a build misses with a profile of its own phases
 * (a sampling profiler cannot name a phase that spans many functions).
 * Off unless REFERAT_TRACE is set in the environment; then every mark is
 * one line on stderr: "referat-trace: NAME WALL_MS CPU_MS". */
#ifndef REFERAT_TRACE_H
#define REFERAT_TRACE_H

#include <stdbool.h>

bool trace_enabled(void);
/* The time from the previous mark (or the first call) to now, as NAME:
 * for the driver's phases, which follow one another on one thread. */
void trace_phase(const char *name);
/* A clock for trace_task: wall milliseconds since an arbitrary start. */
double trace_clock(void);
/* The wall time since `began` (trace_clock() on the same thread) of work
 * done on a worker thread, as "task:NAME", and that thread's CPU time. */
void trace_task(const char *name, double began);

#endif
