/* output: the build's output folder, written atomically. Files go to a
 * staging folder beside OUT; only when the whole build succeeded is it
 * swapped in, so a failed or killed build leaves the previous OUT intact.
 * A folder is replaced only if it is empty or a referat site (it holds the
 * marker file), unless forced. */
#ifndef REFERAT_OUTPUT_H
#define REFERAT_OUTPUT_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "diag.h"

/* In OUT: marks it as a referat site and holds the build's manifest. */
#define OUTPUT_MARKER ".referat-site"

/* Writes may come from several threads at once. A file is written under a
 * temporary name and renamed into place, never opened when it exists: a
 * file of the staging folder may be a hard link to the previous site's, and
 * the previous site must stay intact until the swap. */
typedef struct {
    char *target;  /* OUT */
    char *staging; /* OUT's sibling .NAME.referat-tmp-PID */
    bool has_previous; /* OUT existed when the build began */
    Diagnostics *diagnostics; /* reported into under `lock` */
    pthread_mutex_t lock;
    atomic_size_t files_written; /* new or changed */
    atomic_size_t files_kept;    /* identical to the previous site's: linked */
    atomic_uint temporary_names;
    atomic_bool failed;
} Output;

/* Checks that OUT may be replaced and creates the staging folder. */
bool output_open(Output *output, Diagnostics *diagnostics, const char *target, bool force);
/* Writes OUT/relative (folders created as needed). If the previous site
 * has the same bytes there, its file is linked instead: unchanged files
 * keep their identity (inode, time), so a copy to the web server moves
 * only what changed. */
void output_write(Output *output, const char *relative, const char *data, size_t length);
/* Links the previous site's OUT/relative into the new one; false if there
 * is none (nothing reported: the caller writes the file instead). */
bool output_keep_previous(Output *output, const char *relative);
/* Whether `folder` is a site referat built: its marker file holds a
 * manifest (only then is it replaced without --force). */
bool output_is_site(const char *folder);
/* `path` as an absolute path with symbolic links resolved, also when it
 * does not exist yet (its folder must); NULL if it cannot be. free() it. */
char *output_absolute_path(const char *path);

/* One file outside a site (a meeting file, a report), written atomically:
 * whole under a temporary name, then moved into place. output_write_file
 * replaces what is there; output_create_file fails (errno EEXIST) if the
 * name exists, so nothing is overwritten without --force. */
bool output_write_file(const char *path, const char *data, size_t length);
bool output_create_file(const char *path, const char *data, size_t length);

/* FOLDER/RELATIVE, malloc'd (free() it). */
char *output_join_path(const char *folder, const char *relative);

/* Creates the folders leading to `path` (a file's path); false on failure. */
bool output_make_folders(char *path);

/* The previous site's OUT/relative (free with free()), or NULL. */
char *output_read_previous(const Output *output, const char *relative, size_t *length);
/* Swaps the staging folder in (success) or removes it (failure). */
bool output_commit(Output *output);
void output_abandon(Output *output);

#endif
