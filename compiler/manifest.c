/* manifest: what makes builds incremental. OUT's marker file records, per
 * meeting, the fingerprint of everything its files were made from and the
 * files themselves; a meeting whose fingerprint is unchanged keeps the
 * previous build's files (linked, not rewritten). Anything unexpected in
 * the record means no reuse: a full build is always correct. */
#include "manifest.h"

#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "limits.h"
#include "memory.h"
#include "project.h"
#include "workers.h"

/* Beside the marker, the record of the inputs (below): not part of the
 * marker, which is the same for the same site, while this holds the stat
 * data of the machine's files. */
#define MANIFEST_INPUTS ".referat-inputs"

/* A meeting's page, JSON and PDF read its own file, the inputs every page
 * reads, where the cases it refers to are (another meeting's date or file
 * may change), the cases that follow its cases up and where their history
 * starts, and the attachments it copies. Nothing else: that is what lets a
 * build reuse the previous build's files for it. */
static void digest_case(Digest *digest, const Case *target) {
    digest_string(digest, target->meeting->file->path);
    digest_number(digest, (uint64_t)target->meeting->date.year * 10000 + (uint64_t)target->meeting->date.month * 100 +
                              (uint64_t)target->meeting->date.day);
    digest_field(digest, target->meeting->body ? target->meeting->body->id.data : "",
                 target->meeting->body ? target->meeting->body->id.length : 0);
    digest_number(digest, (uint64_t)target->number.number * 10000 + (uint64_t)target->number.year);
}

static void digest_reference(Digest *digest, const CaseRef *reference) {
    const Case *target = reference ? reference->target : NULL;
    digest_number(digest, target != NULL);
    if (target)
        digest_case(digest, target);
}

static void digest_project_file(Site *site, Digest *digest, const char *relative) {
    digest_string(digest, relative);
    StringBuffer data = {0};
    bool readable = site_read_project_file(site, relative, &data);
    digest_number(digest, readable);
    digest_field(digest, data.data, data.length);
    buffer_free(&data);
}

static uint64_t source_hash(const SourceFile *file);

void manifest_fingerprint(Site *site, const Meeting *m, MeetingBuild *build) {
    /* The file's bytes were hashed once (manifest_begin) and the
     * number is digested: the inputs' record and the index pages'
     * fingerprints need the same hash. */
    Digest digest = site->inputs;
    digest_string(&digest, m->file->path);
    digest_number(&digest, build->source_hash);
    for (const CaseRef *r = m->references; r; r = r->next)
        digest_reference(&digest, r);
    digest_reference(&digest, m->approved_in);
    /* Without approved_in, the page links the body's meeting on the
     * approval date: whether there is one, and where. */
    const Meeting *approving = present_approving_meeting(site->project, m);
    digest_string(&digest, approving ? approving->file->path : "");
    for (size_t i = 0; i < m->item_count; i++) {
        const Case *c = m->items[i].kind == ITEM_CASE ? m->items[i].case_item : NULL;
        if (!c)
            continue;
        digest_reference(&digest, c->follows_up);
        /* The forward links and the history link read other meetings. */
        for (const FollowUp *f = c->followed_up_by; f; f = f->next) {
            digest_number(&digest, present_case_withheld(site->presentation, f->by));
            digest_case(&digest, f->by);
        }
        const Case *root = present_thread_root(site->presentation, c);
        digest_number(&digest, root != NULL);
        if (root)
            digest_case(&digest, root);
        for (const Attachment *at = c->attachments; at; at = at->next) {
            if (at->target.length && !site_is_web_address(at->target))
                digest_project_file(site, &digest, site_project_relative(site, m, at->target));
        }
    }
    build->fingerprint = digest.state;
}

/* ---- before the build: the meetings' hashes, the pages' record --------- */

/* The index pages built or kept by fingerprint, from every worker. */
struct PageRecord {
    pthread_mutex_t lock;
    char **lines; /* "page FINGERPRINT PATH", malloc'd */
    size_t count, capacity;
};

static int compare_source_hashes(const void *left, const void *right) {
    uintptr_t a = (uintptr_t)((const SourceHash *)left)->file, b = (uintptr_t)((const SourceHash *)right)->file;
    return a < b ? -1 : a > b;
}

typedef struct {
    const Site *site;
    MeetingBuild *builds;
} HashJob;

