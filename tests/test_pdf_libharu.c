/* Unit tests for pdf_libharu.c: each replacement answers as libharu's own
 * (taken from the loaded libhpdf with dlsym on its handle) for every input
 * tried — every code point of DejaVu Sans and of a subset, in ascending,
 * descending and scattered order, also with a map whose segment ends do
 * not ascend; copies and fills of every short length and overlapping
 * copies — and libharu's streams are deflated at PDF_DEFLATE_LEVEL. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>
#include <hpdf_utils.h>
#include <zlib.h>

#include "font_subset.h"
#include "pdf_libharu.h"
#include "test_support.h"

typedef HPDF_UINT16 GlyphFunction(HPDF_FontDef, HPDF_UINT16);
typedef HPDF_BYTE *CopyFunction(HPDF_BYTE *, const HPDF_BYTE *, HPDF_UINT);
typedef void *FillFunction(void *, HPDF_BYTE, HPDF_UINT);

static void *libharu_own(const char *name) {
    void *library = dlopen("libhpdf-2.3.0.so", RTLD_NOW | RTLD_NOLOAD);
    assert_non_null(library);
    void *function = dlsym(library, name);
    assert_non_null(function);
    dlclose(library);
    return function;
}

static const char *font_path(char *path, size_t size) {
    const char *directory = getenv("REFERAT_FONT_DIR");
    snprintf(path, size, "%s/DejaVuSans.ttf", directory && *directory ? directory : "/usr/share/fonts/truetype/dejavu");
    if (access(path, R_OK) != 0) {
        const char *ci = getenv("CI");
        if (ci && strcmp(ci, "true") == 0)
            fail_msg("%s is missing under CI", path);
        skip();
    }
    return path;
}

static HPDF_FontDef load(HPDF_Doc doc, const char *path) {
    const char *name = HPDF_LoadTTFontFromFile(doc, path, HPDF_TRUE);
    assert_non_null(name);
    HPDF_FontDef fontdef = HPDF_GetFontDef(doc, name);
    assert_non_null(fontdef);
    return fontdef;
}

/* Ours and libharu's agree on every code point, in three orders. */
static void compare_all(HPDF_FontDef fontdef, GlyphFunction *theirs) {
    for (unsigned code = 0; code < 65536; code++)
        assert_int_equal(HPDF_TTFontDef_GetGlyphid(fontdef, (HPDF_UINT16)code), theirs(fontdef, (HPDF_UINT16)code));
    for (unsigned code = 65536; code-- > 0;)
        assert_int_equal(HPDF_TTFontDef_GetGlyphid(fontdef, (HPDF_UINT16)code), theirs(fontdef, (HPDF_UINT16)code));
    unsigned code = 1;
    for (unsigned i = 0; i < 65536; i++) {
        code = (code * 1103515245u + 12345u) & 0xFFFF;
        assert_int_equal(HPDF_TTFontDef_GetGlyphid(fontdef, (HPDF_UINT16)code), theirs(fontdef, (HPDF_UINT16)code));
    }
}

static void test_glyph_lookup_as_libharu(void **state) {
    (void)state;
    char path[4096];
    font_path(path, sizeof path);
    GlyphFunction *theirs = (GlyphFunction *)libharu_own("HPDF_TTFontDef_GetGlyphid");
    assert_ptr_not_equal(theirs, HPDF_TTFontDef_GetGlyphid); /* ours is the one libharu calls */

    /* A subset of a few characters, as emit_pdf makes them. */
    FontFile *font = font_file_load(path);
    assert_non_null(font);
    const uint32_t characters[] = {' ', '0', '9', 'A', 'Z', 'a', 'z', 0xC5, 0xE5, 0xE6, 0xF8, 0x2013, 0x2026};
    unsigned char *subset;
    size_t subset_length;
    assert_true(font_subset(font, characters, sizeof characters / sizeof characters[0], &subset, &subset_length));
    char subset_path[] = "/tmp/referat-test-subset-XXXXXX";
    int descriptor = mkstemp(subset_path);
    assert_true(descriptor >= 0);
    assert_int_equal(write(descriptor, subset, subset_length), (ssize_t)subset_length);
    close(descriptor);

    pdf_libharu_document_boundary();
    HPDF_Doc doc = HPDF_New(NULL, NULL);
    assert_non_null(doc);
    HPDF_FontDef whole = load(doc, path), part = load(doc, subset_path);
    compare_all(whole, theirs);
    compare_all(part, theirs);
    /* Both fonts in turn, as a page's text widths ask. */
    for (unsigned code = 0; code < 65536; code += 7) {
        assert_int_equal(HPDF_TTFontDef_GetGlyphid(whole, (HPDF_UINT16)code), theirs(whole, (HPDF_UINT16)code));
        assert_int_equal(HPDF_TTFontDef_GetGlyphid(part, (HPDF_UINT16)code), theirs(part, (HPDF_UINT16)code));
    }
    HPDF_Free(doc);
    pdf_libharu_document_boundary();

    /* Segment ends that do not ascend (a damaged font): the first segment
     * ending at or after the code point is still the answer. */
    doc = HPDF_New(NULL, NULL);
    HPDF_FontDef damaged = load(doc, subset_path);
    HPDF_TTFontDefAttr attr = (HPDF_TTFontDefAttr)damaged->attr;
    unsigned segments = attr->cmap.seg_count_x2 / 2u;
    assert_true(segments >= 3);
    HPDF_UINT16 swap = attr->cmap.end_count[0];
    attr->cmap.end_count[0] = attr->cmap.end_count[1];
    attr->cmap.end_count[1] = swap;
    /* Loading looked glyphs up already, when the ends ascended; a font's
     * map does not change in a document, so what was learnt is forgotten
     * only at a boundary. */
    pdf_libharu_document_boundary();
    compare_all(damaged, theirs);
    HPDF_Free(doc);
    pdf_libharu_document_boundary();

    unlink(subset_path);
    free(subset);
    font_file_free(font);
}

