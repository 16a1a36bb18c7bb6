/* limits: every hard limit on what referat reads, in one place. Those on
 * the input are reported by a named diagnostic (E-LIMIT) when crossed; the
 * others say what referat does instead. README documents them. */
#ifndef REFERAT_LIMITS_H
#define REFERAT_LIMITS_H

enum {
    LIMIT_FILE_BYTES = 64 * 1024 * 1024,      /* one meeting file or referat.yaml */
    LIMIT_FRONT_MATTER_BYTES = 1024 * 1024,   /* the YAML between the --- lines */
    LIMIT_YAML_DEPTH = 32,                    /* nesting of YAML collections */
    LIMIT_CASES_PER_MEETING = 999,            /* case numbers have at most 3 digits */
    LIMIT_MEETING_FILES = 100000,             /* meeting files in one project */
    LIMIT_DIAGNOSTICS_PER_FILE = 200,         /* more are counted, not printed */
    LIMIT_DIRECTORY_DEPTH = 64,               /* folders below the project root */
    LIMIT_JOBS = 64,                          /* worker threads (-j) */
    LIMIT_FONT_BYTES = 64 * 1024 * 1024,      /* a TrueType file the PDF embeds a subset of */
    /* Block quotes and list items opened on one line (`> > - …`). Real
     * minutes nest a few levels; deeper nesting through indentation costs
     * a line per level and is bounded by LIMIT_FILE_BYTES. */
    LIMIT_MARKDOWN_NESTING = 256,
    /* A heading (a case's or a section's title) and the meeting's title:
     * they become one line of the PDF, its outline and the page header. */
    LIMIT_TITLE_BYTES = 2000,
    /* Cells in a line of a table: cmark-gfm's table extension takes time
     * quadratic in the columns (5,000 took 30 s). */
    LIMIT_TABLE_COLUMNS = 200,
    LIMIT_TEMPLATE_NESTING = 32,              /* sections and partials in a template */
    LIMIT_NAME_BYTES = 256,                   /* a person's name, as compared (names.c) */
    LIMIT_NAME_WORDS = 16,                    /* words of a name, as compared */
    LIMIT_FIELD_KEY_BYTES = 40,               /* a case field's key (`Saksbehandler:`) */
    LIMIT_SUGGEST_CODE_POINTS = 128,          /* the longest word did-you-mean compares */
    LIMIT_WORD_DIFF_CELLS = 4000000,          /* proposal × decision words; beyond, no word diff */
    LIMIT_MARKDOWN_IMAGE_OPENERS = 2000,      /* `![` in one text: beyond, it is shown as code */
    LIMIT_WATCH_DEPTH = 16,                   /* folders below the project that watch follows */
    LIMIT_SUGGESTIONS_PER_MEETING = 100,      /* names per meeting searched for a did-you-mean */
    LIMIT_JSON_DEPTH = 64,                    /* nesting of a JSON message (referat lsp) */
    LIMIT_LSP_MESSAGE_BYTES = 64 * 1024 * 1024, /* one language-server message */
};

#endif