static void hash_one_source(Worker *worker, size_t index, void *shared) {
    (void)worker;
    HashJob *job = shared;
    job->builds[index].source_hash = source_hash(job->site->meetings[index]->file);
}

void manifest_begin(Site *site, MeetingBuild *builds) {
    site->pages = xcalloc(1, sizeof *site->pages);
    pthread_mutex_init(&site->pages->lock, NULL);
    HashJob hashing = {site, builds};
    WorkerJob job = {NULL, hash_one_source, &hashing};
    workers_run(site->arena, site->diagnostics, site->options.jobs, site->meeting_count, &job);
    site->source_hashes = arena_alloc_array(site->arena, site->meeting_count + 1, sizeof *site->source_hashes);
    for (size_t i = 0; i < site->meeting_count; i++)
        site->source_hashes[i] = (SourceHash){site->meetings[i]->file, builds[i].source_hash};
    qsort(site->source_hashes, site->meeting_count, sizeof *site->source_hashes, compare_source_hashes);
}

/* The hash of a meeting file; one the site does not publish (none today:
 * a build needs a clean check) is hashed here. */
static uint64_t meeting_source_hash(const Site *site, const SourceFile *file) {
    SourceHash key = {file, 0};
    const SourceHash *found = site->source_hashes ? bsearch(&key, site->source_hashes, site->meeting_count,
                                                            sizeof key, compare_source_hashes)
                                                  : NULL;
    return found ? found->hash : source_hash(file);
}

static int compare_manifest_entries(const void *left, const void *right) {
    return strcmp(((const ManifestEntry *)left)->source, ((const ManifestEntry *)right)->source);
}

/* The marker file of the previous build: "referat" on its first line, then
 * per meeting "meeting FINGERPRINT SOURCE" and its files as "file PATH".
 * Anything unexpected means no reuse: a full build is always correct. */
void manifest_read(Site *site, Arena *arena) {
    size_t length = 0;
    char *text = output_read_previous(site->output, OUTPUT_MARKER, &length);
    if (!text)
        return;
    char *copy = arena_strndup(arena, text, length);
    free(text);
    size_t capacity = 0, page_capacity = 0;
    for (const char *p = copy; (p = strstr(p, "\nmeeting ")) != NULL; p++)
        capacity++;
    for (const char *p = copy; (p = strstr(p, "\npage ")) != NULL; p++)
        page_capacity++;
    site->previous = arena_alloc_array(arena, capacity + 1, sizeof *site->previous);
    site->previous_pages = arena_alloc_array(arena, page_capacity + 1, sizeof *site->previous_pages);
    ManifestEntry *entry = NULL;
    StringBuffer files = {0};
    char *save = NULL;
    bool first = true;
    for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (first) {
            first = false;
            if (strcmp(line, "referat") != 0)
                break;
            continue;
        }
        if (strncmp(line, "meeting ", 8) == 0 && site->previous_count < capacity) {
            if (entry)
                entry->files = arena_strndup(arena, files.data ? files.data : "", files.length);
            files.length = 0;
            char *end = NULL;
            unsigned long long fingerprint = strtoull(line + 8, &end, 16);
            if (!end || *end != ' ') {
                entry = NULL;
                continue;
            }
            entry = &site->previous[site->previous_count++];
            entry->fingerprint = fingerprint;
            entry->source = end + 1;
        } else if (strncmp(line, "file ", 5) == 0 && entry) {
            buffer_append_cstring(&files, line + 5);
            buffer_append_cstring(&files, "\n");
        } else if (strncmp(line, "page ", 5) == 0 && site->previous_page_count < page_capacity) {
            char *end = NULL;
            unsigned long long fingerprint = strtoull(line + 5, &end, 16);
            if (end && *end == ' ' && end[1])
                site->previous_pages[site->previous_page_count++] = (ManifestEntry){end + 1, fingerprint, end + 1};
        }
    }
    if (entry)
        entry->files = arena_strndup(arena, files.data ? files.data : "", files.length);
    buffer_free(&files);
    if (site->previous_count > 1)
        qsort(site->previous, site->previous_count, sizeof *site->previous, compare_manifest_entries);
    if (site->previous_page_count > 1)
        qsort(site->previous_pages, site->previous_page_count, sizeof *site->previous_pages, compare_manifest_entries);
}

static const ManifestEntry *previous_build(const Site *site, const char *source) {
    if (!site->previous_count)
        return NULL;
    ManifestEntry key = {source, 0, NULL};
    return bsearch(&key, site->previous, site->previous_count, sizeof key, compare_manifest_entries);
}

