/* session: the front end kept warm between compilations (see session.h).
 *
 * Each meeting file keeps its parse — its source text, AST and the
 * diagnostics lex and parse reported — in an arena of its own, with a stamp
 * of the text it was parsed from: for an editor's overlay the bytes
 * themselves (length and hash), for a file on disk what stat says (device,
 * inode, size, modification and change time). A check walks the project,
 * parses again only the files whose stamp differs, and runs every check
 * over all meetings: parsing is most of a compilation's cost and the
 * checks a small part (bench/ measures both), and the checks across
 * meetings (numbering, references, duplicates) need every meeting anyway.
 * Before they run, check_forget clears what the last run recorded on the
 * kept ASTs, which may point into a meeting that was parsed again.
 *
 * A stat stamp can lie: a file written twice within the file system's
 * timestamp granularity with the same size looks unchanged. As git does
 * with its index, a file whose modification time is not safely older than
 * the moment it was read is "racy" and is parsed again at the next check,
 * whatever its stamp says. referat.yaml is read by every meeting's parse
 * (bodies, rosters), so when its stamp changes everything is parsed again. */
#include "session.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "check.h"
#include "digest.h"
#include "limits.h"
#include "memory.h"
#include "project.h"
#include "workers.h"

typedef struct {
    bool exists, overlay, racy;
    uint64_t hash; /* overlay: FNV-1a of the text */
    size_t length;
    dev_t device;
    ino_t inode;
    off_t size;
    struct timespec modified, changed;
} Stamp;

typedef struct {
    char *path; /* relative to the root */
    Stamp stamp;
    Arena arena;
    Diagnostics diagnostics; /* lex and parse, in `arena` */
    Meeting *meeting;        /* NULL: unreadable, or no meeting could be parsed */
} SessionFile;

struct Session {
    char *root;
    Stamp config_stamp;
    bool config_read;
    Arena config_arena;
    Diagnostics config_diagnostics;
    Project config;
    bool config_loaded;
    SessionFile **files; /* in path order */
    size_t file_count;
    Compilation compilation;
    bool compiled;
    size_t parsed_last;
};

/* Timestamps this close to the moment of reading may be shared by a later
 * write (coarse file system clocks): such a file is read again next time. */
enum { SESSION_RACY_SECONDS = 2 };

static uint64_t text_hash(const char *text, size_t length) {
    Digest digest;
    digest_init(&digest);
    digest_bytes(&digest, text, length);
    return digest.state;
}

static Stamp stamp_of(const char *full_path, const struct timespec *now) {
    Stamp stamp;
    memset(&stamp, 0, sizeof stamp);
    const SourceOverlay *overlay = source_overlay_find(full_path);
    if (overlay) {
        stamp.exists = stamp.overlay = true;
        stamp.length = overlay->length;
        stamp.hash = text_hash(overlay->text, overlay->length);
        return stamp;
    }
    struct stat info;
    if (stat(full_path, &info) != 0)
        return stamp;
    stamp.exists = true;
    stamp.device = info.st_dev;
    stamp.inode = info.st_ino;
    stamp.size = info.st_size;
    stamp.modified = info.st_mtim;
    stamp.changed = info.st_ctim;
    stamp.racy = info.st_mtim.tv_sec + SESSION_RACY_SECONDS >= now->tv_sec;
    return stamp;
}

