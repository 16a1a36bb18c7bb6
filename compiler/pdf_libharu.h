/* pdf_libharu: faster equivalents of libharu 2.3's hottest internal
 * helpers, and the deflate level of its streams. Linking this module
 * replaces them in the whole program (emit_pdf is libharu's only user).
 * See pdf_libharu.c for why and how each stays equivalent. */
#ifndef REFERAT_PDF_LIBHARU_H
#define REFERAT_PDF_LIBHARU_H

/* zlib's level for every stream libharu compresses (its own is zlib's
 * default, 6, and it offers no setting). */
enum { PDF_DEFLATE_LEVEL = 3 };

/* Called when a PDF document is started and after it is freed: forgets
 * what the glyph lookup learnt about the previous document's fonts. */
void pdf_libharu_document_boundary(void);

#endif
