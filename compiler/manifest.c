/* manifest: what makes builds incremental. OUT's marker file records, per
 * meeting, the fingerprint of everything its files were made from and the
 * files themselves; a meeting whose fingerprint is unchanged keeps the
 * previous build's files (linked, not rewritten). Anything unexpected in
 * the record means no reuse: a full build is always correct. */
#include "manifest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

uint64_t manifest_fingerprint(Site *site, const Meeting *m) {
    Digest digest = site->inputs;
    digest_string(&digest, m->file->path);
    digest_field(&digest, m->file->text, m->file->length);
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
    return digest.state;
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
    size_t capacity = 0;
    for (const char *p = copy; (p = strstr(p, "\nmeeting ")) != NULL; p++)
        capacity++;
    site->previous = arena_alloc_array(arena, capacity + 1, sizeof *site->previous);
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
        }
    }
    if (entry)
        entry->files = arena_strndup(arena, files.data ? files.data : "", files.length);
    buffer_free(&files);
    if (site->previous_count > 1)
        qsort(site->previous, site->previous_count, sizeof *site->previous, compare_manifest_entries);
}

static const ManifestEntry *previous_build(const Site *site, const char *source) {
    if (!site->previous_count)
        return NULL;
    ManifestEntry key = {source, 0, NULL};
    return bsearch(&key, site->previous, site->previous_count, sizeof key, compare_manifest_entries);
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
    site_write(site, OUTPUT_MARKER, text.data, text.length);
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
        /* Only files inside OUT: the manifest is read, not trusted. */
        bool inside = relative[0] && relative[0] != '/' && strcmp(relative, "..") != 0 &&
                      strncmp(relative, "../", 3) != 0 && !strstr(relative, "/../") &&
                      !(strlen(relative) >= 3 && strcmp(relative + strlen(relative) - 3, "/..") == 0);
        if (!inside || !output_keep_previous(site->output, relative))
            return false;
        line = end + 1;
    }
    buffer_append_cstring(&build->files, entry->files);
    return true;
}

