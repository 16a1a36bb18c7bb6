/* import: text extracted from an existing notice or minutes document (Word
 * or PDF, see README) → a meeting file in the minutes language. A front end
 * of its own: it recognises the real documents' headings, attendance lists,
 * case headings, fields, proposals and decisions, and reports every line it
 * did not place with certainty, so nothing is lost. */
#ifndef REFERAT_IMPORT_H
#define REFERAT_IMPORT_H

#include <stdbool.h>

#include "ast.h"
#include "referat.h"
#include "buffer.h"
#include "diag.h"

typedef struct {
    const char *body_id;     /* --body; else matched against the project or made from the name */
    const Project *project;  /* DIR's project, or NULL: bodies and rosters to match against */
    /* Word lists for OCR repair (NULL-terminated; NULL or a missing file:
     * repair against the roster and the importer's vocabulary only). */
    const char *const *word_lists;
    /* Where the document's own inconsistencies (its agenda against its
     * cases) are reported, at their lines in the input; NULL: the report only. */
    Diagnostics *diagnostics;
} ImportOptions;

typedef struct {
    StringBuffer meeting;    /* the meeting file */
    StringBuffer report;     /* what was read as structure, and what was placed without certainty */
    size_t uncertain;        /* entries in the report's uncertain part */
    const char *error;       /* set when no meeting was recognised */
} ImportResult;

void import_text(Arena *arena, const SourceFile *input, const ImportOptions *options, ImportResult *result);
void import_result_free(ImportResult *result);

/* `referat import`: the options of the command. */
typedef struct {
    const char *input;     /* FILE */
    const char *directory; /* DIR, or NULL */
    const char *out;       /* -o OUT.md, or NULL: stdout */
    const char *report;    /* --report FILE, or NULL: stderr */
    const char *body;      /* --body ID, or NULL */
    bool check;            /* --check */
    bool force;            /* --force: replace existing files (never referat.yaml) */
} ImportCommand;

/* Imports, writes (nothing at all if any target is refused), and checks
 * when asked. Returns the exit status. */
int import_command(const ImportCommand *command);

#endif
