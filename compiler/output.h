/* output: the build's output folder, written atomically. Files go to a
 * staging folder beside OUT; only when the whole build succeeded is it
 * swapped in, so a failed or killed build leaves the previous OUT intact.
 * A folder is replaced only if it is empty or a referat site (it holds the
 * marker file), unless forced. */
#ifndef REFERAT_OUTPUT_H
#define REFERAT_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

#define OUTPUT_MARKER ".referat-site"

typedef struct {
    char *target;  /* OUT */
    char *staging; /* OUT's sibling .NAME.referat-tmp-PID */
    Diagnostics *diagnostics;
    size_t files_written;
    bool failed;
} Output;

/* Checks that OUT may be replaced and creates the staging folder. */
bool output_open(Output *output, Diagnostics *diagnostics, const char *target, bool force);
/* Writes OUT/relative (folders created as needed). */
void output_write(Output *output, const char *relative, const char *data, size_t length);
/* Swaps the staging folder in (success) or removes it (failure). */
bool output_commit(Output *output);
void output_abandon(Output *output);

#endif