static void record_inputs(Site *site, uint64_t marker);
static uint64_t content_hash(const void *data, size_t length);

/* Only files inside OUT: the manifest is read, not trusted. */
static bool inside_output(const char *relative) {
    size_t length = strlen(relative);
    return relative[0] && relative[0] != '/' && strcmp(relative, "..") != 0 && strncmp(relative, "../", 3) != 0 &&
           !strstr(relative, "/../") && !(length >= 3 && strcmp(relative + length - 3, "/..") == 0);
}

/* ---- index pages kept by fingerprint --------------------------------- */

Digest manifest_page_digest(const Site *site, const char *path) {
    Digest digest = site->inputs;
    digest_string(&digest, "page");
    digest_string(&digest, path);
    return digest;
}

void manifest_digest_meeting(const Site *site, Digest *digest, const Meeting *m) {
    digest_string(digest, m->file->path);
    digest_number(digest, meeting_source_hash(site, m->file));
    /* Its text links the cases it names ("jf. sak 05/26"), in meetings
     * that may move while this one stays as it is. */
    for (const CaseRef *r = m->references; r; r = r->next)
        digest_reference(digest, r);
}

static void record_page(Site *site, const char *path, uint64_t fingerprint) {
    PageRecord *record = site->pages;
    if (!record || strchr(path, '\n'))
        return;
    size_t length = strlen(path) + 32;
    char *line = xmalloc(length);
    snprintf(line, length, "page %016llx %s", (unsigned long long)fingerprint, path);
    pthread_mutex_lock(&record->lock);
    if (record->count == record->capacity) {
        record->capacity = record->capacity ? record->capacity * 2 : 256;
        record->lines = xreallocarray(record->lines, record->capacity, sizeof *record->lines);
    }
    record->lines[record->count++] = line;
    pthread_mutex_unlock(&record->lock);
}

bool manifest_page_kept(Site *site, const char *path, uint64_t fingerprint) {
    if (!site->pages)
        return false; /* no record opened (manifest_begin): always built */
    ManifestEntry key = {path, 0, NULL};
    const ManifestEntry *previous =
        site->previous_page_count
            ? bsearch(&key, site->previous_pages, site->previous_page_count, sizeof key, compare_manifest_entries)
            : NULL;
    bool kept = previous && previous->fingerprint == fingerprint && inside_output(path) &&
                output_keep_previous(site->output, path);
    record_page(site, path, fingerprint);
    return kept;
}

static int compare_lines(const void *left, const void *right) {
    return strcmp(*(char *const *)left, *(char *const *)right);
}

/* The record's page lines, sorted: the same site gives the same marker
 * whichever worker built which page. */
static void append_pages(Site *site, StringBuffer *text) {
    PageRecord *record = site->pages;
    if (!record)
        return;
    if (record->count > 1)
        qsort(record->lines, record->count, sizeof *record->lines, compare_lines);
    for (size_t i = 0; i < record->count; i++) {
        buffer_append_cstring(text, record->lines[i]);
        buffer_append_cstring(text, "\n");
    }
}

void manifest_pages_free(Site *site) {
    PageRecord *record = site->pages;
    if (!record)
        return;
    for (size_t i = 0; i < record->count; i++)
        free(record->lines[i]);
    free(record->lines);
    pthread_mutex_destroy(&record->lock);
    free(record);
    site->pages = NULL;
}

void manifest_write(Site *site, const MeetingBuild *builds) {
    StringBuffer text = {0};
    buffer_append_cstring(&text, "referat\n");
    for (size_t i = 0; i < site->meeting_count; i++) {
        const MeetingBuild *build = &builds[i];
        if (!build->reusable || strchr(site->meetings[i]->file->path, '\n'))
            continue;
        buffer_printf(&text, "meeting %016llx %s\n", (unsigned long long)build->fingerprint,
                      site->meetings[i]->file->path);
        const char *files = build->files.data ? build->files.data : "";
        for (const char *line = files; *line;) {
            const char *end = strchr(line, '\n');
            buffer_printf(&text, "file %.*s\n", (int)(end - line), line);
            line = end + 1;
        }
    }
    append_pages(site, &text);
    site_write(site, OUTPUT_MARKER, text.data, text.length);
    record_inputs(site, content_hash(text.data ? text.data : "", text.length));
    buffer_free(&text);
}

/* Links the previous build's files of an unchanged meeting; false (and
 * the meeting is built) if any of them is missing. */
