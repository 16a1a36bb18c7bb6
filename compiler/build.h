/* build: `referat build` — each meeting's HTML page, PDF and JSON, and the
 * index site (home, body pages, case register, search, feeds, sitemap,
 * 404), written into an atomically swapped folder. */
#ifndef REFERAT_BUILD_H
#define REFERAT_BUILD_H

#include <stdbool.h>

#include "ast.h"
#include "build_options.h"
#include "diag.h"
#include "emit_pdf.h"

/* Returns false (with diagnostics) if nothing was written. The project
 * must have passed the checks. */
bool build_site(Arena *arena, Diagnostics *diagnostics, const Project *project, const char *out, BuildOptions options);

/* The build with nothing changed: true if `out` holds the site of a build
 * of `root` with these options whose inputs are all as they were (see
 * manifest.c) — then there is nothing to do, and *meeting_count is that
 * site's number of meetings. Reads no meeting unless its stat data
 * changed. Always false with --force. */
bool build_unchanged(const char *root, const char *out, BuildOptions options, size_t *meeting_count);

/* What build and export share. An output folder is written whole and
 * replaced whole: it may not be the project, hold it, or hold its meeting
 * files (reported as E-OUTPUT). */
bool build_output_allowed(Diagnostics *diagnostics, const Project *project, const char *out);
/* The fonts the PDFs embed subsets of: REFERAT_FONT_DIR, else Debian's
 * DejaVu folder; each style read once (an entry is NULL if unreadable). */
const char *build_font_directory(void);
void build_fonts_load(Arena *arena, const char *directory, FontFile *files[PDF_FONT_COUNT]);
void build_fonts_free(FontFile *files[PDF_FONT_COUNT]);

#endif
