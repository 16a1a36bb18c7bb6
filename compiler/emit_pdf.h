/* emit_pdf: one meeting as an archival PDF with libharu — A4, embedded
 * DejaVu fonts with full UTF-8, the title block, attendance table,
 * saksliste with internal links, every case with its Markdown laid out
 * (paragraphs, emphasis, links, lists, quotes, code, tables, footnotes),
 * an outline entry per case, "Side X av Y", UTKAST on drafts.
 * Byte-identical for the same input: nothing comes from the clock. */
#ifndef REFERAT_EMIT_PDF_H
#define REFERAT_EMIT_PDF_H

#include <stdbool.h>
#include <stddef.h>

#include "ast.h"
#include "diag.h"
#include "font_subset.h"
#include "present.h"

enum { PDF_FONT_COUNT = 5 };
/* The files of the five styles (regular, bold, italic, bold italic, mono)
 * in the font directory. */
extern const char *const PDF_FONT_FILES[PDF_FONT_COUNT];

typedef struct {
    const Presentation *presentation; /* labels, forms, and whether exempt content is shown */
    const char *font_directory;   /* holding DejaVuSans*.ttf */
    /* The fonts read once for the build (entries may be NULL): each PDF
     * embeds a subset of them; without them, libharu's whole-font
     * embedding from font_directory. */
    FontFile *const *font_files;
    const SourceFile *config_file; /* its text may reach the page (body names, roles) */
} PdfOptions;

/* The PDF's bytes in *data (free with free()), or false after reporting. */
/* `meeting` as published (present_meeting). */
bool emit_pdf_meeting(Arena *arena, Diagnostics *diagnostics, const Meeting *meeting, const PdfOptions *options,
                      char **data, size_t *length);

#endif