bool manifest_keep_previous(Site *site, const Meeting *m, MeetingBuild *build) {
    const ManifestEntry *entry = previous_build(site, m->file->path);
    if (!entry || entry->fingerprint != build->fingerprint || !*entry->files)
        return false;
    for (const char *line = entry->files; *line;) {
        const char *end = strchr(line, '\n');
        char *relative = arena_strndup(site->arena, line, (size_t)(end - line));
        if (!inside_output(relative) || !output_keep_previous(site->output, relative))
            return false;
        line = end + 1;
    }
    buffer_append_cstring(&build->files, entry->files);
    return true;
}


/* ---- the inputs' record: a build with nothing changed ----------------------
 *
 * Deciding "nothing changed" by reading, parsing and checking every meeting
 * costs as much as the check itself. Instead the record lists every file
 * the last build read — the meeting files (the whole list: a file added,
 * removed or renamed is a change), referat.yaml, every file in templates/
 * (the list too), the attachments and the fonts — each with its stat data
 * (device, inode, size, mtime and ctime in ns) and a hash of the bytes the
 * build used; plus a key for everything else the site depends on (the
 * version and this binary's identity, the options, the project's real
 * path: build_inputs_key). When the key and every file's stat data are as
 * recorded, the build is skipped without a meeting file being read (only
 * referat.yaml, for its `exclude:` list, and the small record itself).
 *
 * Stat data can lie: a file rewritten with the same size whose mtime is
 * put back (touch -r, os.utime, a tool that preserves times) looks
 * unchanged. So:
 *  - ctime is recorded too. No ordinary program can set it (only the
 *    clock can move it), and any write or utime moves it to now, so a rewrite with the mtime restored still
 *    differs in its ctime.
 *  - A file whose stat data differ in any way is read and hashed: the same
 *    bytes (a touched, copied or checked-out file) is no change, and the
 *    record is refreshed so that the next build need not read it again.
 *  - A file is "racy", as in git's racy-git handling, when its ctime or
 *    mtime falls within RACY_WINDOW_NS before the moment the build began
 *    reading (or later): a second write within the same timestamp tick
 *    (coarse kernel clocks; 1 s or 2 s on some file systems) leaves the
 *    stat data as they were. A racy file's stat data are not recorded
 *    (zeros), so every later build hashes it until a build records it
 *    settled; a file the build has no copy of (attachments, fonts,
 *    templates, hashed from disk when the record is written) gets no hash
 *    when racy, which forces a build.
 *  - Hashes are read before stat data are taken, so a write between the
 *    two makes the file racy rather than recorded with bytes it no longer
 *    has.
 *  - The hash is the 64-bit digest (digest.h): it guards against
 *    accidental change, not against someone forging a collision.
 *  - `build --force` skips all of this and builds everything.
 * Only a build with no diagnostics at all is recorded: diagnostics are
 * printed by the check, and the site (where the record lives, and which is
 * published) is no place to keep their text. Nor is it for the name of an
 * attachment of a withheld case: with one, nothing is recorded. The record
 * is its own file, .referat-inputs, so that the marker stays the same for
 * the same site.
 * Of the site itself, the record keeps the marker's hash and a digest of
 * the list of its files: a file deleted from OUT, or a damaged manifest,
 * is a change. A file of OUT edited in place is not seen (OUT is
 * referat's); --force builds it again. */
enum { RACY_WINDOW_NS = 2000000000 };

typedef struct {
    uint64_t device, inode, size;
    int64_t mtime, ctime;
} FileStamp;

static bool stamp_of(const char *path, FileStamp *stamp) {
    struct stat info;
    memset(stamp, 0, sizeof *stamp);
    if (stat(path, &info) != 0 || !S_ISREG(info.st_mode))
        return false;
    stamp->device = (uint64_t)info.st_dev;
    stamp->inode = (uint64_t)info.st_ino;
    stamp->size = (uint64_t)info.st_size;
    stamp->mtime = (int64_t)info.st_mtim.tv_sec * 1000000000 + info.st_mtim.tv_nsec;
    stamp->ctime = (int64_t)info.st_ctim.tv_sec * 1000000000 + info.st_ctim.tv_nsec;
    return true;
}

static bool stamp_racy(const FileStamp *stamp, int64_t read_from) {
    return read_from == 0 || stamp->ctime >= read_from - RACY_WINDOW_NS ||
           stamp->mtime >= read_from - RACY_WINDOW_NS;
}

