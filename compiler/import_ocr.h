/* import_ocr: the import's repair of OCR slips (a stage before the import
 * reads a line). A word is repaired only where the repaired word is known
 * — in the roster, the importer's own vocabulary, or a Norwegian word list
 * when one is installed — and every repair is reported by the caller. */
#ifndef REFERAT_IMPORT_OCR_H
#define REFERAT_IMPORT_OCR_H

#include <stdbool.h>

#include "arena.h"
#include "text.h"

typedef struct ImportLexicon ImportLexicon;

/* A lexicon holding the importer's vocabulary (the words of minutes
 * documents that slips damage most: møte, på, direktør, …). */
ImportLexicon *import_lexicon_new(Arena *arena);
/* Every word of the text (a roster name, a body's name); the text must
 * outlive the lexicon. */
void import_lexicon_add_words(ImportLexicon *lexicon, Slice text);
/* A word list, one word a line, UTF-8 or ISO-8859-1 (as Debian's
 * wnorwegian ships). Returns false, and changes nothing, if it cannot be
 * read: the import then repairs against the roster and vocabulary only. */
bool import_lexicon_load(ImportLexicon *lexicon, const char *path);
/* Known as it stands or as a compound of two known words (with an
 * optional s or e between), case ignored. */
bool import_lexicon_knows(const ImportLexicon *lexicon, Slice word);
/* Known as a common (lower-case) word, not only as a name. */
bool import_lexicon_common(const ImportLexicon *lexicon, Slice word);
size_t import_lexicon_size(const ImportLexicon *lexicon);

/* Counts the words of the document being imported: where a slip makes
 * one known word of another (får read as far), the document's own usage
 * decides. */
void import_lexicon_count_document(ImportLexicon *lexicon, Slice text);

/* Called once per repaired word: the word as read and as repaired; with
 * certain false, the word was left as read (it is a word too) but may be
 * the other, in a document that shows OCR damage ("far" / "får"). */
typedef void (*ImportRepairReport)(void *context, Slice original, Slice repaired, bool certain);

/* The line with its slips repaired (the line itself when nothing was). */
Slice import_ocr_repair(Arena *arena, const ImportLexicon *lexicon, Slice line, ImportRepairReport report,
                        void *context);

#endif
