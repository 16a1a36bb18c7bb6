/* site: the state one `referat build` shares between the build driver
 * (build.c), the HTML emitter (emit_html.c) and the incremental-build
 * manifest (manifest.c) — the output folder, the templates, the
 * presentation, the meetings as published, and the files the meeting being
 * built has written — and the few things all three do with it. */
#ifndef REFERAT_SITE_H
#define REFERAT_SITE_H

#include <stdbool.h>
#include <stdint.h>

#include "build_options.h"
#include "buffer.h"
#include "digest.h"
#include "emit_pdf.h"
#include "output.h"
#include "present.h"
#include "template.h"

/* What one meeting's build wrote, and the fingerprint of what it read. */
typedef struct {
    uint64_t fingerprint;
    uint64_t source_hash; /* of the meeting file's bytes: for the fingerprint and the inputs' record */
    bool reusable;        /* fingerprint valid and every path recordable */
    StringBuffer files; /* relative paths, one per line */
} MeetingBuild;

/* The previous build's record of a meeting (from OUT's marker file). */
typedef struct {
    const char *source; /* the meeting file's path in the project */
    uint64_t fingerprint;
    const char *files;  /* paths, one per line */
} ManifestEntry;

typedef struct HtmlIndex HtmlIndex; /* emit_html's, shared by the index pages */
typedef struct PageRecord PageRecord; /* manifest's: the index pages' fingerprints */

/* A meeting file's bytes, hashed once per build (manifest.c). */
typedef struct {
    const SourceFile *file;
    uint64_t hash;
} SourceHash;

typedef struct Site {
    Arena *arena;             /* per meeting or per page: freed after it */
    Diagnostics *diagnostics; /* the worker's own while meetings are built */
    const Project *project;
    BuildOptions options;
    Output *output;
    TemplateSet templates;
    const Presentation *presentation; /* labels, forms, and what is published */
    TemplateValue *labels;            /* the presentation's labels, for templates */
    TemplateValue *site;
    const Meeting **meetings; /* as published, by body, then date */
    size_t meeting_count;
    Digest inputs;           /* what every page reads: options, config, templates, fonts */
    uint64_t inputs_key;     /* what the site depends on besides files (build_inputs_key) */
    ManifestEntry *previous; /* sorted by source */
    size_t previous_count;
    ManifestEntry *previous_pages; /* index pages: source is the page's path; sorted */
    size_t previous_page_count;
    PageRecord *pages;             /* this build's index pages, for the next */
    SourceHash *source_hashes;     /* every published meeting's, sorted by file */
    MeetingBuild *current;   /* the meeting being built, whose files are recorded */
    StringBuffer *text;      /* a worker's buffer, reused by each meeting's JSON */
    HtmlIndex *index_pages;  /* html_index_begin's, while the index pages are built */
    const char *font_directory;
    FontFile *font_files[PDF_FONT_COUNT]; /* read once; each PDF embeds a subset */
} Site;


/* Every file of the site goes through here, so that a meeting's build
 * knows the files it made (for the manifest). */
void site_write(Site *site, const char *relative, const char *data, size_t length);

/* Attachments: a web address stays as it is; a file of the project is
 * copied to files/<its path in the project>. Paths were checked
 * (E-ATTACHMENT). */
bool site_is_web_address(Slice target);
/* An attachment's target, written relative to the meeting's file, as a
 * path relative to the project folder ("." and ".." resolved). */
const char *site_project_relative(Site *site, const Meeting *m, Slice target);
/* A file of the project, whole; false if it cannot be read. */
bool site_read_project_file(Site *site, const char *relative, StringBuffer *data);

#endif
