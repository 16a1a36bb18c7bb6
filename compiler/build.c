/* build: `referat build`, the driver of the back end. It opens the output
 * folder, decides which emitters run (HTML pages and index site, PDF,
 * JSON — peers reading the same published meetings), shares the meetings
 * out to worker threads, keeps what the manifest says is unchanged, and
 * swaps the folder into place only when everything was written. */
#include "build.h"

#include <dirent.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "emit_html.h"
#include "emit_json.h"
#include "manifest.h"
#include "markdown.h"
#include "memory.h"
#include "project_index.h"
#include "site.h"
#include "trace.h"
#include "workers.h"

/* One meeting's files, from the emitters the options ask for, in a fixed
 * order (the manifest lists them as written): attachments, PDF, page,
 * JSON. */
static void emit_meeting(Site *site, const Meeting *m) {
    Arena *a = site->arena;
    const char *path = present_meeting_path(a, m);
    if (site->options.outputs & BUILD_HTML)
        html_copy_attachments(site, m);
    if (site->options.outputs & BUILD_PDF) {
        PdfOptions pdf_options = {site->presentation, site->font_directory, site->font_files,
                                  site->project->config_file};
        char *pdf = NULL;
        size_t pdf_length = 0;
        double began = trace_clock();
        if (emit_pdf_meeting(a, site->diagnostics, m, &pdf_options, &pdf, &pdf_length))
            site_write(site, arena_printf(a, "%s.pdf", path), pdf, pdf_length);
        else
            site->output->failed = true;
        free(pdf);
        trace_task("pdf", began);
    }
    if (site->options.outputs & BUILD_HTML)
        html_meeting_page(site, m);
    if (site->options.outputs & BUILD_JSON) {
        StringBuffer *json = site->text;
        json->length = 0;
        JsonWriter writer;
        json_init(&writer, json, site->options.pretty ? JSON_PRETTY : JSON_COMPACT);
        emit_json_meeting(&writer, m);
        site_write(site, arena_printf(a, "%s.json", path), json->data, json->length);
    }
}

static void build_meeting(Site *site, const Meeting *m, MeetingBuild *build) {
    build->reusable = true;
    manifest_fingerprint(site, m, build);
    site->current = build;
    if (!manifest_keep_previous(site, m, build)) {
        build->files.length = 0;
        emit_meeting(site, m);
    }
    site->current = NULL;
}


/* ---- the build --------------------------------------------------------- */

/* Meetings and the index pages (the first `index_tasks` items: the
 * largest come first) are shared out to `jobs` threads, each with a copy
 * of the Site whose arena is emptied after every item and whose
 * diagnostics are its worker's. Templates, labels and the AST are only
 * read. */
typedef struct {
    const Site *site;
    MeetingBuild *builds;
    size_t index_tasks;
    atomic_size_t done;
} MeetingsJob;

static void begin_meetings(Worker *worker, void *shared) {
    const MeetingsJob *job = shared;
    Site *site = arena_alloc(&worker->arena, sizeof *site);
    *site = *job->site;
    site->arena = &worker->scratch;
    site->diagnostics = &worker->diagnostics;
    site->text = &worker->text;
    worker->state = site;
}

static void build_one_meeting(Worker *worker, size_t index, void *shared) {
    MeetingsJob *job = shared;
    Site *site = worker->state;
    if (index < job->index_tasks) {
        html_index_task(site, index);
        return;
    }
    index -= job->index_tasks;
    double began = trace_clock();
    build_meeting(site, site->meetings[index], &job->builds[index]);
    trace_task("meetings", began);
    size_t done = atomic_fetch_add(&job->done, 1) + 1;
    if (site->options.progress)
        site->options.progress(done, site->meeting_count);
}

static void build_meetings(Site *site, MeetingBuild *builds, size_t index_tasks) {
    MeetingsJob meetings = {site, builds, index_tasks, 0};
    WorkerJob job = {begin_meetings, build_one_meeting, &meetings};
    workers_run(site->arena, site->diagnostics, site->options.jobs, index_tasks + site->meeting_count, &job);
}

