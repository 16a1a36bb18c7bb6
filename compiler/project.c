/* project: find the meeting files (every *.md below the root except hidden
 * entries, README files, templates/ and the folders in `exclude:`), then
 * run source → lex → parse on each, in path order so that output is
 * deterministic. */
#include "project.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "limits.h"
#include "memory.h"
#include "output.h"
#include "parse.h"
#include "workers.h"

typedef struct {
    char **paths;
    size_t count, capacity;
} PathList;

static void path_list_add(PathList *list, const char *path) {
    if (list->count == list->capacity) {
        list->capacity = list->capacity ? list->capacity * 2 : 64;
        list->paths = xrealloc(list->paths, list->capacity * sizeof *list->paths);
    }
    list->paths[list->count] = xstrdup(path);
    list->count++;
}

static bool has_suffix(const char *name, const char *suffix) {
    size_t n = strlen(name), m = strlen(suffix);
    return n > m && strcasecmp(name + n - m, suffix) == 0;
}

static bool excluded(const Project *project, const char *relative) {
    for (size_t i = 0; i < project->exclude_count; i++) {
        Slice prefix = project->exclude[i];
        if (strncmp(relative, prefix.data, prefix.length) == 0 &&
            (relative[prefix.length] == '\0' || relative[prefix.length] == '/'))
            return true;
    }
    return false;
}

static void walk(Arena *arena, Diagnostics *diagnostics, const Project *project, const char *relative, int depth,
                 PathList *list) {
    char *full = relative[0] ? arena_printf(arena, "%s/%s", project->root, relative) : arena_strdup(arena, project->root);
    DIR *directory = opendir(full);
    if (!directory) {
        Span span = {NULL, 0, 0, 0, 0};
        diag_report_io(diagnostics, DIAG_E_FILE, span, "cannot read folder '%s': %s", full, strerror(errno));
        return;
    }
    struct dirent *entry;
    while ((entry = readdir(directory)) != NULL) {
        const char *name = entry->d_name;
        if (name[0] == '.')
            continue;
        char *path = relative[0] ? arena_printf(arena, "%s/%s", relative, name) : arena_strdup(arena, name);
        if (excluded(project, path))
            continue;
        if (depth == 0 && strcmp(name, "templates") == 0)
            continue;
        struct stat info;
        char *entry_path = arena_printf(arena, "%s/%s", project->root, path);
        /* readdir's type spares a stat per meeting file (the no-op build
         * lists them all); an unknown type is asked for. */
        if (entry->d_type == DT_REG)
            info.st_mode = S_IFREG;
        else if (lstat(entry_path, &info) != 0)
            continue;
        if (S_ISDIR(info.st_mode) && has_suffix(name, ".md")) {
            SourceFile *named = arena_alloc(arena, sizeof *named);
            named->path = path;
            Span span = {named, 1, 1, 1, 1};
            diag_report_io(diagnostics, DIAG_E_FILE, span, "'%s' is a folder, not a meeting file", path);
            continue;
        }
        if (S_ISDIR(info.st_mode)) {
            /* A site referat built (it may sit inside the project) holds
             * copies of attachments, not meetings. */
            if (output_is_site(entry_path))
                continue;
            if (depth < LIMIT_DIRECTORY_DEPTH) {
                walk(arena, diagnostics, project, path, depth + 1, list);
            } else {
                /* Skipping it quietly would drop its meetings from the site. */
                SourceFile *named = arena_alloc(arena, sizeof *named);
                named->path = path;
                Span span = {named, 1, 1, 1, 1};
                diag_report(diagnostics, DIAG_E_LIMIT, span,
                            "folder '%s' is too deep to be read (the limit is %d folders below the project)", path,
                            LIMIT_DIRECTORY_DEPTH);
            }
            continue;
        }
        /* Symbolic links to folders are not followed (no cycles); a link to
         * a file is read like the file. */
        if (!has_suffix(name, ".md") || strcasecmp(name, "README.md") == 0)
            continue;
        if (S_ISLNK(info.st_mode) && stat(entry_path, &info) != 0) {
            SourceFile *named = arena_alloc(arena, sizeof *named);
            named->path = path;
            Span span = {named, 1, 1, 1, 1};
            diag_report_io(diagnostics, DIAG_E_FILE, span, "'%s' is a symbolic link to nothing", path);
            continue;
        }
        if (S_ISDIR(info.st_mode))
            continue; /* a link to a folder is not followed */
        path_list_add(list, path);
    }
    closedir(directory);
}