static uint64_t content_hash(const void *data, size_t length) {
    Digest digest;
    digest_init(&digest);
    digest_field(&digest, data, length);
    return digest.state;
}

static bool file_hash(const char *path, uint64_t *hash) {
    StringBuffer data = {0};
    bool readable = buffer_read_file(&data, path, LIMIT_FILE_BYTES > LIMIT_FONT_BYTES ? LIMIT_FILE_BYTES
                                                                                      : LIMIT_FONT_BYTES) == 0;
    if (readable)
        *hash = content_hash(data.data ? data.data : "", data.length);
    buffer_free(&data);
    return readable;
}

/* The bytes a source file was read from (its text follows the byte-order
 * mark source.c skips). */
static uint64_t source_hash(const SourceFile *file) {
    return file->byte_order_mark ? content_hash(file->text - 3, file->length + 3)
                                 : content_hash(file->text, file->length);
}

static int compare_strings(const void *left, const void *right) {
    return strcmp(*(char *const *)left, *(char *const *)right);
}

/* The files in templates/ (every one, whatever its name: an added file may
 * override a built-in template), sorted. */
static size_t list_templates(Arena *arena, const char *root, char ***names) {
    size_t count = 0, capacity = 16;
    *names = arena_alloc_array(arena, capacity, sizeof **names);
    DIR *folder = opendir(arena_printf(arena, "%s/templates", root));
    struct dirent *entry;
    while (folder && (entry = readdir(folder)) != NULL) {
        if (entry->d_name[0] == '.')
            continue;
        char *relative = arena_printf(arena, "templates/%s", entry->d_name);
        struct stat info;
        if (stat(arena_printf(arena, "%s/%s", root, relative), &info) != 0 || S_ISDIR(info.st_mode))
            continue;
        if (count + 1 == capacity) {
            char **larger = arena_alloc_array(arena, capacity * 2, sizeof *larger);
            memcpy(larger, *names, count * sizeof *larger);
            *names = larger;
            capacity *= 2;
        }
        (*names)[count++] = relative;
    }
    if (folder)
        closedir(folder);
    if (count > 1)
        qsort(*names, count, sizeof **names, compare_strings);
    return count;
}

/* The files of the site in `folder` (but the manifest's two), as a digest
 * of their sorted paths: a file deleted from OUT is a change. Walked with
 * an explicit stack; readdir's file types spare a stat per file. */
static uint64_t list_outputs(Arena *arena, const char *folder, size_t *count) {
    size_t file_count = 0, file_capacity = 256, pending_count = 1, pending_capacity = 16;
    char **files = xmalloc(file_capacity * sizeof *files);
    char **pending = xmalloc(pending_capacity * sizeof *pending);
    pending[0] = xstrdup("");
    bool complete = true;
    while (pending_count) {
        char *relative = pending[--pending_count];
        DIR *listing = opendir(*relative ? arena_printf(arena, "%s/%s", folder, relative) : folder);
        complete &= listing != NULL;
        struct dirent *entry;
        while (listing && (entry = readdir(listing)) != NULL) {
            const char *name = entry->d_name;
            if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
                continue;
            if (!*relative && (strcmp(name, OUTPUT_MARKER) == 0 || strcmp(name, MANIFEST_INPUTS) == 0))
                continue;
            char *path = *relative ? arena_printf(arena, "%s/%s", relative, name) : arena_strdup(arena, name);
            unsigned char type = entry->d_type;
            if (type == DT_UNKNOWN) {
                struct stat info;
                type = lstat(arena_printf(arena, "%s/%s", folder, path), &info) == 0 && S_ISDIR(info.st_mode) ? DT_DIR
                                                                                                            : DT_REG;
            }
            if (type == DT_DIR) {
                if (pending_count == pending_capacity) {
                    pending_capacity *= 2;
                    pending = xrealloc(pending, pending_capacity * sizeof *pending);
                }
                pending[pending_count++] = xstrdup(path);
                continue;
            }
            if (file_count == file_capacity) {
                file_capacity *= 2;
                files = xrealloc(files, file_capacity * sizeof *files);
            }
            files[file_count++] = path;
        }
        if (listing)
            closedir(listing);
        free(relative);
    }
    free(pending);
    if (file_count > 1)
        qsort(files, file_count, sizeof *files, compare_strings);
    Digest digest;
    digest_init(&digest);
    for (size_t i = 0; i < file_count; i++)
        digest_string(&digest, files[i]);
    free(files);
    *count = file_count;
    return complete ? digest.state : 0;
}