/* The fonts' identity, for the fingerprint: a font update rebuilds PDFs. */
static void digest_fonts(Site *site) {
    digest_string(&site->inputs, site->font_directory);
    DIR *folder = opendir(site->font_directory);
    uint64_t combined = 0; /* order-independent: readdir has no order */
    struct dirent *entry;
    while (folder && (entry = readdir(folder)) != NULL) {
        char *path = arena_printf(site->arena, "%s/%s", site->font_directory, entry->d_name);
        struct stat info;
        if (stat(path, &info) != 0 || !S_ISREG(info.st_mode))
            continue;
        Digest one;
        digest_init(&one);
        digest_string(&one, entry->d_name);
        digest_number(&one, (uint64_t)info.st_size);
        digest_number(&one, (uint64_t)info.st_mtime);
        combined ^= one.state;
    }
    if (folder)
        closedir(folder);
    digest_number(&site->inputs, combined);
}

/* What every meeting's files read besides the meeting: the version, the
 * options, referat.yaml, the labels, the fonts (templates are added by
 * html_load_templates). */
/* The options that change what is written, as one number: both the
 * manifest's fingerprint and the no-op shortcut's key read it, so that an
 * option added here counts in both. */
static uint64_t options_shaping_output(BuildOptions options) {
    return (uint64_t)options.pretty * 16 + (uint64_t)options.internal * 8 + (uint64_t)options.outputs;
}

static void digest_inputs(Site *site, const Presentation *presentation) {
    digest_init(&site->inputs);
    digest_string(&site->inputs, REFERAT_VERSION);
    digest_number(&site->inputs, options_shaping_output(site->options));
    if (site->project->config_file)
        digest_field(&site->inputs, site->project->config_file->text, site->project->config_file->length);
    digest_field(&site->inputs, presentation->labels_file->text, presentation->labels_file->length);
    if (site->options.outputs & BUILD_PDF)
        digest_fonts(site);
}

/* OUT is replaced as a whole: it may not be the project, hold it, or lie in
 * its meetings/ — --force or not — or a build would delete the sources. */
bool build_output_allowed(Diagnostics *diagnostics, const Project *project, const char *out) {
    char *target = output_absolute_path(out), *root = output_absolute_path(project->root ? project->root : ".");
    bool allowed = true;
    if (!target || !root) {
        diag_report_io(diagnostics, DIAG_E_OUTPUT, (Span){0}, "cannot resolve '%s'", !target ? out : project->root);
        allowed = false;
    } else {
        size_t target_length = strlen(target), root_length = strlen(root);
        const char *why = NULL;
        if (strcmp(target, root) == 0)
            why = "is the project folder";
        else if (root_length > target_length && strncmp(root, target, target_length) == 0 &&
                 (root[target_length] == '/' || target_length == 1))
            why = "holds the project folder";
        else if (strncmp(target, root, root_length) == 0 && strncmp(target + root_length, "/meetings", 9) == 0 &&
                 (target[root_length + 9] == '/' || target[root_length + 9] == '\0'))
            why = "lies inside the project's meetings/ folder";
        for (size_t i = 0; !why && i < project->meeting_count; i++) {
            /* Any folder holding meeting files, wherever they are kept. */
            const char *path = project->meetings[i]->file->path;
            if (strncmp(target, root, root_length) == 0 && target[root_length] == '/' &&
                strncmp(path, target + root_length + 1, target_length - root_length - 1) == 0 &&
                path[target_length - root_length - 1] == '/')
                why = "holds meeting files";
        }
        if (why) {
            diag_report_io(diagnostics, DIAG_E_OUTPUT, (Span){0},
                           "'%s' %s; the site is written elsewhere (e.g. -o site)", out, why);
            allowed = false;
        }
    }
    free(target);
    free(root);
    return allowed;
}

/* What the site depends on besides the files manifest.c records: the
 * version and this very binary (its templates are built in), the forms
 * and edition asked for, where the fonts are, and which project it is. */
