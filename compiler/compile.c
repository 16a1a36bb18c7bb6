/* compile: the library face (referat.h) over the pipeline — project.c
 * reads and parses the files, check_*.c check them, diag.c renders what
 * they found. It owns nothing of its own but the order of those calls. */
#include "referat.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "limits.h"
#include "project.h"
#include "trace.h"

void compilation_run(Compilation *c, const char *directory, unsigned jobs) {
    trace_enabled(); /* the first mark: read-and-parse is timed from here */
    arena_init(&c->arena);
    diag_init(&c->diagnostics, &c->arena);
    c->loaded = project_load(&c->arena, &c->diagnostics, directory ? directory : ".", &c->project, jobs);
    trace_phase("read-and-parse");
    if (c->loaded)
        check_project(&c->arena, &c->diagnostics, &c->project, jobs);
    trace_phase("check");
}

bool compilation_clean(const Compilation *c) {
    return c->loaded && !c->diagnostics.io_error && c->diagnostics.error_count == 0;
}

int compilation_exit_status(const Compilation *c, bool werror) {
    if (!c->loaded || c->diagnostics.io_error)
        return REFERAT_EXIT_USAGE;
    if (c->diagnostics.error_count || (werror && c->diagnostics.warning_count))
        return REFERAT_EXIT_ERRORS;
    return REFERAT_EXIT_OK;
}

/* "DIR/" for a DIR other than the working directory itself, so that
 * `referat check sub/project --format gcc` prints sub/project/meetings/…,
 * which editors and GitHub resolve from where the command ran. */
static const char *path_prefix(Arena *arena, const char *directory) {
    if (!directory || !*directory)
        return "";
    size_t length = strlen(directory);
    while (length > 1 && directory[length - 1] == '/')
        length--;
    while (length >= 2 && directory[0] == '.' && directory[1] == '/') {
        directory += 2;
        length -= 2;
        while (length && directory[0] == '/') {
            directory++;
            length--;
        }
    }
    if (length == 0 || (length == 1 && directory[0] == '.'))
        return "";
    if (directory[length - 1] == '/')
        return arena_strndup(arena, directory, length);
    return arena_printf(arena, "%.*s/", (int)length, directory);
}

void compilation_report(Compilation *c, FILE *out, DiagFormat format, bool colour, const char *directory) {
    diag_sort(&c->diagnostics);
    DiagRenderOptions options = {format, colour && format == DIAG_FORMAT_HUMAN,
                                 format == DIAG_FORMAT_JSON ? "" : path_prefix(&c->arena, directory)};
    diag_render(&c->diagnostics, out, options);
}

char *compilation_project_of(Arena *arena, const char *real) {
    char *folder = arena_strdup(arena, real);
    char *slash;
    while ((slash = strrchr(folder, '/')) != NULL && slash != folder) {
        *slash = '\0';
        if (access(arena_printf(arena, "%s/referat.yaml", folder), F_OK) == 0)
            return folder;
    }
    return NULL;
}

bool compilation_of_file(const char *path, Compilation *c, const Meeting **meeting) {
    *meeting = NULL;
    char *real = realpath(path, NULL);
    Arena scratch;
    arena_init(&scratch);
    char *folder = real ? compilation_project_of(&scratch, real) : NULL;
    if (!folder) {
        fprintf(stderr, "referat: %s is not a file in a project (no referat.yaml above it)\n", path);
        free(real);
        arena_free(&scratch);
        return false;
    }
    compilation_run(c, folder, compilation_default_jobs());
    const char *relative = real + strlen(folder) + 1;
    for (size_t i = 0; c->loaded && i < c->project.meeting_count; i++)
        if (strcmp(c->project.meetings[i]->file->path, relative) == 0 && c->project.meetings[i]->front_matter_read)
            *meeting = c->project.meetings[i];
    free(real);
    arena_free(&scratch);
    return true;
}

void compilation_free(Compilation *c) {
    diag_dispose(&c->diagnostics);
    arena_free(&c->arena);
}

unsigned compilation_default_jobs(void) {
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    return cores < 1 ? 1 : cores > LIMIT_JOBS ? LIMIT_JOBS : (unsigned)cores;
}