static bool same_time(struct timespec a, struct timespec b) {
    return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

/* Whether a file stamped `before` (when it was parsed) may be kept now. */
static bool stamp_unchanged(const Stamp *before, const Stamp *now) {
    if (!before->exists || !now->exists || before->racy || before->overlay != now->overlay)
        return false;
    if (now->overlay)
        return before->length == now->length && before->hash == now->hash;
    return before->device == now->device && before->inode == now->inode && before->size == now->size &&
           same_time(before->modified, now->modified) && same_time(before->changed, now->changed);
}

static void file_free(SessionFile *file) {
    if (!file)
        return;
    diag_dispose(&file->diagnostics);
    arena_free(&file->arena);
    free(file->path);
    free(file);
}

static void files_free(Session *session) {
    for (size_t i = 0; i < session->file_count; i++)
        file_free(session->files[i]);
    free(session->files);
    session->files = NULL;
    session->file_count = 0;
}

Session *session_new(const char *root) {
    Session *session = xcalloc(1, sizeof *session);
    session->root = xstrdup(root);
    return session;
}

void session_free(Session *session) {
    if (!session)
        return;
    if (session->compiled)
        compilation_free(&session->compilation);
    files_free(session);
    if (session->config_read) {
        diag_dispose(&session->config_diagnostics);
        arena_free(&session->config_arena);
    }
    free(session->root);
    free(session);
}

void session_last_counts(const Session *session, size_t *files, size_t *parsed) {
    *files = session->file_count;
    *parsed = session->parsed_last;
}

/* referat.yaml again when its stamp changed (then every file too). */
static void session_read_config(Session *session, const struct timespec *now) {
    size_t length = strlen(session->root) + sizeof "/referat.yaml";
    char *full = xmalloc(length);
    snprintf(full, length, "%s/referat.yaml", session->root);
    Stamp stamp = stamp_of(full, now);
    free(full);
    if (session->config_read && stamp_unchanged(&session->config_stamp, &stamp))
        return;
    files_free(session);
    if (session->config_read) {
        diag_dispose(&session->config_diagnostics);
        arena_free(&session->config_arena);
    }
    arena_init(&session->config_arena);
    diag_init(&session->config_diagnostics, &session->config_arena);
    session->config_loaded =
        project_load_config(&session->config_arena, &session->config_diagnostics, session->root, &session->config);
    session->config_stamp = stamp;
    session->config_read = true;
}

static int compare_path_strings(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The walk's meeting files and, merged in path order, the overlays of new
 * meeting files that are not on disk yet. */
static size_t session_meeting_paths(Session *session, Arena *arena, Diagnostics *diagnostics,
                                    const SourceOverlay *overlays, size_t overlay_count, char ***out) {
    char **walked;
    size_t count = project_list_meeting_files(arena, diagnostics, &session->config, &walked);
    size_t root_length = strlen(session->root);
    char **paths = arena_alloc_array(arena, count + overlay_count + 1, sizeof *paths);
    memcpy(paths, walked, count * sizeof *paths);
    size_t total = count;
    for (size_t i = 0; i < overlay_count; i++) {
        const char *full = overlays[i].path;
        if (strncmp(full, session->root, root_length) != 0 || full[root_length] != '/')
            continue;
        const char *relative = full + root_length + 1;
        if (!project_is_meeting_path(&session->config, relative) ||
            bsearch(&relative, walked, count, sizeof *walked, compare_path_strings))
            continue;
        if (total < LIMIT_MEETING_FILES)
            paths[total++] = arena_strdup(arena, relative);
    }
    if (total > count)
        qsort(paths, total, sizeof *paths, compare_path_strings);
    *out = paths;
    return total;
}

typedef struct {
    const Project *config;
    SessionFile **files;
} ParseJob;

static void parse_one(Worker *worker, size_t index, void *shared) {
    (void)worker;
    ParseJob *job = shared;
    SessionFile *file = job->files[index];
    arena_init(&file->arena);
    diag_init(&file->diagnostics, &file->arena);
    file->meeting = project_parse_file(&file->arena, &file->diagnostics, job->config, file->path);
}

static SessionFile *file_find(Session *session, const char *path) {
    size_t low = 0, high = session->file_count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        int order = strcmp(session->files[middle]->path, path);
        if (order == 0)
            return session->files[middle];
        if (order < 0)
            low = middle + 1;
        else
            high = middle;
    }
    return NULL;
}

Compilation *session_check(Session *session, const SourceOverlay *overlays, size_t overlay_count,
                                 unsigned jobs) {
    source_set_overlays(overlays, overlay_count);
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    if (session->compiled)
        compilation_free(&session->compilation);
    session->compiled = true;
    Compilation *c = &session->compilation;
    memset(c, 0, sizeof *c);
    arena_init(&c->arena);
    diag_init(&c->diagnostics, &c->arena);
    session_read_config(session, &now);
    diag_include(&c->diagnostics, &session->config_diagnostics);
    session->parsed_last = 0;
    if (!session->config_loaded) {
        files_free(session);
        source_set_overlays(NULL, 0);
        return c;
    }

    char **paths;
    size_t count = session_meeting_paths(session, &c->arena, &c->diagnostics, overlays, overlay_count, &paths);
    SessionFile **files = xcalloc(count + 1, sizeof *files);
    SessionFile **to_parse = xcalloc(count + 1, sizeof *to_parse);
    size_t parse_count = 0;
    for (size_t i = 0; i < count; i++) {
        char *full = arena_printf(&c->arena, "%s/%s", session->root, paths[i]);
        Stamp stamp = stamp_of(full, &now);
        SessionFile *kept = file_find(session, paths[i]);
        if (kept && stamp_unchanged(&kept->stamp, &stamp)) {
            files[i] = kept;
            continue;
        }
        SessionFile *fresh = xcalloc(1, sizeof *fresh);
        fresh->path = xstrdup(paths[i]);
        fresh->stamp = stamp;
        files[i] = to_parse[parse_count++] = fresh;
    }
    /* The files not kept: deleted, renamed, or parsed again just now. */
    for (size_t i = 0, k = 0; i < session->file_count; i++) {
        SessionFile *old = session->files[i];
        while (k < count && strcmp(paths[k], old->path) < 0)
            k++;
        if (!(k < count && files[k] == old))
            file_free(old);
    }
    free(session->files);
    session->files = files;
    session->file_count = count;
    session->parsed_last = parse_count;

    ParseJob parse = {&session->config, to_parse};
    WorkerJob job = {NULL, parse_one, &parse};
    workers_run(&c->arena, &c->diagnostics, jobs, parse_count, &job);
    free(to_parse);

    c->project = session->config;
    c->project.meetings = arena_alloc_array(&c->arena, count + 1, sizeof *c->project.meetings);
    c->project.meeting_count = 0;
    for (size_t i = 0; i < count; i++) {
        diag_include(&c->diagnostics, &files[i]->diagnostics);
        if (files[i]->meeting)
            c->project.meetings[c->project.meeting_count++] = files[i]->meeting;
    }
    c->loaded = true;
    check_forget(&c->project);
    check_project(&c->arena, &c->diagnostics, &c->project, jobs);
    source_set_overlays(NULL, 0);
    return c;
}
