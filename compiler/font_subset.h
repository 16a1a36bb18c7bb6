/* font_subset: a TrueType font cut down to the characters one PDF can
 * draw. libharu (2.3) embeds the glyph outlines it used but copies every
 * other table whole — glyph names, metrics and the character map of all
 * 6,000 DejaVu glyphs, about 55 KB compressed per font — and looks up
 * characters by a linear scan of that map. A font of a few hundred glyphs
 * makes the PDF a fraction of the size and the build several times faster.
 *
 * The original font is read once per build and only read after that, so
 * several threads may cut subsets from it at once. */
#ifndef REFERAT_FONT_SUBSET_H
#define REFERAT_FONT_SUBSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct FontFile FontFile;

/* NULL if the file cannot be read or is not a TrueType font with the
 * tables libharu needs and a Unicode (3,1) format 4 character map. */
FontFile *font_file_load(const char *path);
/* The same from bytes (malloc'ed; the font owns them, also on failure). */
FontFile *font_file_parse(unsigned char *data, size_t length);
void font_file_free(FontFile *font);
unsigned font_file_glyph_count(const FontFile *font);
/* A character's advance width in font units, or -1 if the font lacks it. */
int font_file_advance(const FontFile *font, uint32_t code_point);

/* A complete TrueType font holding .notdef, the glyphs of `code_points`
 * (sorted, unique; those the font lacks are left out) and the glyphs
 * their composites are built from. The bytes are malloc'ed. False if the
 * font's tables are inconsistent. */
bool font_subset(const FontFile *font, const uint32_t *code_points, size_t count, unsigned char **data,
                 size_t *length);

#endif