/* One line: "input KIND HASH DEVICE INODE SIZE MTIME CTIME PATH"; HASH is
 * "-" when unknown, the stat data zeros when racy. `used` is the hash of
 * the build's copy of the bytes (NULL: hashed from disk, before the stat). */
static void record_input(StringBuffer *text, int64_t read_from, const char *kind, const char *path, const char *full,
                         const uint64_t *used) {
    uint64_t hash = 0;
    bool hashed = used ? (hash = *used, true) : file_hash(full, &hash);
    FileStamp stamp;
    bool present = stamp_of(full, &stamp);
    bool racy = !present || stamp_racy(&stamp, read_from);
    if (racy && !used)
        hashed = false;
    if (racy)
        memset(&stamp, 0, sizeof stamp);
    if (hashed && present)
        buffer_printf(text, "input %s %016llx", kind, (unsigned long long)hash);
    else
        buffer_printf(text, "input %s -", kind);
    buffer_printf(text, " %llu %llu %llu %lld %lld %s\n", (unsigned long long)stamp.device,
                  (unsigned long long)stamp.inode, (unsigned long long)stamp.size, (long long)stamp.mtime,
                  (long long)stamp.ctime, path);
}

/* The attachments of every meeting (the check reads them all), as
 * project-relative paths, sorted and unique. *unpublishable: one of them
 * belongs to a case this edition withholds — its name may not be
 * published, and the record is in the site. */
static size_t list_attachments(Site *site, char ***paths, bool *unpublishable) {
    const Project *project = site->project;
    size_t count = 0, capacity = 16;
    *paths = arena_alloc_array(site->arena, capacity, sizeof **paths);
    for (size_t m = 0; m < project->meeting_count; m++) {
        const Meeting *meeting = project->meetings[m];
        for (size_t i = 0; i < meeting->case_count; i++)
            for (const Attachment *at = meeting->cases[i]->attachments; at; at = at->next) {
                if (!at->target.length || site_is_web_address(at->target))
                    continue;
                *unpublishable |= present_case_withheld(site->presentation, meeting->cases[i]);
                if (count + 1 == capacity) {
                    char **larger = arena_alloc_array(site->arena, capacity * 2, sizeof *larger);
                    memcpy(larger, *paths, count * sizeof *larger);
                    *paths = larger;
                    capacity *= 2;
                }
                (*paths)[count++] = (char *)site_project_relative(site, meeting, at->target);
            }
    }
    if (count > 1)
        qsort(*paths, count, sizeof **paths, compare_strings);
    size_t unique = 0;
    for (size_t i = 0; i < count; i++)
        if (!unique || strcmp((*paths)[unique - 1], (*paths)[i]) != 0)
            (*paths)[unique++] = (*paths)[i];
    return unique;
}

/* The record, or none when the build cannot be recorded (diagnostics, a
 * path with a line break). */
static void record_inputs(Site *site, uint64_t marker) {
    const Project *project = site->project;
    if (site->diagnostics->count || site->diagnostics->io_error || !project->root)
        return;
    StringBuffer inputs = {0};
    bool recordable = true;
    int64_t read_from = project->read_from_ns;
    size_t output_count = 0;
    uint64_t outputs = list_outputs(site->arena, site->output->staging, &output_count);
    buffer_printf(&inputs, "referat inputs\ninputs %016llx\nmarker %016llx\noutputs %zu %016llx\n",
                  (unsigned long long)site->inputs_key, (unsigned long long)marker, output_count,
                  (unsigned long long)outputs);
    const char *root = project->root;
    uint64_t config_hash = project->config_file ? source_hash(project->config_file) : 0;
    record_input(&inputs, read_from, "file", "referat.yaml", arena_printf(site->arena, "%s/referat.yaml", root),
                 project->config_file ? &config_hash : NULL);
    for (size_t i = 0; i < project->meeting_count; i++) {
        const SourceFile *file = project->meetings[i]->file;
        recordable &= !strchr(file->path, '\n');
        uint64_t hash = meeting_source_hash(site, file);
        record_input(&inputs, read_from, "meeting", file->path, arena_printf(site->arena, "%s/%s", root, file->path),
                     &hash);
    }
    char **names = NULL;
    size_t count = list_templates(site->arena, root, &names);
    for (size_t i = 0; i < count; i++) {
        recordable &= !strchr(names[i], '\n');
        record_input(&inputs, read_from, "template", names[i], arena_printf(site->arena, "%s/%s", root, names[i]),
                     NULL);
    }
    bool unpublishable = false;
    count = list_attachments(site, &names, &unpublishable);
    recordable &= !unpublishable;
    for (size_t i = 0; i < count; i++) {
        recordable &= !strchr(names[i], '\n');
        record_input(&inputs, read_from, "file", names[i], arena_printf(site->arena, "%s/%s", root, names[i]), NULL);
    }
    if (site->options.outputs & BUILD_PDF)
        for (int style = 0; style < PDF_FONT_COUNT; style++) {
            char *path = arena_printf(site->arena, "%s/%s", site->font_directory, PDF_FONT_FILES[style]);
            recordable &= !strchr(path, '\n');
            record_input(&inputs, read_from, "font", path, path, NULL);
        }
    if (recordable)
        site_write(site, MANIFEST_INPUTS, inputs.data, inputs.length);
    buffer_free(&inputs);
}

