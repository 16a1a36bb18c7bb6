/* font_subset: reads a TrueType font's table directory, character map,
 * glyph locations and metrics once; cuts subsets from them. The tables
 * libharu requires (hpdf_fontdef_tt.c: OS/2 cmap cvt fpgm glyf head hhea
 * hmtx loca maxp name post prep) are all written; glyph numbers are
 * renumbered densely, composites included and their references rewritten.
 * Every read is bounds-checked: a damaged font gives false, never a crash. */
#include "font_subset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "limits.h"
#include "memory.h"

enum { FONT_MAX_TABLES = 64, FONT_SUBSET_MAX_GLYPHS = 65535 };

typedef struct {
    char tag[5];
    size_t offset, length;
} FontTable;

struct FontFile {
    unsigned char *data;
    size_t length;
    FontTable tables[FONT_MAX_TABLES];
    size_t table_count;
    unsigned glyph_count, metric_count;
    bool long_locations;
    size_t cmap_offset; /* the (3,1) format 4 subtable */
};

static const char *const REQUIRED_TABLES[] = {"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea",
                                              "hmtx", "loca", "maxp", "name", "post", "prep"};
enum { REQUIRED_TABLE_COUNT = sizeof REQUIRED_TABLES / sizeof REQUIRED_TABLES[0] };

static unsigned read16(const unsigned char *p) {
    return (unsigned)p[0] << 8 | p[1];
}

