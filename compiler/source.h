/* source: loading a file into memory and validating it as UTF-8 text (no
 * NUL, no overlong or surrogate sequences), reporting what is wrong; the
 * text model it loads into is text.h's. */
#ifndef REFERAT_SOURCE_H
#define REFERAT_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "text.h"

struct Diagnostics;

/* Read `root/relative_path`. On failure reports E-FILE, E-LIMIT, E-NUL or
 * E-UTF8 in `diagnostics` and returns NULL. */
SourceFile *source_load(Arena *arena, struct Diagnostics *diagnostics, const char *root,
                        const char *relative_path);
/* An editor's unsaved text of a file, read instead of the disk (referat
 * lsp). `path` is the file's full path as source_load forms it
 * (root/relative). The table is the process's: set it before a compilation
 * and keep it unchanged while one runs (its threads only read it). */
typedef struct {
    const char *path;
    const char *text;
    size_t length;
} SourceOverlay;

void source_set_overlays(const SourceOverlay *overlays, size_t count);
/* The overlay of the file at `full_path`, or NULL: it is read from disk. */
const SourceOverlay *source_overlay_find(const char *full_path);

/* Build a SourceFile from memory (tests, fuzzing). Validates as source_load. */
SourceFile *source_from_memory(Arena *arena, struct Diagnostics *diagnostics, const char *path,
                               const char *text, size_t length);

#endif
