/* watch: `referat watch` — rebuild on every save. Watches the project's
 * folders with inotify, waits for the writes to settle, then checks and
 * builds; prints only diagnostics that are new since the last round. OUT is
 * swapped atomically, so a browser tab refreshed shows the last good site. */
#ifndef REFERAT_WATCH_H
#define REFERAT_WATCH_H

#include <signal.h>

#include "build.h"

/* Runs until *stop is set (by SIGINT/SIGTERM). Returns an exit status. */
int watch_run(const char *directory, const char *out, BuildOptions options, volatile sig_atomic_t *stop);

#endif