static uint64_t build_inputs_key(const char *root, BuildOptions options, const char *font_directory) {
    Digest key;
    digest_init(&key);
    digest_string(&key, REFERAT_VERSION);
    struct stat info;
    if (stat("/proc/self/exe", &info) != 0)
        return 0; /* no identity: never "unchanged" */
    digest_number(&key, (uint64_t)info.st_dev);
    digest_number(&key, (uint64_t)info.st_ino);
    digest_number(&key, (uint64_t)info.st_size);
    digest_number(&key, (uint64_t)info.st_mtim.tv_sec * 1000000000 + (uint64_t)info.st_mtim.tv_nsec);
    digest_number(&key, (uint64_t)info.st_ctim.tv_sec * 1000000000 + (uint64_t)info.st_ctim.tv_nsec);
    digest_number(&key, options_shaping_output(options));
    digest_string(&key, options.outputs & BUILD_PDF ? font_directory : "");
    char *real = realpath(root, NULL);
    digest_string(&key, real ? real : "");
    free(real);
    return key.state;
}

bool build_unchanged(const char *root, const char *out, BuildOptions options, size_t *meeting_count) {
    if (!options.outputs)
        options.outputs = BUILD_ALL;
    uint64_t key = build_inputs_key(root, options, build_font_directory());
    return !options.force && key && manifest_inputs_unchanged(root, out, key, meeting_count);
}

const char *build_font_directory(void) {
    const char *fonts = getenv("REFERAT_FONT_DIR");
    return fonts && *fonts ? fonts : "/usr/share/fonts/truetype/dejavu";
}

void build_fonts_load(Arena *arena, const char *directory, FontFile *files[PDF_FONT_COUNT]) {
    for (int style = 0; style < PDF_FONT_COUNT; style++)
        files[style] = font_file_load(arena_printf(arena, "%s/%s", directory, PDF_FONT_FILES[style]));
}

void build_fonts_free(FontFile *files[PDF_FONT_COUNT]) {
    for (int style = 0; style < PDF_FONT_COUNT; style++) {
        font_file_free(files[style]);
        files[style] = NULL;
    }
}

bool build_site(Arena *arena, Diagnostics *diagnostics, const Project *project, const char *out, BuildOptions options) {
    if (!options.outputs)
        options.outputs = BUILD_ALL;
    Site site;
    memset(&site, 0, sizeof site);
    site.arena = arena;
    site.diagnostics = diagnostics;
    site.project = project;
    site.options = options;
    Output output;
    site.output = &output;
    if (!build_output_allowed(diagnostics, project, out) || !output_open(&output, diagnostics, out, options.force))
        return false;
    trace_phase("open-output");
    site.font_directory = build_font_directory();
    markdown_prepare();
    Presentation presentation;
    if (!presentation_init(&presentation, arena, diagnostics, project,
                           options.internal ? PUBLICATION_INTERNAL : PUBLICATION_PUBLIC)) {
        output_abandon(&output);
        return false;
    }
    site.presentation = &presentation;
    digest_inputs(&site, &presentation);
    if ((options.outputs & BUILD_HTML) && !html_load_templates(&site)) {
        output_abandon(&output);
        return false;
    }
    if (options.outputs & BUILD_PDF)
        build_fonts_load(arena, site.font_directory, site.font_files);
    /* Every emitter reads the meetings as published. */
    site.meeting_count = project->index->meeting_count;
    site.meetings = arena_alloc_array(arena, site.meeting_count + 1, sizeof *site.meetings);
    for (size_t i = 0; i < site.meeting_count; i++)
        site.meetings[i] = present_meeting(&presentation, arena, project->index->meetings[i]);
    trace_phase("present");
    site.inputs_key = build_inputs_key(project->root, options, site.font_directory);
    if (!options.force) /* --force: everything is built again */
        manifest_read(&site, arena);
    trace_phase("manifest-read");

    MeetingBuild *builds = xcalloc(site.meeting_count + 1, sizeof *builds);
    manifest_begin(&site, builds);
    trace_phase("hash-sources");
    build_meetings(&site, builds, (options.outputs & BUILD_HTML) ? html_index_begin(&site) : 0);
    trace_phase("meetings-and-index-pages");
    html_index_end(&site);
    trace_phase("index-end");
    if (!diagnostics->error_count && !output.failed)
        manifest_write(&site, builds);
    trace_phase("manifest-write");
    for (size_t i = 0; i < site.meeting_count; i++)
        buffer_free(&builds[i].files);
    manifest_pages_free(&site);
    build_fonts_free(site.font_files);
    free(builds);
    if (diagnostics->error_count) {
        output_abandon(&output);
        return false;
    }
    bool committed = output_commit(&output);
    trace_phase("commit");
    return committed;
}