/* ---- checking the record --------------------------------------------- */

typedef struct {
    const char *kind, *hash, *path;
    FileStamp stamp;
    bool refreshed; /* stat data differed, bytes did not: new stat data */
} RecordedInput;

static bool parse_input(Arena *arena, char *line, RecordedInput *input) {
    char kind[16], hash[17];
    unsigned long long device, inode, size;
    long long mtime, ctime;
    int consumed = 0;
    if (sscanf(line, "input %15s %16s %llu %llu %llu %lld %lld%n", kind, hash, &device, &inode, &size, &mtime, &ctime,
               &consumed) != 7 ||
        line[consumed] != ' ' || !line[consumed + 1])
        return false;
    memset(input, 0, sizeof *input);
    input->kind = strcmp(kind, "meeting") == 0    ? "meeting"
                  : strcmp(kind, "template") == 0 ? "template"
                  : strcmp(kind, "font") == 0     ? "font"
                                                  : "file";
    input->hash = strcmp(hash, "-") == 0 ? NULL : arena_strndup(arena, hash, 16);
    input->stamp = (FileStamp){device, inode, size, mtime, ctime};
    input->path = line + consumed + 1;
    return true;
}

static bool stamps_equal(const FileStamp *a, const FileStamp *b) {
    return a->device == b->device && a->inode == b->inode && a->size == b->size && a->mtime == b->mtime &&
           a->ctime == b->ctime;
}

/* The file as recorded: the same stat data (not zeros), or else the same
 * bytes (then its new stat data are kept, if settled). */
static bool input_unchanged(Arena *arena, const char *root, RecordedInput *input, int64_t started) {
    const char *full = strcmp(input->kind, "font") == 0 ? input->path : arena_printf(arena, "%s/%s", root, input->path);
    FileStamp now;
    bool present = stamp_of(full, &now);
    if (present && input->stamp.inode && stamps_equal(&now, &input->stamp))
        return true;
    uint64_t hash;
    if (!input->hash || !file_hash(full, &hash) || strtoull(input->hash, NULL, 16) != hash)
        return false;
    if (stamp_of(full, &now) && !stamp_racy(&now, started)) {
        input->stamp = now;
        input->refreshed = true;
    }
    return true;
}

/* The same paths, in the same (sorted) order. */
static bool same_list(RecordedInput *inputs, size_t input_count, const char *kind, char **paths, size_t count) {
    size_t seen = 0;
    for (size_t i = 0; i < input_count; i++) {
        if (strcmp(inputs[i].kind, kind) != 0)
            continue;
        if (seen == count || strcmp(inputs[i].path, paths[seen]) != 0)
            return false;
        seen++;
    }
    return seen == count;
}

