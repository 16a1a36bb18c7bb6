/* pdf_libharu: libharu 2.3 (Debian 12's libhpdf) spends most of a
 * meeting's PDF in work that does not depend on the meeting. Every
 * Unicode font it creates (CIDFontType2_New, hpdf_font_cid.c) looks up
 * the glyph of each of the 65,536 code points with
 * HPDF_TTFontDef_GetGlyphid, a linear scan of the character map's
 * segments (most code points lie past the last one, so the scan is
 * whole), clears a 128 KB map with HPDF_MemSet and fills it with
 * HPDF_MemCpy — both byte at a time, as is every copy into its streams.
 * Those were 30 % of a PDF's time; the deflating of its streams at zlib's
 * default level another 30 %. libharu has no setting for either.
 *
 * The functions are exported by libhpdf.so and called through its PLT,
 * so the definitions here take their place (ELF symbol interposition);
 * emit_pdf calls pdf_libharu_document_boundary, which also makes the
 * linker keep this module. Each replacement returns what libharu's own
 * returns for every input — checked against the shared library's code
 * (objdump of libhpdf 2.3.0+dfsg-1) and by tests/test_pdf_libharu.c:
 *
 *   HPDF_MemCpy, HPDF_MemSet: memmove and memset, returning the end of
 *     the destination as libharu's do; overlapping copies (which libharu
 *     does not make) keep the forward byte order.
 *   HPDF_TTFontDef_GetGlyphid: the same answer (but where libharu reads
 *     past its arrays) — the first segment whose
 *     end is at or after the code point — found by binary search when the
 *     segment ends ascend (as TrueType requires and every font here has),
 *     by the same linear scan otherwise. Whether a font's ends ascend is
 *     learnt once per font and document (a small per-thread table,
 *     emptied at every document boundary, so no freed font is mistaken
 *     for a new one at the same address).
 *   deflateInit_: zlib's deflateInit2_ with PDF_DEFLATE_LEVEL and zlib's
 *     other defaults; deflateInit is a macro for it, so libharu's every
 *     stream gets it. The streams remain standard FlateDecode. */
#include "pdf_libharu.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_fontdef.h>
#include <hpdf_utils.h>
#include <zlib.h>

HPDF_BYTE *HPDF_MemCpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n) {
    /* The map's two bytes, 65,536 times a font, first. */
    if (n == 2) {
        HPDF_BYTE first = in[0];
        out[0] = first;
        out[1] = in[1];
        return out + 2;
    }
    /* Onto a later part of its own source: byte by byte, forwards, as
     * libharu's; the rest as memmove (which a forward copy onto an
     * earlier part equals). */
    uintptr_t to = (uintptr_t)out, from = (uintptr_t)in;
    if (n <= 16 || (to > from && to - from < n)) {
        for (HPDF_UINT i = 0; i < n; i++)
            out[i] = in[i];
    } else {
        memmove(out, in, n);
    }
    return out + n;
}

void *HPDF_MemSet(void *s, HPDF_BYTE c, HPDF_UINT n) {
    if (n)
        memset(s, c, n);
    return (HPDF_BYTE *)s + n;
}

/* ---- the glyph lookup ---------------------------------------------------- */

enum { KNOWN_MAPS = 16 };

typedef struct {
    const HPDF_UINT16 *ends;
    unsigned count;
    bool ascending;
} KnownMap;

static _Thread_local KnownMap known_maps[KNOWN_MAPS];
static _Thread_local unsigned known_map_count;

/* The last answer: a font's creation asks for every code point in
 * ascending order, and the first segment ending at or after a code point
 * is never before the one found for a smaller code point (every segment
 * before that one ends before the smaller code point) — so the next
 * answer is found by going on from there, in any map. */
static _Thread_local const HPDF_UINT16 *last_ends;
static _Thread_local unsigned last_count, last_segment;
static _Thread_local HPDF_UINT16 last_code;

void pdf_libharu_document_boundary(void) {
    known_map_count = 0;
    last_ends = NULL;
}

static bool ends_ascend(const HPDF_UINT16 *ends, unsigned count) {
    for (unsigned i = 1; i < count; i++)
        if (ends[i] < ends[i - 1])
            return false;
    return true;
}

