/* site: the build's shared state (site.h): where every file is written,
 * and where attachments are. */
#include "site.h"

#include <stdio.h>
#include <string.h>

#include "limits.h"

void site_write(Site *site, const char *relative, const char *data, size_t length) {
    output_write(site->output, relative, data, length);
    if (site->current) {
        if (strchr(relative, '\n'))
            site->current->reusable = false; /* the manifest has a path per line */
        buffer_append_cstring(&site->current->files, relative);
        buffer_append_cstring(&site->current->files, "\n");
    }
}


bool site_is_web_address(Slice target) {
    return (target.length > 7 && strncmp(target.data, "http://", 7) == 0) ||
           (target.length > 8 && strncmp(target.data, "https://", 8) == 0);
}

const char *site_project_relative(Site *site, const Meeting *m, Slice target) {
    const char *slash = strrchr(m->file->path, '/');
    char *joined = arena_printf(site->arena, "%.*s%s%.*s", slash ? (int)(slash - m->file->path) : 0, m->file->path,
                                slash ? "/" : "", (int)target.length, target.data);
    /* Resolve "." and ".." lexically. */
    char *parts[256];
    size_t count = 0;
    char *save = NULL;
    for (char *part = strtok_r(joined, "/", &save); part && count < 256; part = strtok_r(NULL, "/", &save)) {
        if (strcmp(part, ".") == 0)
            continue;
        if (strcmp(part, "..") == 0) {
            if (count)
                count--;
            continue;
        }
        parts[count++] = part;
    }
    StringBuffer path = {0};
    for (size_t i = 0; i < count; i++) {
        if (i)
            buffer_append_cstring(&path, "/");
        buffer_append_cstring(&path, parts[i]);
    }
    char *result = arena_strndup(site->arena, path.data ? path.data : "", path.length);
    buffer_free(&path);
    return result;
}


bool site_read_project_file(Site *site, const char *relative, StringBuffer *data) {
    char *full = arena_printf(site->arena, "%s/%s", site->project->root, relative);
    return buffer_read_file(data, full, LIMIT_FILE_BYTES) == 0;
}