static uint32_t read32(const unsigned char *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void write16(unsigned char *p, unsigned value) {
    p[0] = (unsigned char)(value >> 8);
    p[1] = (unsigned char)value;
}

static void write32(unsigned char *p, uint32_t value) {
    p[0] = (unsigned char)(value >> 24);
    p[1] = (unsigned char)(value >> 16);
    p[2] = (unsigned char)(value >> 8);
    p[3] = (unsigned char)value;
}

static const FontTable *find_table(const FontFile *font, const char *tag) {
    for (size_t i = 0; i < font->table_count; i++)
        if (memcmp(font->tables[i].tag, tag, 4) == 0)
            return &font->tables[i];
    return NULL;
}

static bool read_file(const char *path, unsigned char **data, size_t *length) {
    StringBuffer buffer = {0};
    if (buffer_read_file(&buffer, path, LIMIT_FONT_BYTES) != 0 || !buffer.length) {
        buffer_free(&buffer);
        return false;
    }
    *data = (unsigned char *)buffer.data;
    *length = buffer.length;
    return true;
}

/* The (3,1) format 4 subtable, checked to lie inside the font. */
static bool find_unicode_map(FontFile *font) {
    const FontTable *cmap = find_table(font, "cmap");
    if (cmap->length < 4)
        return false;
    const unsigned char *base = font->data + cmap->offset;
    unsigned count = read16(base + 2);
    if (4 + (size_t)count * 8 > cmap->length)
        return false;
    for (unsigned i = 0; i < count; i++) {
        const unsigned char *record = base + 4 + i * 8;
        size_t offset = read32(record + 4);
        if (read16(record) != 3 || read16(record + 2) != 1 || offset + 14 > cmap->length)
            continue;
        const unsigned char *subtable = base + offset;
        size_t length = read16(subtable + 2);
        unsigned segments = read16(subtable + 6) / 2;
        if (read16(subtable) != 4 || offset + length > cmap->length || 16 + (size_t)segments * 8 > length)
            continue;
        font->cmap_offset = cmap->offset + offset;
        return true;
    }
    return false;
}

FontFile *font_file_load(const char *path) {
    unsigned char *data;
    size_t length;
    if (!read_file(path, &data, &length))
        return NULL;
    return font_file_parse(data, length);
}

FontFile *font_file_parse(unsigned char *data, size_t length) {
    FontFile *font = xcalloc(1, sizeof *font);
    font->data = data;
    font->length = length;
    if (font->length < 12)
        goto fail;
    unsigned count = read16(font->data + 4);
    if (count > FONT_MAX_TABLES || 12 + (size_t)count * 16 > font->length)
        goto fail;
    for (unsigned i = 0; i < count; i++) {
        const unsigned char *record = font->data + 12 + i * 16;
        FontTable *table = &font->tables[font->table_count++];
        memcpy(table->tag, record, 4);
        table->offset = read32(record + 8);
        table->length = read32(record + 12);
        if (table->offset > font->length || table->length > font->length - table->offset)
            goto fail;
    }
    for (size_t i = 0; i < REQUIRED_TABLE_COUNT; i++)
        if (!find_table(font, REQUIRED_TABLES[i]))
            goto fail;
    const FontTable *head = find_table(font, "head"), *maxp = find_table(font, "maxp"),
                    *hhea = find_table(font, "hhea"), *hmtx = find_table(font, "hmtx"),
                    *loca = find_table(font, "loca"), *post = find_table(font, "post");
    if (head->length < 54 || maxp->length < 6 || hhea->length < 36 || post->length < 32)
        goto fail;
    font->long_locations = read16(font->data + head->offset + 50) == 1;
    font->glyph_count = read16(font->data + maxp->offset + 4);
    font->metric_count = read16(font->data + hhea->offset + 34);
    if (font->glyph_count == 0 || font->metric_count == 0 || font->metric_count > font->glyph_count ||
        hmtx->length < (size_t)font->metric_count * 4 + (size_t)(font->glyph_count - font->metric_count) * 2 ||
        loca->length < (size_t)(font->glyph_count + 1) * (font->long_locations ? 4 : 2))
        goto fail;
    if (!find_unicode_map(font))
        goto fail;
    return font;
fail:
    font_file_free(font);
    return NULL;
}

void font_file_free(FontFile *font) {
    if (!font)
        return;
    free(font->data);
    free(font);
}

unsigned font_file_glyph_count(const FontFile *font) {
    return font->glyph_count;
}

static unsigned glyph_of(const FontFile *font, uint32_t code_point) {
    if (code_point > 0xFFFF)
        return 0;
    const unsigned char *subtable = font->data + font->cmap_offset;
    size_t length = read16(subtable + 2);
    unsigned segments = read16(subtable + 6) / 2;
    const unsigned char *ends = subtable + 14, *starts = ends + segments * 2 + 2, *deltas = starts + segments * 2,
                        *range_offsets = deltas + segments * 2;
    for (unsigned i = 0; i < segments; i++) {
        if (code_point > read16(ends + i * 2))
            continue;
        unsigned start = read16(starts + i * 2);
        if (code_point < start)
            return 0;
        unsigned delta = read16(deltas + i * 2), range_offset = read16(range_offsets + i * 2);
        if (range_offset == 0)
            return (code_point + delta) & 0xFFFF;
        /* idRangeOffset counts from its own place in the table. */
        size_t at = (size_t)(range_offsets + i * 2 - subtable) + range_offset + (code_point - start) * 2;
        if (at + 2 > length)
            return 0;
        unsigned glyph = read16(subtable + at);
        return glyph ? (glyph + delta) & 0xFFFF : 0;
    }
    return 0;
}

static unsigned advance_of(const FontFile *font, unsigned glyph) {
    const unsigned char *metrics = font->data + find_table(font, "hmtx")->offset;
    return read16(metrics + (glyph < font->metric_count ? glyph : font->metric_count - 1) * 4);
}

int font_file_advance(const FontFile *font, uint32_t code_point) {
    unsigned glyph = glyph_of(font, code_point);
    return glyph && glyph < font->glyph_count ? (int)advance_of(font, glyph) : -1;
}

/* The bytes of a glyph's outline (empty for a blank glyph). */
static bool glyph_bytes(const FontFile *font, unsigned glyph, size_t *offset, size_t *length) {
    const FontTable *loca = find_table(font, "loca"), *glyf = find_table(font, "glyf");
    const unsigned char *p = font->data + loca->offset;
    size_t start, end;
    if (font->long_locations) {
        start = read32(p + glyph * 4);
        end = read32(p + glyph * 4 + 4);
    } else {
        start = (size_t)read16(p + glyph * 2) * 2;
        end = (size_t)read16(p + glyph * 2 + 2) * 2;
    }
    if (end < start || end > glyf->length)
        return false;
    *offset = glyf->offset + start;
    *length = end - start;
    return true;
}

enum {
    COMPONENT_ARGS_ARE_WORDS = 0x0001,
    COMPONENT_HAS_SCALE = 0x0008,
    COMPONENT_MORE = 0x0020,
    COMPONENT_HAS_XY_SCALE = 0x0040,
    COMPONENT_HAS_2X2 = 0x0080,
};

/* Calls back with the place of every component glyph number of a
 * composite glyph's bytes; false if they run past the glyph. */
typedef void ComponentVisitor(unsigned char *place, unsigned glyph, void *context);

static bool visit_components(unsigned char *bytes, size_t length, ComponentVisitor *visit, void *context) {
    if (length < 10 || (int16_t)read16(bytes) >= 0)
        return true; /* simple or empty */
    size_t at = 10;
    for (;;) {
        if (at + 4 > length)
            return false;
        unsigned flags = read16(bytes + at);
        visit(bytes + at + 2, read16(bytes + at + 2), context);
        at += 4 + ((flags & COMPONENT_ARGS_ARE_WORDS) ? 4 : 2);
        if (flags & COMPONENT_HAS_SCALE)
            at += 2;
        else if (flags & COMPONENT_HAS_XY_SCALE)
            at += 4;
        else if (flags & COMPONENT_HAS_2X2)
            at += 8;
        if (!(flags & COMPONENT_MORE))
            return at <= length;
    }
}

typedef struct {
    const FontFile *font;
    uint16_t *new_number; /* by old number; 0xFFFF: not kept */
    unsigned *kept;       /* old numbers, in the order found */
    unsigned kept_count;
    bool broken;
} GlyphSet;

static void keep_glyph(GlyphSet *set, unsigned glyph) {
    if (glyph >= set->font->glyph_count) {
        set->broken = true;
        return;
    }
    if (set->new_number[glyph] != 0xFFFF)
        return;
    set->new_number[glyph] = 0; /* numbered once all are known */
    set->kept[set->kept_count++] = glyph;
}

static void keep_component(unsigned char *place, unsigned glyph, void *context) {
    (void)place;
    keep_glyph(context, glyph);
}

static void renumber_component(unsigned char *place, unsigned glyph, void *context) {
    const GlyphSet *set = context;
    write16(place, glyph < set->font->glyph_count ? set->new_number[glyph] : 0);
}

static int compare_unsigned(const void *left, const void *right) {
    unsigned a = *(const unsigned *)left, b = *(const unsigned *)right;
    return a < b ? -1 : a > b;
}

/* The sum of the big-endian words, the last padded with zeros: whole
 * words read straight, the tail through a copy (a subset is checksummed
 * table by table and then whole, every PDF). */
static uint32_t table_checksum(const unsigned char *data, size_t length) {
    uint32_t sum = 0;
    size_t whole = length & ~(size_t)3;
    for (size_t i = 0; i < whole; i += 4)
        sum += read32(data + i);
    if (whole < length) {
        unsigned char word[4] = {0, 0, 0, 0};
        memcpy(word, data + whole, length - whole);
        sum += read32(word);
    }
    return sum;
}

typedef struct {
    char tag[5];
    unsigned char *data;
    size_t length;
    bool owned;
} OutputTable;

/* A format 4 map of the kept characters: one segment per run of
 * consecutive characters whose glyphs are consecutive too. */
static unsigned char *build_cmap(const uint32_t *code_points, const uint16_t *glyphs, size_t count, size_t *length) {
    size_t segments = 0;
    for (size_t i = 0; i < count; i++)
        if (i == 0 || code_points[i] != code_points[i - 1] + 1 || glyphs[i] != glyphs[i - 1] + 1)
            segments++;
    segments++; /* the closing 0xFFFF segment */
    size_t subtable_length = 16 + segments * 8;
    *length = 12 + subtable_length;
    unsigned char *out = xcalloc(1, *length);
    write16(out, 0);
    write16(out + 2, 1);
    write16(out + 4, 3);
    write16(out + 6, 1);
    write32(out + 8, 12);
    unsigned char *table = out + 12;
    write16(table, 4);
    write16(table + 2, (unsigned)subtable_length);
    write16(table + 6, (unsigned)segments * 2);
    unsigned search_range = 2, selector = 0;
    while (search_range * 2 <= segments * 2) {
        search_range *= 2;
        selector++;
    }
    write16(table + 8, search_range);
    write16(table + 10, selector);
    write16(table + 12, (unsigned)(segments * 2 - search_range));
    unsigned char *ends = table + 14, *starts = ends + segments * 2 + 2, *deltas = starts + segments * 2;
    size_t segment = 0;
    for (size_t i = 0; i < count;) {
        size_t j = i + 1;
        while (j < count && code_points[j] == code_points[j - 1] + 1 && glyphs[j] == glyphs[j - 1] + 1)
            j++;
        write16(starts + segment * 2, code_points[i]);
        write16(ends + segment * 2, code_points[j - 1]);
        write16(deltas + segment * 2, (glyphs[i] - code_points[i]) & 0xFFFF);
        segment++;
        i = j;
    }
    write16(starts + segment * 2, 0xFFFF);
    write16(ends + segment * 2, 0xFFFF);
    write16(deltas + segment * 2, 1);
    return out;
}

/* The name table with only the family, style, unique, full and PostScript
 * names (nameIDs 1-4, 6): libharu takes the font's name from it; the
 * copyright and licence texts are most of DejaVu's 15 KB. NULL if the
 * table is not the expected format 0. */
static unsigned char *build_name(const FontFile *font, size_t *length) {
    const FontTable *name = find_table(font, "name");
    const unsigned char *base = font->data + name->offset;
    if (name->length < 6 || read16(base) != 0)
        return NULL;
    unsigned count = read16(base + 2), strings = read16(base + 4);
    if (6 + (size_t)count * 12 > name->length || strings > name->length)
        return NULL;
    unsigned char *out = xcalloc(1, name->length);
    unsigned kept = 0;
    size_t string_length = 0;
    for (unsigned pass = 0; pass < 2; pass++) {
        /* Pass 0 counts the records, pass 1 writes them after the directory. */
        size_t string_start = 6 + (size_t)kept * 12;
        unsigned written = 0;
        string_length = 0;
        for (unsigned i = 0; i < count; i++) {
            const unsigned char *record = base + 6 + i * 12;
            unsigned id = read16(record + 6), record_length = read16(record + 8), offset = read16(record + 10);
            if (id > 6 || id == 0 || id == 5 || (size_t)strings + offset + record_length > name->length)
                continue;
            if (pass == 1) {
                unsigned char *copy = out + 6 + written * 12;
                memcpy(copy, record, 12);
                write16(copy + 10, (unsigned)string_length);
                memcpy(out + string_start + string_length, base + strings + offset, record_length);
            }
            written++;
            string_length += record_length;
        }
        if (pass == 0)
            kept = written;
        else {
            write16(out + 2, kept);
            write16(out + 4, (unsigned)string_start);
            *length = string_start + string_length;
        }
    }
    return out;
}

bool font_subset(const FontFile *font, const uint32_t *code_points, size_t count, unsigned char **data,
                 size_t *length) {
    GlyphSet set = {font, xmalloc(font->glyph_count * sizeof(uint16_t)), xmalloc(font->glyph_count * sizeof(unsigned)),
                    0, false};
    uint32_t *mapped_points = xmalloc((count + 1) * sizeof *mapped_points);
    unsigned *mapped_glyphs = xmalloc((count + 1) * sizeof *mapped_glyphs);
    memset(set.new_number, 0xFF, font->glyph_count * sizeof(uint16_t));
    keep_glyph(&set, 0);
    size_t mapped = 0;
    for (size_t i = 0; i < count; i++) {
        unsigned glyph = glyph_of(font, code_points[i]);
        if (!glyph || glyph >= font->glyph_count)
            continue;
        mapped_points[mapped] = code_points[i];
        mapped_glyphs[mapped++] = glyph;
        keep_glyph(&set, glyph);
    }
    /* Composites name their parts: keep those too (the list grows as we go). */
    for (unsigned i = 0; i < set.kept_count && !set.broken; i++) {
        size_t offset, glyph_length;
        if (!glyph_bytes(font, set.kept[i], &offset, &glyph_length) ||
            !visit_components(font->data + offset, glyph_length, keep_component, &set))
            set.broken = true;
    }
    qsort(set.kept, set.kept_count, sizeof *set.kept, compare_unsigned);
    for (unsigned i = 0; i < set.kept_count; i++)
        set.new_number[set.kept[i]] = (uint16_t)i;
    unsigned glyphs = set.kept_count;

    /* glyf and loca (long offsets). */
    size_t glyf_capacity = 0;
    for (unsigned i = 0; i < glyphs && !set.broken; i++) {
        size_t offset, glyph_length;
        if (!glyph_bytes(font, set.kept[i], &offset, &glyph_length))
            set.broken = true;
        else
            glyf_capacity += (glyph_length + 3) & ~(size_t)3;
    }
    unsigned char *glyf = xcalloc(1, glyf_capacity + 4), *loca = xcalloc(glyphs + 1, 4);
    unsigned char *hmtx = xcalloc(glyphs, 4);
    size_t glyf_length = 0;
    const unsigned char *old_metrics = font->data + find_table(font, "hmtx")->offset;
    for (unsigned i = 0; i < glyphs && !set.broken; i++) {
        unsigned old = set.kept[i];
        size_t offset, glyph_length;
        glyph_bytes(font, old, &offset, &glyph_length);
        write32(loca + i * 4, (uint32_t)glyf_length);
        memcpy(glyf + glyf_length, font->data + offset, glyph_length);
        if (!visit_components(glyf + glyf_length, glyph_length, renumber_component, &set))
            set.broken = true;
        glyf_length += (glyph_length + 3) & ~(size_t)3;
        unsigned advance = advance_of(font, old);
        unsigned bearing = old < font->metric_count
                               ? read16(old_metrics + old * 4 + 2)
                               : read16(old_metrics + font->metric_count * 4 + (old - font->metric_count) * 2);
        write16(hmtx + i * 4, advance);
        write16(hmtx + i * 4 + 2, bearing);
    }
    write32(loca + glyphs * 4, (uint32_t)glyf_length);

    uint16_t *new_glyphs = xmalloc((mapped + 1) * sizeof *new_glyphs);
    for (size_t i = 0; i < mapped; i++)
        new_glyphs[i] = set.new_number[mapped_glyphs[i]];
    size_t cmap_length;
    unsigned char *cmap = build_cmap(mapped_points, new_glyphs, mapped, &cmap_length);
    if (cmap_length > 12 + 65535)
        set.broken = true; /* a format 4 table's length is 16 bits */

    OutputTable tables[REQUIRED_TABLE_COUNT];
    for (size_t i = 0; i < REQUIRED_TABLE_COUNT; i++) {
        const FontTable *original = find_table(font, REQUIRED_TABLES[i]);
        memcpy(tables[i].tag, REQUIRED_TABLES[i], 5);
        tables[i].data = font->data + original->offset;
        tables[i].length = original->length;
        tables[i].owned = false;
    }
    for (size_t i = 0; i < REQUIRED_TABLE_COUNT; i++) {
        OutputTable *table = &tables[i];
        const char *tag = table->tag;
        unsigned char *copy = NULL;
        if (strcmp(tag, "post") == 0 || strcmp(tag, "head") == 0 || strcmp(tag, "hhea") == 0 ||
            strcmp(tag, "maxp") == 0) {
            copy = xmalloc(table->length);
            memcpy(copy, table->data, table->length);
            table->data = copy;
            table->owned = true;
        }
        if (strcmp(tag, "glyf") == 0) {
            table->data = glyf;
            table->length = glyf_length;
        } else if (strcmp(tag, "loca") == 0) {
            table->data = loca;
            table->length = (size_t)(glyphs + 1) * 4;
        } else if (strcmp(tag, "hmtx") == 0) {
            table->data = hmtx;
            table->length = (size_t)glyphs * 4;
        } else if (strcmp(tag, "cmap") == 0) {
            table->data = cmap;
            table->length = cmap_length;
        } else if (strcmp(tag, "name") == 0) {
            size_t name_length = 0;
            unsigned char *names = build_name(font, &name_length);
            if (names) {
                table->data = names;
                table->length = name_length;
                table->owned = true;
            }
        } else if (strcmp(tag, "post") == 0) {
            /* Version 3: no glyph names (61 KB in DejaVu Sans). */
            write32(copy, 0x00030000);
            table->length = 32;
        } else if (strcmp(tag, "head") == 0) {
            write32(copy + 8, 0);  /* checkSumAdjustment, set below */
            write16(copy + 50, 1); /* long loca offsets */
        } else if (strcmp(tag, "hhea") == 0) {
            write16(copy + 34, glyphs);
        } else if (strcmp(tag, "maxp") == 0) {
            write16(copy + 4, glyphs);
        }
    }

    size_t total = 12 + REQUIRED_TABLE_COUNT * 16;
    for (size_t i = 0; i < REQUIRED_TABLE_COUNT; i++)
        total += (tables[i].length + 3) & ~(size_t)3;
    unsigned char *out = xcalloc(1, total);
    write32(out, 0x00010000);
    write16(out + 4, REQUIRED_TABLE_COUNT);
    unsigned search_range = 1, selector = 0;
    while (search_range * 2 <= REQUIRED_TABLE_COUNT) {
        search_range *= 2;
        selector++;
    }
    write16(out + 6, search_range * 16);
    write16(out + 8, selector);
    write16(out + 10, REQUIRED_TABLE_COUNT * 16 - search_range * 16);
    size_t at = 12 + REQUIRED_TABLE_COUNT * 16, head_at = 0;
    /* REQUIRED_TABLES is in tag order, as the directory must be. */
    for (size_t i = 0; i < REQUIRED_TABLE_COUNT; i++) {
        unsigned char *record = out + 12 + i * 16;
        memcpy(record, tables[i].tag, 4);
        write32(record + 4, table_checksum(tables[i].data, tables[i].length));
        write32(record + 8, (uint32_t)at);
        write32(record + 12, (uint32_t)tables[i].length);
        if (tables[i].length)
            memcpy(out + at, tables[i].data, tables[i].length);
        if (strcmp(tables[i].tag, "head") == 0)
            head_at = at;
        at += (tables[i].length + 3) & ~(size_t)3;
    }
    write32(out + head_at + 8, 0xB1B0AFBAu - table_checksum(out, total));

    for (size_t i = 0; i < REQUIRED_TABLE_COUNT; i++)
        if (tables[i].owned)
            free(tables[i].data);
    free(glyf);
    free(loca);
    free(hmtx);
    free(cmap);
    free(new_glyphs);
    free(set.new_number);
    free(set.kept);
    free(mapped_points);
    free(mapped_glyphs);
    if (set.broken || glyphs > FONT_SUBSET_MAX_GLYPHS) {
        free(out);
        return false;
    }
    *data = out;
    *length = total;
    return true;
}