static bool map_ascends(const HPDF_UINT16 *ends, unsigned count) {
    for (unsigned i = 0; i < known_map_count; i++)
        if (known_maps[i].ends == ends && known_maps[i].count == count)
            return known_maps[i].ascending;
    bool ascending = ends_ascend(ends, count);
    if (known_map_count < KNOWN_MAPS)
        known_maps[known_map_count++] = (KnownMap){ends, count, ascending};
    return ascending;
}

/* The first segment whose end is >= code, or count if none. */
static unsigned find_segment(const HPDF_UINT16 *ends, unsigned count, HPDF_UINT16 code) {
    unsigned i = 0;
    if (ends == last_ends && count == last_count && code > last_code) {
        i = last_segment;
        while (i < count && ends[i] < code)
            i++;
    } else if (map_ascends(ends, count)) {
        unsigned high = count;
        while (i < high) {
            unsigned middle = i + (high - i) / 2;
            if (ends[middle] < code)
                i = middle + 1;
            else
                high = middle;
        }
    } else {
        while (i < count && ends[i] < code)
            i++;
    }
    last_ends = ends;
    last_count = count;
    last_code = code;
    last_segment = i;
    return i;
}

/* The glyph of `unicode` in segment i, as libharu computes it. */
static inline HPDF_UINT16 glyph_in_segment(const HPDF_TTF_CmapRange *cmap, unsigned count, unsigned i,
                                           HPDF_UINT16 unicode) {
    if (cmap->start_count[i] > unicode)
        return 0;
    if (cmap->id_range_offset[i] == 0)
        return (HPDF_UINT16)(unicode + cmap->id_delta[i]);
    unsigned index = cmap->id_range_offset[i] / 2u + (unsigned)(unicode - cmap->start_count[i]) + i - count;
    if (index > cmap->glyph_id_array_count)
        return 0;
    return (HPDF_UINT16)(cmap->glyph_id_array[index] + cmap->id_delta[i]);
}

__attribute__((noinline)) static HPDF_UINT16 glyph_by_search(HPDF_FontDef fontdef, HPDF_UINT16 unicode) {
    HPDF_TTFontDefAttr attr = (HPDF_TTFontDefAttr)fontdef->attr;
    const HPDF_TTF_CmapRange *cmap = &attr->cmap;
    if (cmap->format == 0)
        return cmap->glyph_id_array[unicode & 0xFF];
    if (cmap->seg_count_x2 == 0) {
        HPDF_SetError(fontdef->error, HPDF_TTF_INVALID_CMAP, 0);
        return 0;
    }
    unsigned count = cmap->seg_count_x2 / 2u;
    unsigned i = find_segment(cmap->end_count, count, unicode);
    /* No segment ends at or after it: a map without the closing 0xFFFF
     * segment, which every font here has. libharu reads past its arrays
     * then; this says "no glyph". */
    if (i == count)
        return 0;
    return glyph_in_segment(cmap, count, i, unicode);
}

HPDF_UINT16 HPDF_TTFontDef_GetGlyphid(HPDF_FontDef fontdef, HPDF_UINT16 unicode) {
    /* The next code point of the same segment (most of a font's creation)
     * in a few instructions; everything else by glyph_by_search. */
    const HPDF_TTF_CmapRange *cmap = &((HPDF_TTFontDefAttr)fontdef->attr)->cmap;
    unsigned count = cmap->seg_count_x2 / 2u, i = last_segment;
    if (cmap->end_count == last_ends && cmap->format != 0 && count == last_count && unicode > last_code && i < count &&
        unicode <= cmap->end_count[i]) {
        last_code = unicode;
        return glyph_in_segment(cmap, count, i, unicode);
    }
    return glyph_by_search(fontdef, unicode);
}

/* ---- deflate --------------------------------------------------------------- */

int deflateInit_(z_streamp stream, int level, const char *version, int stream_size) {
    (void)level;
    return deflateInit2_(stream, PDF_DEFLATE_LEVEL, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY, version,
                         stream_size);
}