static void test_copy_and_fill_as_libharu(void **state) {
    (void)state;
    CopyFunction *their_copy = (CopyFunction *)libharu_own("HPDF_MemCpy");
    FillFunction *their_fill = (FillFunction *)libharu_own("HPDF_MemSet");
    assert_ptr_not_equal(their_copy, HPDF_MemCpy);
    HPDF_BYTE source[200], ours[260], theirs[260];
    for (size_t i = 0; i < sizeof source; i++)
        source[i] = (HPDF_BYTE)(i * 37 + 11);
    for (HPDF_UINT n = 0; n < 200; n++) {
        memset(ours, 0xAA, sizeof ours);
        memset(theirs, 0xAA, sizeof theirs);
        assert_ptr_equal(HPDF_MemCpy(ours + 3, source, n), ours + 3 + n);
        assert_ptr_equal(their_copy(theirs + 3, source, n), theirs + 3 + n);
        assert_memory_equal(ours, theirs, sizeof ours);
        assert_ptr_equal(HPDF_MemSet(ours + 5, 0x42, n), ours + 5 + n);
        their_fill(theirs + 5, 0x42, n);
        assert_memory_equal(ours, theirs, sizeof ours);
        /* Overlapping, forwards and backwards. */
        for (size_t i = 0; i < sizeof ours; i++)
            ours[i] = theirs[i] = (HPDF_BYTE)i;
        HPDF_MemCpy(ours + 7, ours, n);
        their_copy(theirs + 7, theirs, n);
        assert_memory_equal(ours, theirs, sizeof ours);
        HPDF_MemCpy(ours, ours + 9, n);
        their_copy(theirs, theirs + 9, n);
        assert_memory_equal(ours, theirs, sizeof ours);
    }
}

/* deflateInit (libharu's call) gives the bytes of deflateInit2 at
 * PDF_DEFLATE_LEVEL, which inflate back to the input. */
static void test_deflate_level(void **state) {
    (void)state;
    unsigned char input[20000], viaInit[30000], viaInit2[30000], back[20000];
    for (size_t i = 0; i < sizeof input; i++)
        input[i] = (unsigned char)("BT /F1 12 Tf 72 712 Td (Sak 12/25) Tj ET\n"[i % 41] + (i % 997 == 0));
    z_stream a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    assert_int_equal(deflateInit(&a, Z_DEFAULT_COMPRESSION), Z_OK);
    assert_int_equal(deflateInit2(&b, PDF_DEFLATE_LEVEL, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
    a.next_in = b.next_in = input;
    a.avail_in = b.avail_in = sizeof input;
    a.next_out = viaInit;
    a.avail_out = sizeof viaInit;
    b.next_out = viaInit2;
    b.avail_out = sizeof viaInit2;
    assert_int_equal(deflate(&a, Z_FINISH), Z_STREAM_END);
    assert_int_equal(deflate(&b, Z_FINISH), Z_STREAM_END);
    assert_int_equal(a.total_out, b.total_out);
    assert_memory_equal(viaInit, viaInit2, a.total_out);
    uLongf back_length = sizeof back;
    assert_int_equal(uncompress(back, &back_length, viaInit, a.total_out), Z_OK);
    assert_int_equal(back_length, sizeof input);
    assert_memory_equal(back, input, sizeof input);
    deflateEnd(&a);
    deflateEnd(&b);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_glyph_lookup_as_libharu),
        cmocka_unit_test(test_copy_and_fill_as_libharu),
        cmocka_unit_test(test_deflate_level),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
