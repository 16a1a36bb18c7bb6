/* pdf_archive: what makes a meeting's PDF an archival PDF/A-2b (ISO
 * 19005-2, level B) while it stays reproducible — the same input gives the
 * same bytes. Owned here: the XMP metadata, the sRGB output intent, the
 * trailer's /ID, a ToUnicode map that strict readers accept, and printable
 * link annotations. emit_pdf.c lays the meeting out; this finishes the
 * document before it is saved. */
#ifndef REFERAT_PDF_ARCHIVE_H
#define REFERAT_PDF_ARCHIVE_H

#include <stdbool.h>
#include <stdint.h>

#include <hpdf.h>

#include "ast.h"

typedef struct {
    /* As in the document information dictionary (they must agree). */
    const char *title, *author, *subject, *creator, *producer;
    Date date;            /* CreationDate and ModDate, at 00:00 UTC */
    const char *language; /* BCP 47: nb, nn, en */
    uint8_t id[16];       /* a hash of the inputs: the /ID, never the clock */
} PdfArchiveInfo;

/* Sets the information dictionary from `info` and adds the XMP metadata,
 * the output intent, /Lang and /ID. False if libharu fails. */
bool pdf_archive_finish(HPDF_Doc doc, const PdfArchiveInfo *info);

/* Replaces the ToUnicode CMap libharu 2.3 writes for a UTF-8 font (a
 * `begincidrange` that poppler and validators reject) with one of
 * bfrange entries for the 256-code blocks that `characters` (a bitmap of
 * the BMP) touches. */
bool pdf_archive_to_unicode(HPDF_Font font, const unsigned char *characters);

/* PDF/A wants every annotation printable (/F 4). */
void pdf_archive_printable(HPDF_Annotation annotation);

#endif