static int compare_paths(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Loading and parsing a file touches only that file, the read-only project
 * configuration and the worker's own arena and diagnostics, so files are
 * shared out to `jobs` threads; results keep path order. */
typedef struct {
    Project *project;
    char **paths;
    Meeting **results;
} LoadJob;

static void load_file(Worker *worker, size_t index, void *shared) {
    LoadJob *job = shared;
    job->results[index] = project_parse_file(&worker->arena, &worker->diagnostics, job->project, job->paths[index]);
}

Meeting *project_parse_file(Arena *arena, Diagnostics *diagnostics, const Project *project, const char *relative) {
    SourceFile *file = source_load(arena, diagnostics, project->root, relative);
    return file ? parse_meeting(arena, diagnostics, project, file) : NULL;
}

static void load_files(Arena *arena, Diagnostics *diagnostics, Project *project, char **paths, size_t count,
                       unsigned jobs) {
    LoadJob load = {project, paths, arena_alloc_array(arena, count + 1, sizeof(Meeting *))};
    WorkerJob job = {NULL, load_file, &load};
    workers_run(arena, diagnostics, jobs, count, &job);
    for (size_t i = 0; i < count; i++) {
        if (load.results[i])
            project->meetings[project->meeting_count++] = load.results[i];
    }
}

bool project_load_config(Arena *arena, Diagnostics *diagnostics, const char *root, Project *project) {
    memset(project, 0, sizeof *project);
    struct timespec now;
    if (clock_gettime(CLOCK_REALTIME, &now) == 0)
        project->read_from_ns = (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
    project->root = arena_strdup(arena, root);
    project->language = LANGUAGE_NB;
    struct stat info;
    if (stat(root, &info) != 0 || !S_ISDIR(info.st_mode)) {
        Span span = {NULL, 0, 0, 0, 0};
        diag_report_io(diagnostics, DIAG_E_FILE, span, "'%s' is not a folder", root);
        return false;
    }
    return config_load(arena, diagnostics, project);
}

size_t project_list_meeting_files(Arena *arena, Diagnostics *diagnostics, const Project *project, char ***paths) {
    PathList list = {0};
    walk(arena, diagnostics, project, "", 0, &list);
    if (list.count > 1)
        qsort(list.paths, list.count, sizeof *list.paths, compare_paths);
    size_t count = list.count;
    if (count > LIMIT_MEETING_FILES) {
        Span span = {NULL, 0, 0, 0, 0};
        diag_report(diagnostics, DIAG_E_LIMIT, span, "too many meeting files (%zu; the limit is %d)", count,
                    LIMIT_MEETING_FILES);
        count = LIMIT_MEETING_FILES;
    }
    *paths = arena_alloc_array(arena, count + 1, sizeof **paths);
    for (size_t i = 0; i < list.count; i++) {
        if (i < count)
            (*paths)[i] = arena_strdup(arena, list.paths[i]);
        free(list.paths[i]);
    }
    free(list.paths);
    return count;
}

bool project_is_meeting_path(const Project *project, const char *relative) {
    if (!has_suffix(relative, ".md") || excluded(project, relative))
        return false;
    const char *name = strrchr(relative, '/');
    name = name ? name + 1 : relative;
    if (strcasecmp(name, "README.md") == 0 || strncmp(relative, "templates/", 10) == 0)
        return false;
    /* Hidden entries at any depth are not walked. */
    for (const char *part = relative; part; part = strchr(part, '/'), part = part ? part + 1 : NULL)
        if (*part == '.')
            return false;
    return true;
}

bool project_meeting_paths(Arena *arena, Diagnostics *diagnostics, const char *root, Project *project,
                           char ***paths, size_t *count) {
    if (!project_load_config(arena, diagnostics, root, project)) {
        *paths = arena_alloc_array(arena, 1, sizeof **paths);
        *count = 0;
        return false;
    }
    *count = project_list_meeting_files(arena, diagnostics, project, paths);
    return true;
}

bool project_load(Arena *arena, Diagnostics *diagnostics, const char *root, Project *project, unsigned jobs) {
    if (!project_load_config(arena, diagnostics, root, project))
        return false;
    char **paths;
    size_t count = project_list_meeting_files(arena, diagnostics, project, &paths);
    project->meetings = arena_alloc_array(arena, count + 1, sizeof *project->meetings);
    load_files(arena, diagnostics, project, paths, count, jobs);
    return true;
}