static bool inputs_unchanged(Arena *arena, Diagnostics *diagnostics, const char *root, const char *out, uint64_t key,
                             size_t *meeting_count) {
    struct timespec clock;
    clock_gettime(CLOCK_REALTIME, &clock);
    int64_t started = (int64_t)clock.tv_sec * 1000000000 + clock.tv_nsec;
    char *marker = arena_printf(arena, "%s/%s", out, MANIFEST_INPUTS);
    StringBuffer data = {0};
    if (!output_is_site(out) || buffer_read_file(&data, marker, LIMIT_FILE_BYTES) != 0 || data.length < 15 ||
        memcmp(data.data, "referat inputs\n", 15) != 0) {
        buffer_free(&data);
        return false;
    }
    size_t length = data.length;
    char *text = arena_strndup(arena, data.data, length);
    buffer_free(&data);
    size_t lines = 1;
    for (const char *p = text; (p = strchr(p, '\n')) != NULL; p++)
        lines++;
    RecordedInput *inputs = arena_alloc_array(arena, lines, sizeof *inputs);
    size_t input_count = 0, meetings = 0;
    bool keyed = false, readable = true, complete = false, marked = false;
    const char *marker_line = NULL, *outputs_line = NULL;
    /* Lines are split in place; the record is put together again below. */
    for (char *line = text, *end; line && *line; line = end ? end + 1 : NULL) {
        end = strchr(line, '\n');
        if (end)
            *end = '\0';
        if (strncmp(line, "inputs ", 7) == 0)
            keyed = strtoull(line + 7, NULL, 16) == key && strlen(line) == 7 + 16;
        else if (strncmp(line, "marker ", 7) == 0)
            marker_line = line;
        else if (strncmp(line, "outputs ", 8) == 0)
            outputs_line = line;
        else if (strncmp(line, "input ", 6) == 0) {
            readable &= parse_input(arena, line, &inputs[input_count]);
            meetings += readable && strcmp(inputs[input_count].kind, "meeting") == 0;
            input_count++;
        }
    }
    bool unchanged = keyed && readable;
    /* The project's meeting files and templates are still the ones
     * recorded: nothing added, removed or renamed. */
    Project project;
    char **paths = NULL;
    size_t count = 0;
    if (unchanged)
        unchanged = project_meeting_paths(arena, diagnostics, root, &project, &paths, &count) && !diagnostics->count &&
                    same_list(inputs, input_count, "meeting", paths, count);
    if (unchanged) {
        count = list_templates(arena, root, &paths);
        unchanged = same_list(inputs, input_count, "template", paths, count);
    }
    bool refreshed = false;
    for (size_t i = 0; unchanged && i < input_count; i++) {
        unchanged = input_unchanged(arena, root, &inputs[i], started);
        refreshed |= inputs[i].refreshed;
    }
    /* The site itself, last: an edited meeting (the usual change) is found
     * above without hashing the manifest or listing the site's files. */
    if (unchanged && marker_line) {
        /* The manifest the next build reads is the one written. */
        uint64_t hash = 0;
        marked = file_hash(arena_printf(arena, "%s/%s", out, OUTPUT_MARKER), &hash) &&
                 strtoull(marker_line + 7, NULL, 16) == hash;
    }
    if (unchanged && marked && outputs_line) {
        /* The site is all there: no file deleted from it. */
        unsigned long long recorded_count = 0, recorded = 0;
        size_t listed = 0;
        complete = sscanf(outputs_line + 8, "%llu %llx", &recorded_count, &recorded) == 2 && recorded &&
                   list_outputs(arena, out, &listed) == recorded && listed == recorded_count;
    }
    unchanged = unchanged && marked && complete;
    if (unchanged && refreshed) {
        /* Touched but unchanged files: their new stat data are recorded, so
         * that the next build need not read them. */
        StringBuffer again = {0};
        size_t next = 0;
        for (const char *line = text; line < text + length; line += strlen(line) + 1) {
            if (strncmp(line, "input ", 6) != 0 || next == input_count) {
                buffer_printf(&again, "%s\n", line);
                continue;
            }
            const RecordedInput *input = &inputs[next++];
            buffer_printf(&again, "input %s %s %llu %llu %llu %lld %lld %s\n", input->kind, input->hash ? input->hash : "-",
                          (unsigned long long)input->stamp.device, (unsigned long long)input->stamp.inode,
                          (unsigned long long)input->stamp.size, (long long)input->stamp.mtime,
                          (long long)input->stamp.ctime, input->path);
        }
        output_write_file(marker, again.data, again.length);
        buffer_free(&again);
    }
    *meeting_count = meetings;
    return unchanged;
}

bool manifest_inputs_unchanged(const char *root, const char *out, uint64_t key, size_t *meeting_count) {
    Arena arena;
    arena_init(&arena);
    Diagnostics diagnostics;
    diag_init(&diagnostics, &arena);
    bool unchanged = inputs_unchanged(&arena, &diagnostics, root, out, key, meeting_count);
    diag_dispose(&diagnostics);
    arena_free(&arena);
    return unchanged;
}
