/* import_layout: the import's reading of attendance lists, whatever their
 * layout (a stage of the import front end, between reading lines and
 * placing people). Owns the attendance section headings (nb, nn, with OCR
 * variants) and the pairing of names with roles: one person a line
 * (tab, spaces, comma or a single space), names and roles on alternate
 * lines, or a block of names followed by a block of roles. */
#ifndef REFERAT_IMPORT_LAYOUT_H
#define REFERAT_IMPORT_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "import_ocr.h"
#include "text.h"

typedef enum {
    IMPORT_GROUP_PRESENT,
    IMPORT_GROUP_ADVISORY,
    IMPORT_GROUP_SECRETARIAT,
    IMPORT_GROUP_OBSERVERS,
    IMPORT_GROUP_GUESTS,
    IMPORT_GROUP_ABSENT,
    IMPORT_GROUP_COUNT
} ImportGroup;

/* The group a section heading opens ("Medlemmer med møte- og talerett",
 * "Deltaker pa sak:", "Forfall"), or -1. Slips of å, ø and æ are folded
 * before comparing. */
int import_layout_heading(Slice line);

/* A heading with its people on the same line ("Forfall: Trine Olsen, Siv
 * Johansen", "Fra sekretariatet: Marit Strøm (referent)"): the group, and
 * in *rest what follows the colon; -1 when the line is not one. */
int import_layout_heading_inline(Slice line, Slice *rest);

/* The people of a heading's own line: a list of names separated by commas
 * or "og" ("Trine Olsen, Siv Johansen og Per Lie"), each a part in
 * parts[]; or, when a part is more than a name (a role, a place), the whole
 * text as one part, read as a line of the section. Returns the count. */
size_t import_layout_inline_people(Slice text, Slice *parts, size_t capacity);

/* A line of a case-type legend ("Sakstyper: B=beslutningssak, …"): it
 * belongs to no one. */
bool import_layout_legend(Slice line);

typedef struct {
    Slice text;    /* as read (OCR-repaired), untrimmed: indentation tells columns apart */
    uint32_t line; /* in the input */
} ImportLayoutLine;

typedef struct {
    char *name, *role; /* role NULL when none was found */
    uint32_t line;     /* of the name */
    const char *doubt; /* why the pairing is uncertain, or NULL */
} ImportLayoutEntry;

/* The people of one section's lines, in order. Blank and ruled lines and
 * list bullets are dropped. Returns the number of entries in *entries. */
size_t import_layout_people(Arena *arena, const ImportLexicon *lexicon, const ImportLayoutLine *lines, size_t count,
                            ImportLayoutEntry **entries);

/* Which lines of `input` (indexed 1..line_count) are page furniture a PDF's
 * text carries into the middle of the document: page numbers ("Side 2 av
 * 6") and a running header or footer, the same line next to two or more
 * page boundaries (form feeds, page numbers). The document's title before
 * the first boundary is never furniture. */
bool *import_layout_page_furniture(Arena *arena, const SourceFile *input);

#endif
